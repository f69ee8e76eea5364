package io.sessionflow.coordinator;

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
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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

    /** Where the coordinator stands. */
    public enum Phase {
        /** Waiting for the current session's split. */
        AWAITING_SPLIT,
        /** Delivering the session's events. */
        STREAMING,
        /** Live: past the close, waiting for the last completeness check. */
        ENDING,
        /** Live: no session now; waiting for the clock to reach the next open. */
        BETWEEN_SESSIONS,
        /** The run has ended. */
        FINISHED
    }

    private final SessionConfig config;
    private final TimeProvider time;
    private final SystemManager system;
    private final SessionData data;
    private final SessionDataWriter writer;
    private final WallClock wall;
    private final TradingCalendar calendar;
    private final List<TradingSession> backtestSessions;
    private final SessionSource source;
    private final WakeSignal signal;
    private final StreamRegistry registry;
    private final Interval[] derived;
    private final EventDispatcher dispatch;
    private final SessionAccounting accounting;
    private final Pacer pacer;
    private final LiveChecks liveChecks;
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
    private InputCursor[] cursors = new InputCursor[0];
    private EventQueue[] cursorQueues = new EventQueue[0];
    private final EventQueue[] storage;
    private TradingSession session;
    private int sessionIndex = -1;
    private SessionRequest awaited;
    private SessionRequest prefetched;
    private boolean awaitedPrefetched;
    private SessionSplit split;
    private LocalDate lastEnded;
    private long openMicros;
    private long closeMicros;
    private long[] boundaries = new long[0];
    private int nextBoundary;
    private long outOfSession;
    private long deadlineNanos = Long.MAX_VALUE;
    private long silenceSince = Long.MIN_VALUE;
    private long silenceVersion = -1;
    private boolean gaveUp;
    private boolean timerExpired;
    private long pausedAt = Long.MIN_VALUE;
    private long runStartWall = Long.MIN_VALUE;
    private long wakeAt = Long.MAX_VALUE;

    private StreamCoordinator(Builder b) {
        this.config = b.config;
        this.time = b.time;
        this.system = b.system;
        this.data = b.data;
        this.writer = b.data.claimWriter();
        this.wall = b.wall;
        this.calendar = b.calendar;
        this.backtestSessions = b.sessions == null ? null : List.copyOf(b.sessions);
        this.source = b.source;
        this.signal = b.signal;
        this.registry = new StreamRegistry(data);
        this.derived = config.derivedIntervals().toArray(new Interval[0]);
        this.dispatch = new EventDispatcher(writer, registry, derived);
        this.accounting = new SessionAccounting(writer, registry, derived, config, calendar);
        this.pacer = new Pacer(wall, backtestSessions == null ? 0 : config.backtestSpeed());
        this.liveChecks = backtestSessions == null && source.checksCompleteness()
                ? new LiveChecks(config, registry, dispatch) : null;
        // The split's inputs come first: at equal times their events go before a publisher's.
        this.storage = new EventQueue[]{input("storage bars", 4), input("storage quotes", 4),
                input("storage trades", 4), input("completeness checks", 4)};
        if (backtestSessions != null) {
            if (backtestSessions.isEmpty()) {
                throw new IllegalArgumentException("a backtest needs at least one session");
            }
            phase = Phase.AWAITING_SPLIT;
        } else {
            phase = Phase.BETWEEN_SESSIONS;
        }
    }

    public static Builder builder() {
        return new Builder();
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
        signal.signal();
        return q;
    }

    private EventQueue input(String name, int capacity) {
        return newInput(name, capacity, config.sessionEndTimeout());
    }

    /** Registers the {@code type} stream of {@code symbol}; idempotent; takes effect from the next event. */
    public void register(Symbol symbol, StreamType type) {
        registry.register(symbol, type);
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
        signal.signal();
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

    public Phase phase() {
        return phase;
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
            if (silenceSince != Long.MIN_VALUE) {
                silenceSince += pausedFor;
            }
            pacer.anchor(time.nowMicros());
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------------ splits

    /** Asks for the session the run needs next: the first of the window, or the one the live clock is in. */
    private void requestSplit(TradingSession s, TradingSession rolling) {
        SessionRequest r = accounting.request(s, rolling);
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
            requestSplit(backtestSessions.get(0), null);
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
                    + "within " + describe(config.refillTimeout()) + " (refill-timeout); storage may be down or slow");
        }
        // Looked at in slices: the wall clock may be a manual one, and loading runs on another thread.
        wakeAt = Math.min(deadlineNanos, wall.nanoTime() + LIVE_POLL_NANOS);
        return 0;
    }

    private void beginSession(SessionSplit s) {
        TradingSession next = s.request().session();
        split = s;
        session = next;
        if (awaitedPrefetched) {
            prefetchesUsed++;
        }
        sessionIndex++;
        openMicros = Micros.of(next.open());
        closeMicros = Micros.of(next.close());
        if (backtestSessions != null && time.nowMicros() < openMicros) {
            time.advanceTo(openMicros);  // overnight gaps are skipped, not paced
        }
        writer.beginSession(next, s.history());
        dispatch.beginSession(openMicros, closeMicros);
        boundaries = windowBoundaries(next);
        nextBoundary = 0;
        outOfSession = 0;
        gaveUp = false;
        silenceSince = Long.MIN_VALUE;
        deadlineNanos = Long.MAX_VALUE;
        offerSplit(s);
        for (InputCursor c : cursors()) {
            c.beginSession();
        }
        progressDate = next.date();
        pacer.anchor(time.nowMicros());
        phase = Phase.STREAMING;
        if (liveChecks != null) {
            liveChecks.beginSession(next, time.nowMicros());
        }
        dispatch.countEvent();
        for (MarketDataListener l : registry.listeners()) {
            l.onSessionStart(next);
        }
        if (backtestSessions != null && sessionIndex + 1 < backtestSessions.size()) {
            prefetched = accounting.request(backtestSessions.get(sessionIndex + 1), next);
            source.request(prefetched);  // loaded while this session streams
        }
    }

    /** The split's batches go into the coordinator's own inputs, each completed for the session. */
    private void offerSplit(SessionSplit s) {
        EventBatch[] batches = {s.bars(), s.quotes(), s.trades(), s.checks()};
        LocalDate date = s.request().session().date();
        for (int k = 0; k < storage.length; k++) {
            try {
                if ((batches[k].size() > 0 && !storage[k].offer(batches[k], 0, TimeUnit.NANOSECONDS))
                        || (backtestSessions != null && !storage[k].complete(date, 0, TimeUnit.NANOSECONDS))) {
                    throw new IllegalStateException(storage[k] + " is full: a split was offered twice");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();  // offers with no wait are never interrupted
            }
            if (backtestSessions == null) {
                storage[k].markIdle();  // live: the split's inputs never hold back the feeds
            }
        }
    }

    /** The ends of derived windows inside the session, ascending; the session end itself is handled at the end. */
    private long[] windowBoundaries(TradingSession s) {
        java.util.TreeSet<Long> ends = new java.util.TreeSet<>();
        int minutes = s.minutes();
        for (Interval i : derived) {
            for (int m = i.minutes(); m < minutes; m += i.minutes()) {
                ends.add(openMicros + m * Micros.PER_MINUTE);
            }
        }
        return ends.stream().mapToLong(Long::longValue).toArray();
    }

    // ------------------------------------------------------------------------------------------------ streaming

    private InputCursor[] cursors() {
        EventQueue[] queues = registry.inputs();
        if (queues != cursorQueues) {
            InputCursor[] next = java.util.Arrays.copyOf(cursors, queues.length);
            for (int k = cursors.length; k < queues.length; k++) {
                next[k] = new InputCursor(queues[k]);
            }
            cursors = next;
            cursorQueues = queues;
        }
        return cursors;
    }

    private int stream() {
        boolean live = backtestSessions == null;
        int work = 0;
        if (live) {
            work += liveChecks == null ? 0 : liveChecks.poll(source, storage[3], time.nowMicros(), session);
            work += flushByWatermark();
        }
        while (work < EVENTS_PER_CYCLE && !stopRequested && !system.isPaused()) {
            long version = signal.version();
            InputCursor[] in = cursors();
            InputCursor best = null;
            boolean beyond = false;
            boolean streamData = false;
            LocalDate date = session.date();
            for (InputCursor c : in) {
                if (!c.ready(version, date)) {
                    continue;
                }
                if (beyondSession(c)) {
                    beyond = true;
                    continue;
                }
                streamData |= !c.headIsCheck();
                if (best == null || c.headBefore(best)) {
                    best = c;
                }
            }
            long now = time.nowMicros();
            long bound = best != null ? best.headTime() : closeMicros;
            boolean blocked = false;
            if (best != null || !live || now >= closeMicros) {
                for (InputCursor c : in) {
                    if (c != best && !c.ready(version, date) && c.blocks(bound, live ? now + 1 : Long.MIN_VALUE)) {
                        blocked = true;
                        break;
                    }
                }
            }
            SessionEndPolicy.View view = new SessionEndPolicy.View(best != null, streamData,
                    blocked, silenceExpired(blocked, version, in), gaveUp, beyond, now, closeMicros);
            SessionEndPolicy.Decision d = live ? SessionEndPolicy.live(view) : SessionEndPolicy.backtest(view);
            switch (d.action()) {
                case DELIVER -> {
                    if (!deliverHead(best)) {
                        return work;  // pacing: due later
                    }
                    work++;
                }
                case WAIT -> {
                    return work;
                }
                case GIVE_UP_SILENT -> {
                    giveUpSilent(in, version, date, bound, live ? now + 1 : Long.MIN_VALUE);
                    work++;
                }
                case END -> {
                    return work + (live ? beginLiveEnd() : endBacktestSession(d.reason()));
                }
            }
        }
        return work;
    }

    /** Whether the head of {@code c} lies beyond the session: it waits for the next one. */
    private boolean beyondSession(InputCursor c) {
        long t = c.headTime();
        // Bars and checks become available at most at the close; quotes and trades must happen before it.
        return t > closeMicros || (c.headIsTick() && t == closeMicros);
    }

    /** Whether the inputs holding back the merge have been silent for their idle timeout (wall time). */
    private boolean silenceExpired(boolean blocked, long version, InputCursor[] in) {
        if (!blocked) {
            silenceSince = Long.MIN_VALUE;
            return false;
        }
        long now = wall.nanoTime();
        if (silenceSince == Long.MIN_VALUE || version != silenceVersion) {
            silenceSince = now;  // something arrived: the silence starts again
            silenceVersion = version;
        }
        long timeout = Long.MAX_VALUE;
        for (InputCursor c : in) {
            if (c.state == InputCursor.State.OPEN && !c.queue.declaredIdle()) {
                timeout = Math.min(timeout, c.queue.idleTimeout().toNanos());
            }
        }
        if (timeout == Long.MAX_VALUE) {
            return false;
        }
        long due = silenceSince + timeout;
        if (now >= due) {
            return true;
        }
        wakeAt = Math.min(wakeAt, due);
        return false;
    }

    private void giveUpSilent(InputCursor[] in, long version, LocalDate date, long bound, long clock) {
        for (InputCursor c : in) {
            if (!c.ready(version, date) && c.blocks(bound, clock)) {
                LOG.warn("{} sent nothing for {}; continuing session {} without waiting for it", c.queue,
                        describe(c.queue.idleTimeout()), date);
                c.state = InputCursor.State.TIMED_OUT;
                gaveUp = true;
            }
        }
        silenceSince = Long.MIN_VALUE;
    }

    /**
     * Delivers the head event of {@code in}, moving backtest time to it first.
     *
     * @return false when pacing holds it back (it stays the head)
     */
    private boolean deliverHead(InputCursor in) {
        long t = in.headTime();
        boolean ticks = in.headIsTick();
        if (t < openMicros || (!ticks && t == openMicros)) {
            in.pos++;
            outOfSession++;
            if (outOfSession == 1) {
                LOG.warn("{}: events before the {} session open are skipped (first: {} at {})", in.queue,
                        session.date(), in.batch.symbol(in.pos - 1), Micros.toInstant(t));
            }
            return true;
        }
        if (backtestSessions != null && t > time.nowMicros() && !advanceTime(t)) {
            return false;
        }
        EventBatch b = in.batch;
        int i = in.pos;
        SymbolChannel ch = in.channel(registry);
        in.pos++;
        b.deliver(i, ch, dispatch);
        return true;
    }

    /**
     * Backtest: moves time toward {@code t}, delivering the derived windows that end on the way, as far as pacing
     * allows.
     *
     * @return true when time has reached {@code t}
     */
    private boolean advanceTime(long t) {
        while (nextBoundary < boundaries.length && boundaries[nextBoundary] < t) {
            long b = boundaries[nextBoundary];
            if (!moveTime(b)) {
                return false;
            }
            nextBoundary++;
            dispatch.flushWindows(b);
        }
        return moveTime(t);
    }

    private boolean moveTime(long t) {
        if (t <= time.nowMicros()) {
            return true;
        }
        if (!pacer.isDue(t)) {
            wakeAt = Math.min(wakeAt, pacer.dueNanos(t));
            return false;
        }
        time.advanceTo(t);
        return true;
    }

    /** Live: derived windows whose end every input has passed (or the clock, by a grace) are delivered. */
    private int flushByWatermark() {
        int work = 0;
        long now = time.nowMicros();
        while (nextBoundary < boundaries.length) {
            long b = boundaries[nextBoundary];
            if (now < b + LiveChecks.GRACE_MICROS && !allPassed(b)) {
                break;
            }
            nextBoundary++;
            dispatch.flushWindows(b);
            work++;
        }
        return work;
    }

    /** Whether every input that is not idle has delivered everything available at or before {@code t}. */
    private boolean allPassed(long t) {
        long version = signal.version();
        for (InputCursor c : cursors()) {
            boolean pending = c.ready(version, session.date()) ? c.headTime() <= t : c.blocks(t, Long.MIN_VALUE);
            if (pending) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------ session end

    /** Backtest: the remaining checks up to the close, time to the close (paced), then the session end. */
    private int endBacktestSession(SessionEndReason reason) {
        long version = signal.version();
        while (true) {
            InputCursor next = null;
            for (InputCursor c : cursors()) {
                if (c.ready(version, session.date()) && c.headIsCheck() && !beyondSession(c)
                        && (next == null || c.headBefore(next))) {
                    next = c;
                }
            }
            if (next == null) {
                break;
            }
            if (!deliverHead(next)) {
                return 0;  // pacing; the policy decides the end again on the next cycle
            }
        }
        if (!advanceTime(closeMicros)) {
            return 0;
        }
        endSession(reason);
        TradingSession ended = session;
        if (sessionIndex + 1 < backtestSessions.size()) {
            requestSplit(backtestSessions.get(sessionIndex + 1), null);
        } else {
            finish(RunResult.Outcome.COMPLETED, null);
        }
        LOG.debug("session {} ended", ended.date());
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
        int got = liveChecks.poll(source, storage[3], time.nowMicros(), session);
        if (liveChecks.lastAnswered() || wall.nanoTime() >= deadlineNanos) {
            if (!liveChecks.lastAnswered()) {
                LOG.warn("session {}: the last completeness check did not answer within {}; ending without it",
                        session.date(), describe(config.refillTimeout()));
            }
            deliverChecksAtClose();
            endLiveSession();
            return 1;
        }
        wakeAt = deadlineNanos;
        return got;
    }

    private void deliverChecksAtClose() {
        InputCursor checks = cursors()[3];
        long version = signal.version();
        while (checks.ready(version, session.date()) && !beyondSession(checks)) {
            deliverHead(checks);
        }
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
                    s.date(), describe(config.sessionEndTimeout()));
        }
        if (outOfSession > 0) {
            LOG.warn("session {}: {} events outside the session window were skipped", s.date(), outOfSession);
        }
        SessionSummary summary = accounting.summarise(s, reason);
        summaries.add(summary);
        accounting.warnOfConfirmedMissing(summary);
        writer.endSession();
        dispatch.countEvent();
        publishedEvents = dispatch.events();
        SessionEnd end = new SessionEnd(s.date(), s.close(), reason);
        for (MarketDataListener l : registry.listeners()) {
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
            requestSplit(s, null);
            return 1;
        }
        int dropped = 0;
        long version = signal.version();
        for (InputCursor c : cursors()) {
            while (c.ready(version, null) && c.headTime() <= now) {
                c.pos++;
                dropped++;
            }
        }
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
        for (MarketDataListener l : registry.listeners()) {
            try {
                l.onRunEnd();
            } catch (RuntimeException e) {
                LOG.warn("listener failed at run end: {}", e.toString());
            }
        }
        finished.countDown();
    }

    /** A duration for messages: whole seconds, or milliseconds below a second. */
    static String describe(Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Assembles a coordinator.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private SessionConfig config;
        private TimeProvider time;
        private SystemManager system;
        private SessionData data;
        private WallClock wall = WallClock.system();
        private TradingCalendar calendar;
        private List<TradingSession> sessions;
        private SessionSource source;
        private WakeSignal signal;

        public Builder config(SessionConfig v) {
            config = v;
            return this;
        }

        public Builder time(TimeProvider v) {
            time = v;
            return this;
        }

        public Builder system(SystemManager v) {
            system = v;
            return this;
        }

        public Builder sessionData(SessionData v) {
            data = v;
            return this;
        }

        public Builder wallClock(WallClock v) {
            wall = v;
            return this;
        }

        /** The calendar with the configured session hours; live mode finds its sessions there. */
        public Builder calendar(TradingCalendar v) {
            calendar = v;
            return this;
        }

        /** Backtest: the sessions to replay, in order. */
        public Builder backtestSessions(List<TradingSession> v) {
            sessions = v;
            return this;
        }

        /** Who answers the coordinator's session and check requests. */
        public Builder source(SessionSource v) {
            source = v;
            return this;
        }

        /** The signal producers wake the coordinator with; its runner idles on it. */
        public Builder signal(WakeSignal v) {
            signal = v;
            return this;
        }

        public StreamCoordinator build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(data, "sessionData");
            Objects.requireNonNull(wall, "wallClock");
            Objects.requireNonNull(calendar, "calendar");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(signal, "signal");
            if ((sessions != null) != (time.mode() == io.sessionflow.system.OperationMode.BACKTEST)) {
                throw new IllegalArgumentException("backtest sessions go with backtest time, and only with it");
            }
            return new StreamCoordinator(this);
        }
    }
}
