package io.sessionflow.coordinator;

import io.sessionflow.config.ConfigValues;
import io.sessionflow.agent.Agent;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionLoadException;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main coordinator (the analysis's BacktestStreamCoordinator plus session tracking) as a duty-cycle agent: each
 * {@link #doWork()} merges a bounded number of events from its inputs in delivery order into SessionData and to the
 * listeners, under an explicit session phase machine. Waiting for a session's split, for a silent input, for pacing
 * or for the live clock are deadlines checked here, never blocking waits; stop and pause are commands it obeys at
 * the next duty cycle. A runner thread or the caller's own thread calls {@code doWork()}.
 *
 * <p>Threading: one thread at a time calls {@link #doWork()} (the owner of the merge, the session state and
 * SessionData's writer); any thread registers streams, subscribes, creates inputs and sends commands.
 */
public final class StreamCoordinator implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCoordinator.class);
    /** Events merged per duty cycle at most: bounds how late a command or a deadline is noticed. */
    private static final int EVENTS_PER_CYCLE = 4_096;
    /** Live: how often an idle coordinator looks at the clock (session ends, window flushes, checks). */
    private static final long LIVE_POLL_NANOS = 20_000_000L;


    private final SessionConfig config;
    private final TimeProvider time;
    private final SystemManager system;
    private final SessionDataWriter writer;
    private final WallClock wall;
    private final TradingCalendar calendar;
    private final List<TradingSession> backtestSessions;
    private final SessionSource source;
    private final WakeSignal signal;
    private final StreamRegistry registry;
    private final EventDispatcher dispatch;
    private final SessionAccounting accounting;
    private final Pacer pacer;
    private final LiveChecks liveChecks;
    private final SessionMerge merge;
    private final List<SessionSummary> summaries = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile Phase phase;
    private volatile RunResult result;
    private volatile long publishedEvents;
    private volatile LocalDate progressDate;
    private volatile int sessionsDone;
    private volatile int prefetchesUsed;

    // Agent-thread state.
    private final SplitInputs storage;
    private TradingSession session;
    private int sessionIndex = -1;
    private SessionRequest awaited;
    private SessionRequest prefetched;
    private boolean awaitedPrefetched;
    private LocalDate lastEnded;
    private long closeMicros;
    private long deadlineNanos = Long.MAX_VALUE;
    private boolean timerExpired;
    private long pausedAt = Long.MIN_VALUE;
    private long runStartWall = Long.MIN_VALUE;
    private long wakeAt = Long.MAX_VALUE;

    StreamCoordinator(CoordinatorBuilder b) {
        this.config = b.config;
        this.time = b.time;
        this.system = b.system;
        this.writer = b.data.claimWriter();
        this.wall = b.wall;
        this.calendar = b.calendar;
        this.backtestSessions = b.sessions == null ? null : List.copyOf(b.sessions);
        this.source = b.source;
        this.signal = b.signal;
        this.registry = new StreamRegistry(b.data);
        Interval[] derived = config.derivedIntervals().toArray(new Interval[0]);
        this.dispatch = new EventDispatcher(writer, registry, derived);
        this.accounting = new SessionAccounting(writer, registry, derived, config, calendar);
        this.pacer = new Pacer(wall, backtestSessions == null ? 0 : config.backtestSpeed());
        this.merge = new SessionMerge(registry, signal, dispatch, time, wall, pacer, backtestSessions != null,
                () -> stopRequested || system.isPaused());
        this.liveChecks = backtestSessions == null && source.checksCompleteness()
                ? new LiveChecks(config, registry, dispatch, time.marketMicros(LiveChecks.GRACE_MICROS)) : null;
        // The split's inputs come first: at equal times their events go before a publisher's.
        this.storage = new SplitInputs(input("storage bars", 4), input("storage quote bars", 4),
                input("storage quotes", 4),
                input("storage trades", 4), input("completeness checks", 4));
        if (backtestSessions != null) {
            if (backtestSessions.isEmpty()) {
                throw new IllegalArgumentException("a backtest needs at least one session");
            }
            phase = Phase.AWAITING_SPLIT;
        } else {
            phase = Phase.BETWEEN_SESSIONS;
        }
    }

    public static CoordinatorBuilder builder() {
        return new CoordinatorBuilder();
    }

    @Override
    public String roleName() {
        return "coordinator";
    }

    /**
     * A new input of the merge, holding at most {@code capacity} batches; it is treated as idle for the rest of a
     * session once it has held back the merge for {@code idleTimeout} with nothing sent.
     */
    public EventQueue newInput(String name, int capacity, Duration idleTimeout) {
        EventQueue q = new EventQueue(name, capacity, signal, idleTimeout, config.refillTimeout());
        registry.addInput(q);
        signal.wake();
        return q;
    }

    private EventQueue input(String name, int capacity) {
        return newInput(name, capacity, config.sessionEndTimeout());
    }

    /** Registers the {@code type} stream of each of {@code symbols}; idempotent; takes effect from the next event. */
    public void register(Collection<Symbol> symbols, StreamType type) {
        registry.register(symbols, type);
    }

    /** Cancels the stream: its events are skipped from now on, other streams are undisturbed. */
    public void cancel(Symbol symbol, StreamType type) {
        registry.cancel(symbol, type);
    }

    public boolean isRegistered(Symbol symbol, StreamType type) {
        return registry.isRegistered(symbol, type);
    }

    public void subscribe(MarketDataListener listener) {
        registry.subscribe(listener);
    }

    public void unsubscribe(MarketDataListener listener) {
        registry.unsubscribe(listener);
    }

    /** Asks the run to end; obeyed at the next duty cycle, with outcome STOPPED. Safe from any thread. */
    public void requestStop() {
        stopRequested = true;
        signal.wake();
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    /** Waits up to {@code timeout} for the run to end; null when it is still running. */
    public RunResult await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit) ? result : null;
    }

    /** The result once the run has ended, else null. */
    public RunResult result() {
        return result;
    }

    /** Events delivered so far (updated at the end of every duty cycle). */
    public long eventsDelivered() {
        return publishedEvents;
    }

    public int sessionsDone() {
        return sessionsDone;
    }

    /** Sessions whose split was requested while the previous session streamed, and used. */
    public int prefetchedSessions() {
        return prefetchesUsed;
    }

    public boolean timerExpired() {
        return system.streamCoordinatorTimerExpired();
    }

    /** The session being streamed, for progress reports; null before the first. */
    public LocalDate progressDate() {
        return progressDate;
    }

    @Override
    public boolean isDone() {
        return phase == Phase.FINISHED;
    }

    @Override
    public long wakeAtNanos() {
        return wakeAt;
    }

    // ------------------------------------------------------------------------------------------------ duty cycle

    @Override
    public int doWork() {
        if (phase == Phase.FINISHED) {
            return 0;
        }
        if (runStartWall == Long.MIN_VALUE) {
            runStartWall = wall.nanoTime();
        }
        wakeAt = Long.MAX_VALUE;
        int work;
        try {
            if (stopRequested) {
                finish(RunResult.Outcome.STOPPED, null);
                return 1;
            }
            if (holdForPause()) {
                return 0;
            }
            work = switch (phase) {
                case AWAITING_SPLIT -> awaitSplit();
                case STREAMING -> stream();
                case ENDING -> endLive();
                case BETWEEN_SESSIONS -> betweenSessions();
                case FINISHED -> 0;
            };
        } catch (Throwable t) {
            if (stopRequested) {
                finish(RunResult.Outcome.STOPPED, null);  // a stop cuts a listener or a wait short: not a failure
            } else {
                LOG.error("coordinator failed: {}", t.toString());
                finish(RunResult.Outcome.FAILED, t);
            }
            return 1;
        }
        publishedEvents = dispatch.events();
        if (backtestSessions == null) {
            wakeAt = Math.min(wakeAt, wall.nanoTime() + LIVE_POLL_NANOS);  // the live clock does not signal
        }
        return work;
    }

    @Override
    public void onClose() {
        if (phase != Phase.FINISHED) {
            finish(RunResult.Outcome.STOPPED, null);  // the runner was closed before a stop reached doWork
        }
    }

    /** True while paused: deadlines freeze, and resume continues pacing and timers without a jump. */
    private boolean holdForPause() {
        boolean paused = system.isPaused();
        long now = wall.nanoTime();
        if (paused) {
            if (pausedAt == Long.MIN_VALUE) {
                pausedAt = now;
            }
            return true;
        }
        if (pausedAt != Long.MIN_VALUE) {
            long pausedFor = now - pausedAt;
            pausedAt = Long.MIN_VALUE;
            if (deadlineNanos != Long.MAX_VALUE) {
                deadlineNanos += pausedFor;
            }
            merge.paused(pausedFor);
            pacer.anchor(time.nowMicros());
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ splits

    /** Asks for the session the run needs next: the first of the window, or the one the live clock is in. */
    private void requestSplit(SessionRequest r) {
        awaited = r;
        awaitedPrefetched = r.equals(prefetched);
        if (!awaitedPrefetched) {
            source.request(r);  // streams or held history changed since the prefetch: load again
        }
        prefetched = null;
        deadlineNanos = wall.nanoTime() + config.refillTimeout().toNanos();
        phase = Phase.AWAITING_SPLIT;
    }

    private int awaitSplit() {
        if (awaited == null) {
            requestSplit(accounting.request(backtestSessions.get(0), null));
        }
        SourceAnswer a = source.poll();
        while (a != null) {
            if (a instanceof SplitFailure f && f.request().equals(awaited)) {
                throw new SessionLoadException("the data of session " + awaited.session().date()
                        + " could not be loaded: " + f.cause().getMessage(), f.cause());
            }
            if (a instanceof SessionSplit s && s.request().equals(awaited)) {
                beginSession(s);
                return 1;
            }
            a = source.poll();  // an answer to a request no longer awaited (a stale prefetch, a late check)
        }
        if (wall.nanoTime() >= deadlineNanos) {
            throw new SessionLoadException("the data of session " + awaited.session().date() + " was not loaded "
                    + "within " + ConfigValues.formatDuration(config.refillTimeout()) + " (refill-timeout); storage may be down or slow");
        }
        // Looked at in slices: the wall clock may be a manual one, and loading runs on another thread.
        wakeAt = Math.min(deadlineNanos, wall.nanoTime() + LIVE_POLL_NANOS);
        return 0;
    }

    private void beginSession(SessionSplit s) {
        TradingSession next = s.request().session();
        session = next;
        prefetchesUsed += awaitedPrefetched ? 1 : 0;
        sessionIndex++;
        long openMicros = Micros.of(next.open());
        closeMicros = Micros.of(SessionMinutes.tradingClose(next));  // the session ends where its trading does
        if (backtestSessions != null && time.nowMicros() < openMicros) {
            time.advanceTo(openMicros);  // overnight gaps are skipped, not paced
        }
        writer.beginSession(next, s.history(), s.replacedHistory());
        dispatch.beginSession(openMicros, closeMicros);
        deadlineNanos = Long.MAX_VALUE;
        storage.offer(s, backtestSessions != null);
        merge.beginSession(next);
        progressDate = next.date();
        pacer.anchor(time.nowMicros());
        phase = Phase.STREAMING;
        if (liveChecks != null) {
            liveChecks.beginSession(next, time.nowMicros());
        }
        dispatch.countEvent();
        for (MarketDataListener l : registry.listeners().all) {
            l.onSessionStart(next);
            s.corporateActions().forEach(l::onCorporateAction);  // in force from this session: before its bars
        }
        if (backtestSessions != null && sessionIndex + 1 < backtestSessions.size()) {
            prefetched = accounting.request(backtestSessions.get(sessionIndex + 1), next);
            source.request(prefetched);  // loaded while this session streams
        }
    }

    private int stream() {
        boolean live = backtestSessions == null;
        int work = 0;
        if (live && liveChecks != null) {
            work += liveChecks.poll(source, storage.checks(), time.nowMicros(), session);
        }
        work += merge.step(live, EVENTS_PER_CYCLE - work);
        wakeAt = Math.min(wakeAt, merge.wakeAtNanos());
        SessionEndReason reason = merge.endReason();
        if (reason != null) {
            work += live ? beginLiveEnd() : endBacktestSession(reason);
        }
        return work;
    }

    // ------------------------------------------------------------------------------------------------ session end

    /** Backtest: the remaining checks up to the close, time to the close (paced), then the session end. */
    private int endBacktestSession(SessionEndReason reason) {
        if (!merge.finishBacktestSession()) {
            wakeAt = Math.min(wakeAt, merge.wakeAtNanos());
            return 0;  // pacing; the policy decides the end again on the next cycle
        }
        endSession(reason);
        if (sessionIndex + 1 < backtestSessions.size()) {
            requestSplit(accounting.request(backtestSessions.get(sessionIndex + 1), null));
        } else {
            finish(RunResult.Outcome.COMPLETED, null);
        }
        return 1;
    }

    /** Live: past the close; the last completeness check runs before the session end. */
    private int beginLiveEnd() {
        if (liveChecks == null) {
            endLiveSession();
            return 1;
        }
        liveChecks.requestLast(source, session, closeMicros);
        deadlineNanos = wall.nanoTime() + config.refillTimeout().toNanos();
        phase = Phase.ENDING;
        return 1;
    }

    private int endLive() {
        merge.deliverChecksAtClose();  // rows of checks answered meanwhile make room for the last one's
        int got = liveChecks.poll(source, storage.checks(), time.nowMicros(), session);
        if (liveChecks.lastAnswered() || wall.nanoTime() >= deadlineNanos) {
            if (!liveChecks.lastAnswered()) {
                LOG.warn("session {}: the last completeness check did not answer within {}; ending without it",
                        session.date(), ConfigValues.formatDuration(config.refillTimeout()));
            }
            merge.deliverChecksAtClose();
            endLiveSession();
            return 1;
        }
        wakeAt = deadlineNanos;
        return got;
    }

    private void endLiveSession() {
        endSession(SessionEndReason.CLOCK);
        lastEnded = session.date();
        phase = Phase.BETWEEN_SESSIONS;
    }

    private void endSession(SessionEndReason reason) {
        TradingSession s = session;
        dispatch.flushWindows(closeMicros);
        if (reason == SessionEndReason.TIMER_EXPIRED) {
            timerExpired = true;
            system.setStreamCoordinatorTimerExpired(true);
            LOG.warn("session {} ended because no data arrived within the session-end timeout of {}",
                    s.date(), ConfigValues.formatDuration(config.sessionEndTimeout()));
        }
        if (merge.outOfSession() > 0) {
            LOG.warn("session {}: {} events outside the session window were skipped", s.date(),
                    merge.outOfSession());
        }
        SessionSummary summary = accounting.summarise(s, reason);
        summaries.add(summary);
        accounting.reportConfirmedMissing(summary);
        writer.endSession();
        dispatch.countEvent();
        publishedEvents = dispatch.events();
        SessionEnd end = new SessionEnd(s.date(), Micros.toInstant(closeMicros), reason);
        for (MarketDataListener l : registry.listeners().all) {
            l.onSessionEnd(end);
        }
        accounting.rollHistory(s);
        sessionsDone++;
    }

    // ------------------------------------------------------------------------------------------------ live idle

    private int betweenSessions() {
        long now = time.nowMicros();
        TradingSession s = calendar.sessionContaining(Micros.toInstant(now))
                .filter(t -> lastEnded == null || t.date().isAfter(lastEnded)).orElse(null);
        if (s != null) {
            SessionRequest r = accounting.request(s, null);
            // Started after the open: the session's earlier minutes come with the split, so derived bars are whole.
            requestSplit(now > Micros.of(s.open()) ? r.warmStartAt(now) : r);
            return 1;
        }
        int dropped = merge.dropUpTo(now);
        if (dropped > 0) {
            LOG.debug("{} events between sessions were skipped", dropped);
        }
        return dropped;
    }

    // ------------------------------------------------------------------------------------------------ run end

    private void finish(RunResult.Outcome outcome, Throwable failure) {
        phase = Phase.FINISHED;
        for (EventQueue q : registry.inputs()) {
            q.close();
        }
        publishedEvents = dispatch.events();
        long wallNanos = runStartWall == Long.MIN_VALUE ? 0 : wall.nanoTime() - runStartWall;
        result = new RunResult(outcome, failure, summaries, dispatch.events(), timerExpired, wallNanos);
        for (MarketDataListener l : registry.listeners().all) {
            try {
                l.onRunEnd();
            } catch (RuntimeException e) {
                LOG.warn("listener failed at run end: {}", e.toString());
            }
        }
        finished.countDown();
    }
}
