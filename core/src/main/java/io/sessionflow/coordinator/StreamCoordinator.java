package io.sessionflow.coordinator;

import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.DerivedBars;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.system.Managed;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main coordinator thread (the analysis's BacktestStreamCoordinator plus session tracking): merges its input
 * queues chronologically into {@link SessionData} and then to subscribers, advances backtest time to each event's
 * availability time (paced at k times real time when asked), builds derived bars, ends sessions by the rules of
 * SPEC.md section 2 and advances to the next session through the {@code sessionEnded} hand-off.
 *
 * <p>Threading: one named thread owns the merge, the session state and SessionData's writer. Other threads create
 * inputs, register and cancel streams, subscribe, and call {@link #start}/{@link #stop}/{@link #await}. Every wait
 * has a timeout and {@link #stop} joins the thread within a bounded time.
 */
public final class StreamCoordinator implements Managed, EventBatch.Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCoordinator.class);
    /** Longest uninterrupted wait, so that stop and pause are noticed promptly. */
    private static final long WAIT_SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long STOP_JOIN_MILLIS = 1_500;
    private static final MarketDataListener[] NO_LISTENERS = new MarketDataListener[0];

    private final SessionConfig config;
    private final TimeProvider time;
    private final SystemManager system;
    private final SessionData data;
    private final SessionDataWriter writer;
    private final WallClock wall;
    private final TradingCalendar calendar;
    private final List<TradingSession> backtestSessions;
    private final DataSignal signal = new DataSignal();
    private final Object registryLock = new Object();
    private final Map<Symbol, SymbolChannel> channels = new TreeMap<>();
    private final List<EventQueue> queues = new CopyOnWriteArrayList<>();
    private final List<SessionSummary> summaries = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Interval[] derived;
    private final int[] scratch = new int[Interval.MAX_MINUTES];

    private volatile MarketDataListener[] listeners = NO_LISTENERS;
    private volatile Input[] inputs = new Input[0];
    private volatile boolean stopRequested;
    /** Bumped (under registryLock) whenever a symbol gets its channel. */
    private volatile int channelsVersion;
    private volatile Thread thread;
    private volatile RunResult result;
    private volatile long publishedEvents;
    private volatile LocalDate progressDate;
    private volatile int sessionsDone;
    private volatile boolean timerExpired;

    // Coordinator-thread state.
    private TradingSession session;
    private long openMicros;
    private long closeMicros;
    private long[] boundaries = new long[0];
    private int nextBoundary;
    /** The channels of the session's symbols, by symbol; see {@link #sessionChannels()}. */
    private SymbolChannel[] sessionChannels;
    private int sessionChannelsVersion;
    private long events;
    private long outOfSession;
    private long paceWall0;
    private long paceSim0;
    private long runStartWall;

    private StreamCoordinator(Builder b) {
        this.config = b.config;
        this.time = b.time;
        this.system = b.system;
        this.data = b.data;
        this.writer = b.data.claimWriter();
        this.wall = b.wall;
        this.calendar = b.calendar;
        this.backtestSessions = b.sessions == null ? null : List.copyOf(b.sessions);
        this.derived = config.derivedIntervals().toArray(new Interval[0]);
        if (derived.length > 31) {
            throw new IllegalArgumentException("at most 31 derived intervals, got " + derived.length);
        }
        if ((backtestSessions != null) != (time.mode() == OperationMode.BACKTEST)) {
            throw new IllegalArgumentException("backtest sessions go with backtest time, and only with it");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "stream coordinator";
    }

    /** A new input queue of the merge, holding at most {@code capacity} batches. */
    public EventQueue newInput(String name, int capacity) {
        EventQueue q = new EventQueue(name, capacity, signal);
        synchronized (registryLock) {
            queues.add(q);
            Input[] next = Arrays.copyOf(inputs, inputs.length + 1);
            next[next.length - 1] = new Input(q);
            inputs = next;
        }
        signal.signal();
        return q;
    }

    /** Registers the {@code type} stream of {@code symbol}; idempotent; takes effect from the next event. */
    public void register(Symbol symbol, StreamType type) {
        channel(symbol).set(type, true);
    }

    /** Cancels the stream: its events are skipped from now on, other streams are undisturbed. */
    public void cancel(Symbol symbol, StreamType type) {
        synchronized (registryLock) {
            SymbolChannel ch = channels.get(symbol);
            if (ch != null) {
                ch.set(type, false);
            }
        }
    }

    /** Whether the stream is registered and not cancelled. */
    public boolean isRegistered(Symbol symbol, StreamType type) {
        synchronized (registryLock) {
            SymbolChannel ch = channels.get(symbol);
            return ch != null && ch.active(type);
        }
    }

    /** Symbols with the {@code type} stream registered, in symbol order. */
    public List<Symbol> registered(StreamType type) {
        synchronized (registryLock) {
            List<Symbol> out = new ArrayList<>();
            channels.values().forEach(ch -> {
                if (ch.active(type)) {
                    out.add(ch.symbol);
                }
            });
            return out;
        }
    }

    public void subscribe(MarketDataListener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (registryLock) {
            MarketDataListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
            next[next.length - 1] = listener;
            listeners = next;
        }
    }

    public void unsubscribe(MarketDataListener listener) {
        synchronized (registryLock) {
            listeners = Arrays.stream(listeners).filter(l -> l != listener).toArray(MarketDataListener[]::new);
        }
    }

    @Override
    public void start() {
        synchronized (registryLock) {
            if (thread != null) {
                throw new IllegalStateException("the coordinator runs once");
            }
            Thread t = new Thread(this::run, "sessionflow-coordinator");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    /** Ends the run within a bounded time and joins the thread; safe from any thread, including listeners. */
    @Override
    public void stop() {
        stopRequested = true;
        if (!Managed.interruptAndJoin(thread, STOP_JOIN_MILLIS)) {
            LOG.error("coordinator thread did not stop within {} ms", STOP_JOIN_MILLIS);
        }
    }

    /** Waits up to {@code timeout} for the run to end; null when it is still running. */
    public RunResult await(long timeout, TimeUnit unit) throws InterruptedException {
        return finished.await(timeout, unit) ? result : null;
    }

    /** The result once the run has ended, else null. */
    public RunResult result() {
        return result;
    }

    /** Events delivered so far (updated every few thousand events and at session ends). */
    public long eventsDelivered() {
        return publishedEvents;
    }

    public int sessionsDone() {
        return sessionsDone;
    }

    /** The session being streamed, for progress reports; null before the first. */
    public LocalDate progressDate() {
        return progressDate;
    }

    // ------------------------------------------------------------------------------------------------ the thread

    private void run() {
        runStartWall = wall.nanoTime();
        RunResult.Outcome outcome = RunResult.Outcome.COMPLETED;
        Throwable failure = null;
        try {
            if (backtestSessions != null) {
                runBacktest();
            } else {
                runLive();
            }
            if (stopRequested) {
                outcome = RunResult.Outcome.STOPPED;
            }
        } catch (InterruptedException e) {
            outcome = RunResult.Outcome.STOPPED;
        } catch (Throwable t) {
            if (stopRequested && t instanceof StopRequested) {
                outcome = RunResult.Outcome.STOPPED;
            } else {
                outcome = RunResult.Outcome.FAILED;
                failure = t;
                LOG.error("coordinator failed: {}", t.toString());
            }
        } finally {
            publishedEvents = events;
            result = new RunResult(outcome, failure, summaries, events, timerExpired, wall.nanoTime() - runStartWall);
            for (MarketDataListener l : listeners) {
                try {
                    l.onRunEnd();
                } catch (RuntimeException e) {
                    LOG.warn("listener failed at run end: {}", e.toString());
                }
            }
            finished.countDown();
        }
    }

    private void runBacktest() throws InterruptedException {
        if (backtestSessions.isEmpty()) {
            return;
        }
        writer.requestSession(backtestSessions.get(0));
        for (int i = 0; i < backtestSessions.size(); i++) {
            TradingSession s = backtestSessions.get(i);
            awaitLoaded(s);
            beginSession(s);
            SessionEndReason reason = streamBacktestSession();
            if (reason == null) {
                return;  // stopped
            }
            endSession(reason, i + 1 < backtestSessions.size() ? backtestSessions.get(i + 1) : null);
        }
    }

    private void runLive() throws InterruptedException {
        while (!stopRequested) {
            long now = time.nowMicros();
            TradingSession s = calendar.sessionContaining(Micros.toInstant(now)).orElse(null);
            if (s == null) {
                waitForData(signal.version(), WAIT_SLICE_NANOS);
                dropOutOfSessionEvents(now);
                continue;
            }
            writer.requestSession(s);
            awaitLoaded(s);
            beginSession(s);
            SessionEndReason reason = streamLiveSession();
            if (reason == null) {
                return;
            }
            endSession(reason, null);
        }
    }

    private void awaitLoaded(TradingSession s) throws InterruptedException {
        long timeoutNanos = config.refillTimeout().toNanos();
        long waited = 0;
        while (!writer.awaitSessionLoaded(Math.min(WAIT_SLICE_NANOS, timeoutNanos - waited), TimeUnit.NANOSECONDS)) {
            checkStop();
            Throwable cause = writer.sessionLoadFailure(s).orElse(null);
            if (cause != null) {
                // The loader gave up: waiting out the timeout would change nothing.
                throw new SessionLoadTimeoutException("the data of session " + s.date() + " could not be loaded: "
                        + cause.getMessage(), cause);
            }
            waited += WAIT_SLICE_NANOS;
            if (waited >= timeoutNanos) {
                throw new SessionLoadTimeoutException("the data of session " + s.date() + " was not loaded within "
                        + describe(config.refillTimeout()) + " (refill-timeout); storage may be down or slow");
            }
        }
    }

    /** A duration for messages: whole seconds, or milliseconds below a second. */
    private static String describe(Duration d) {
        return d.toMillis() % 1_000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private void beginSession(TradingSession s) throws InterruptedException {
        awaitRunning();  // paused at the end of the previous session: the next one starts on resume
        session = s;
        openMicros = Micros.of(s.open());
        closeMicros = Micros.of(s.close());
        if (time.mode() == OperationMode.BACKTEST && time.nowMicros() < openMicros) {
            time.advanceTo(openMicros);  // overnight gaps are skipped, not paced
        }
        writer.beginSession(s);
        boundaries = windowBoundaries(s);
        nextBoundary = 0;
        outOfSession = 0;
        sessionChannels = null;  // taken afresh below, and again when a symbol is registered during the session
        for (Input in : inputs) {
            in.complete = false;
            in.ended = false;
        }
        progressDate = s.date();
        paceWall0 = wall.nanoTime();
        paceSim0 = time.nowMicros();
        events++;
        for (MarketDataListener l : listeners) {
            l.onSessionStart(s);
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

    /** Streams the current backtest session; the reason it ended, or null when stopped. */
    private SessionEndReason streamBacktestSession() throws InterruptedException {
        long timeoutNanos = config.sessionEndTimeout().toNanos();
        while (true) {
            if (stopRequested) {
                return null;
            }
            awaitRunning();
            long seen = signal.version();
            Input best = null;
            // Completeness checks are not data: with only checks left, the streams are drained.
            boolean streamData = false;
            boolean waitingForSome = false;
            boolean givenUp = false;
            for (Input in : inputs) {
                if (in.ready()) {
                    if (best == null || in.headBefore(best)) {
                        best = in;
                    }
                    streamData |= in.batch.type != EventBatch.CHECK_TYPE;
                } else if (!in.complete) {
                    waitingForSome = true;
                }
                givenUp |= in.complete && !in.ended;  // silent for a timeout earlier in the session
            }
            if (!streamData && (waitingForSome || givenUp)) {
                // Drained, but not every input said it was done.
                if (time.nowMicros() >= closeMicros - Micros.PER_MINUTE) {
                    return SessionEndReason.END_OF_DATA;
                }
                if (!waitingForSome || !waitForData(seen, timeoutNanos)) {
                    return SessionEndReason.TIMER_EXPIRED;  // silent for the timeout (now, or when given up)
                }
                continue;
            }
            if (waitingForSome) {
                // An input that is neither drained for good nor holding data could still send earlier events.
                if (!waitForData(seen, timeoutNanos)) {
                    for (Input in : inputs) {
                        if (!in.ready() && !in.complete) {
                            LOG.warn("{} sent nothing for {}; continuing session {} without waiting for it",
                                    in.queue, describe(config.sessionEndTimeout()), session.date());
                            in.complete = true;
                        }
                    }
                }
                continue;
            }
            if (best == null) {
                return SessionEndReason.END_OF_DATA;
            }
            if (!deliverHead(best)) {
                return SessionEndReason.CLOCK;
            }
        }
    }

    /** Streams the current live session until the clock passes its end; null when stopped. */
    private SessionEndReason streamLiveSession() throws InterruptedException {
        while (true) {
            if (stopRequested) {
                return null;
            }
            awaitRunning();
            long seen = signal.version();
            Input best = null;
            for (Input in : inputs) {
                if (in.ready() && (best == null || in.headBefore(best))) {
                    best = in;
                }
            }
            long now = time.nowMicros();
            if (best != null) {
                if (!deliverHead(best)) {
                    return SessionEndReason.CLOCK;
                }
                continue;
            }
            if (now >= closeMicros) {
                return SessionEndReason.CLOCK;
            }
            flushPassedWindows(now);
            waitForData(seen, Math.min(WAIT_SLICE_NANOS, (closeMicros - now) * 1_000));
        }
    }

    /**
     * Delivers the head event of {@code in} unless it lies beyond the session.
     *
     * @return false when the head is beyond the session end (it stays queued for the next session)
     */
    private boolean deliverHead(Input in) throws InterruptedException {
        EventBatch b = in.batch;
        int i = in.pos;
        long t = b.time(i);
        boolean ticks = b.type == StreamType.QUOTES.ordinal() || b.type == StreamType.TRADES.ordinal();
        // Bars and checks become available at most at the close; quotes and trades must happen before it.
        if (t > closeMicros || (ticks && t == closeMicros)) {
            return false;
        }
        in.pos++;
        if (t < openMicros || (!ticks && t == openMicros)) {
            outOfSession++;
            if (outOfSession == 1) {
                LOG.warn("{}: events before the {} session open are skipped (first: {} at {})", in.queue,
                        session.date(), b.symbol(i), Micros.toInstant(t));
            }
            return true;
        }
        if (t > time.nowMicros()) {
            advanceTime(t);
        }
        b.deliver(i, this);
        if ((events & 0xFFF) == 0) {
            publishedEvents = events;
        }
        return true;
    }

    private void endSession(SessionEndReason reason, TradingSession next) throws InterruptedException {
        TradingSession s = session;
        if (time.mode() == OperationMode.BACKTEST) {
            applyRemainingChecks();
            advanceTime(closeMicros);
        }
        flushAll(closeMicros);
        if (reason == SessionEndReason.TIMER_EXPIRED) {
            timerExpired = true;
            system.setStreamCoordinatorTimerExpired(true);
            LOG.warn("session {} ended because no data arrived within the session-end timeout of {}",
                    s.date(), describe(config.sessionEndTimeout()));
        }
        if (outOfSession > 0) {
            LOG.warn("session {}: {} events outside the session window were skipped", s.date(), outOfSession);
        }
        SessionSummary summary = summarise(s, reason);
        summaries.add(summary);
        warnOfConfirmedMissing(summary);
        SessionEnd end = new SessionEnd(s.date(), s.close(), reason);
        events++;
        publishedEvents = events;
        for (MarketDataListener l : listeners) {
            l.onSessionEnd(end);
        }
        if (next != null) {
            writer.requestSession(next);
        } else {
            writer.endLastSession();
        }
        rollHistory(s);
        sessionsDone++;
        publishedEvents = events;
    }

    /**
     * A session that ends with its streams drained (timer expired, or within a minute of the close) may still have
     * completeness checks scheduled up to its close: they are applied in order on the way to the close, so that the
     * session's data and quality are the same whatever ended it.
     */
    private void applyRemainingChecks() throws InterruptedException {
        while (true) {
            Input next = null;
            for (Input in : inputs) {
                if (in.ready() && in.batch.type == EventBatch.CHECK_TYPE && (next == null || in.headBefore(next))) {
                    next = in;
                }
            }
            if (next == null || !deliverHead(next)) {
                return;
            }
        }
    }

    private SessionSummary summarise(TradingSession s, SessionEndReason reason) {
        Map<Symbol, SessionSummary.SymbolSummary> out = new LinkedHashMap<>();
        for (SymbolChannel ch : sessionChannels()) {
            if (!ch.bars()) {
                continue;
            }
            SymbolSessionData.SessionCounts c = writer.counts(ch.data);
            Map<Interval, Integer> d = new LinkedHashMap<>();
            for (int k = 0; k < derived.length; k++) {
                d.put(derived[k], c.derived()[k]);
            }
            double quality = c.minutes() == 0 ? 100.0 : Math.min(100.0, c.present() * 100.0 / c.minutes());
            out.put(ch.symbol, new SessionSummary.SymbolSummary(c.minutes(), c.present(), c.filled(),
                    c.confirmedMissing(), c.synthetic(), quality, d));
        }
        return new SessionSummary(s.date(), s.close(), reason, out);
    }

    /** One warning line per session with minutes that neither the stream nor storage had. */
    private static void warnOfConfirmedMissing(SessionSummary summary) {
        List<String> gaps = new ArrayList<>();
        int total = 0;
        for (Map.Entry<Symbol, SessionSummary.SymbolSummary> e : new TreeMap<>(summary.symbols()).entrySet()) {
            int missing = e.getValue().confirmedMissing();
            if (missing > 0) {
                total += missing;
                gaps.add(e.getKey() + " " + missing);
            }
        }
        if (total > 0) {
            LOG.warn("session {}: {} minutes confirmed missing, in storage too ({})", summary.date(), total,
                    gaps.size() <= 8 ? String.join(", ", gaps) : String.join(", ", gaps.subList(0, 8)) + ", ...");
        }
    }

    /** The finished session joins each symbol's history; the oldest session leaves. */
    private void rollHistory(TradingSession s) {
        int keep = config.historicalTrailingSessions();
        if (keep <= 0) {
            return;
        }
        for (SymbolChannel ch : sessionChannels()) {
            if (!ch.bars()) {
                continue;
            }
            BarSeries oneMinute = withoutSynthetic(ch.data.bars());
            Map<Interval, BarSeries> bars = new LinkedHashMap<>();
            for (Interval i : config.historicalBarIntervals()) {
                bars.put(i, i.isOneMinute() ? oneMinute : DerivedBars.aggregate(oneMinute, s, i));
            }
            writer.rollHistory(ch.data, s.date(), bars, keep);
        }
    }

    private static BarSeries withoutSynthetic(BarSeries bars) {
        int real = 0;
        for (int i = 0; i < bars.size(); i++) {
            if ((bars.flags(i) & Bar.SYNTHETIC) == 0) {
                real++;
            }
        }
        if (real == bars.size()) {
            return bars;
        }
        int[] rows = new int[real];
        int n = 0;
        for (int i = 0; i < bars.size(); i++) {
            if ((bars.flags(i) & Bar.SYNTHETIC) == 0) {
                rows[n++] = i;
            }
        }
        return bars.reorder(rows);
    }

    // ------------------------------------------------------------------------------------------------ time

    /** Moves time forward to {@code t}, delivering the derived windows that end on the way. */
    private void advanceTime(long t) throws InterruptedException {
        while (nextBoundary < boundaries.length && boundaries[nextBoundary] < t) {
            long b = boundaries[nextBoundary++];
            moveTime(b);
            flushAll(b);
        }
        moveTime(t);
    }

    private void moveTime(long t) throws InterruptedException {
        if (time.mode() != OperationMode.BACKTEST || t <= time.nowMicros()) {
            return;
        }
        pace(t);
        time.advanceTo(t);
    }

    /** Live mode: windows that ended by the clock while no event arrived. */
    private void flushPassedWindows(long now) throws InterruptedException {
        while (nextBoundary < boundaries.length && boundaries[nextBoundary] <= now) {
            flushAll(boundaries[nextBoundary++]);
        }
    }

    /** At speed k, waits until {@code t} is due in wall time; a pause freezes simulated time and re-anchors. */
    private void pace(long t) throws InterruptedException {
        double speed = config.backtestSpeed();
        if (speed <= 0) {
            return;
        }
        while (true) {
            checkStop();
            if (!system.isRunning()) {
                awaitRunning();
            }
            long due = paceWall0 + (long) ((t - paceSim0) * 1_000.0 / speed);
            long delay = due - wall.nanoTime();
            if (delay <= 0) {
                return;
            }
            wall.sleepNanos(Math.min(delay, WAIT_SLICE_NANOS));
        }
    }

    /** Blocks while PAUSED; afterwards pacing continues from the frozen simulated time, without a jump. */
    private void awaitRunning() throws InterruptedException {
        if (system.isRunning()) {
            return;
        }
        while (!system.awaitRunning(WAIT_SLICE_NANOS, TimeUnit.NANOSECONDS)) {
            checkStop();
            if (system.state() == io.sessionflow.system.SystemState.STOPPED) {
                throw new StopRequested();
            }
        }
        paceWall0 = wall.nanoTime();
        paceSim0 = time.nowMicros();
    }

    private boolean waitForData(long seen, long timeoutNanos) throws InterruptedException {
        long remaining = timeoutNanos;
        while (remaining > 0) {
            checkStop();
            if (!system.isRunning()) {
                awaitRunning();  // a pause freezes the silence timer too: no session ends while paused
                continue;
            }
            long slice = Math.min(remaining, WAIT_SLICE_NANOS);
            long before = wall.nanoTime();
            if (signal.awaitChange(seen, slice, wall)) {
                return true;
            }
            remaining -= Math.max(wall.nanoTime() - before, slice);
        }
        return false;
    }

    private void checkStop() {
        if (stopRequested) {
            throw new StopRequested();
        }
    }

    private void dropOutOfSessionEvents(long now) {
        for (Input in : inputs) {
            while (in.ready() && in.batch.time(in.pos) <= now) {
                in.pos++;
                outOfSession++;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ delivery

    @Override
    public void bar(EventBatch.Bars b, int i) {
        SymbolChannel ch = channelOf(b, i);
        if (ch == null || !ch.bars()) {
            return;
        }
        BarSeries s = b.series;
        long start = s.startMicros(i);
        int mask = writer.applyBar(ch.data, start, s.open(i), s.high(i), s.low(i), s.close(i), s.volume(i),
                s.tradeCount(i), s.vwap(i), s.flags(i));
        if (mask < 0) {
            return;
        }
        publishBar(ch, s, i, start, mask);
    }

    @Override
    public void quote(EventBatch.Quotes q, int i) {
        SymbolChannel ch = channelOf(q, i);
        if (ch == null || !ch.quotes()) {
            return;
        }
        writer.addQuote(ch.data, q.series.timeMicros(i), q.series.bid(i), q.series.ask(i), q.series.bidSize(i),
                q.series.askSize(i));
        events++;
        MarketDataListener[] ls = listeners;
        if (ls.length > 0) {
            io.sessionflow.domain.Quote quote = q.series.get(i);
            for (MarketDataListener l : ls) {
                l.onQuote(quote);
            }
        }
    }

    @Override
    public void trade(EventBatch.Trades t, int i) {
        SymbolChannel ch = channelOf(t, i);
        if (ch == null || !ch.trades()) {
            return;
        }
        writer.addTrade(ch.data, t.series.timeMicros(i), t.series.price(i), t.series.tradeSize(i));
        events++;
        MarketDataListener[] ls = listeners;
        if (ls.length > 0) {
            io.sessionflow.domain.Trade trade = t.series.get(i);
            for (MarketDataListener l : ls) {
                l.onTrade(trade);
            }
        }
    }

    @Override
    public void check(CheckBatch c, int i) {
        SymbolChannel ch = channelOf(c, i);
        if (ch == null || !ch.bars()) {
            return;
        }
        for (long m : c.missing(i)) {
            if (m >= openMicros && m < closeMicros) {
                writer.markConfirmedMissing(ch.data, (int) ((m - openMicros) / Micros.PER_MINUTE));
            }
        }
        BarSeries repairs = c.bars(i);
        for (int r = 0; r < repairs.size(); r++) {
            long start = repairs.startMicros(r);
            if (start < openMicros || start >= closeMicros) {
                continue;
            }
            int mask = writer.applyBar(ch.data, start, repairs.open(r), repairs.high(r), repairs.low(r),
                    repairs.close(r), repairs.volume(r), repairs.tradeCount(r), repairs.vwap(r), repairs.flags(r));
            if (mask >= 0) {
                publishBar(ch, repairs, r, start, mask);
            }
        }
    }

    /** Tells subscribers of a 1m bar now in SessionData, then of the derived bars it completed or revised. */
    private void publishBar(SymbolChannel ch, BarSeries s, int i, long start, int mask) {
        events++;
        MarketDataListener[] ls = listeners;
        if (ls.length > 0) {
            Bar bar = s.get(i);
            for (MarketDataListener l : ls) {
                l.onBar(bar);
            }
        }
        if (mask != 0) {
            int minute = (int) ((start - openMicros) / Micros.PER_MINUTE);
            for (int k = 0; k < derived.length; k++) {
                if ((mask & (1 << k)) != 0) {
                    publishDerived(ch, k, minute / derived[k].minutes(), ls);
                }
            }
        }
    }

    private void publishDerived(SymbolChannel ch, int k, int window, MarketDataListener[] ls) {
        events++;
        if (ls.length > 0) {
            Bar d = writer.derivedBar(ch.data, k, window);
            for (MarketDataListener l : ls) {
                l.onDerivedBar(d);
            }
        }
    }

    /** Delivers, by symbol then interval, the derived windows that ended at or before {@code boundary}. */
    private void flushAll(long boundary) {
        if (derived.length == 0) {
            return;
        }
        MarketDataListener[] ls = listeners;
        for (SymbolChannel ch : sessionChannels()) {
            if (!ch.bars()) {
                continue;
            }
            for (int k = 0; k < derived.length; k++) {
                int n = writer.flushWindows(ch.data, k, boundary, scratch);
                for (int j = 0; j < n; j++) {
                    publishDerived(ch, k, scratch[j], ls);
                }
            }
        }
    }

    private SymbolChannel channel(Symbol symbol) {
        synchronized (registryLock) {
            return channels.computeIfAbsent(symbol, s -> {
                channelsVersion++;  // batches already resolved may now name it: see channelOf
                return new SymbolChannel(s, data.register(s));
            });
        }
    }

    /** Every symbol's channel, in symbol order, including symbols registered since the session began. */
    private SymbolChannel[] sessionChannels() {
        if (sessionChannels == null || sessionChannelsVersion != channelsVersion) {
            synchronized (registryLock) {
                sessionChannelsVersion = channelsVersion;
                sessionChannels = channels.values().toArray(new SymbolChannel[0]);
            }
        }
        return sessionChannels;
    }

    /**
     * The channel of event {@code i}'s symbol, or null when the symbol has none. A batch resolves its symbols once;
     * when a symbol gains a channel later (registered mid-batch), the batch resolves again, so that registering
     * takes effect from the next event.
     */
    private SymbolChannel channelOf(EventBatch b, int i) {
        int id = b.symbolId(i);
        SymbolChannel ch = b.channels[id];
        if (ch == null && b.channelsVersion != channelsVersion) {
            resolve(b);
            ch = b.channels[id];
        }
        return ch;
    }

    private void resolve(EventBatch b) {
        b.channelsVersion = channelsVersion;
        b.channels = channelsFor(b);
    }

    /** The coordinator's channel for each symbol of a batch's dictionary (null where not registered). */
    private SymbolChannel[] channelsFor(EventBatch b) {
        List<Symbol> table = b.symbolTable();
        SymbolChannel[] out = new SymbolChannel[table.size()];
        synchronized (registryLock) {
            for (int k = 0; k < out.length; k++) {
                out[k] = channels.get(table.get(k));
            }
        }
        return out;
    }

    /** One input queue with the batch being consumed. Coordinator thread only. */
    private final class Input {
        final EventQueue queue;
        EventBatch batch;
        int pos;
        /** Nothing more is awaited from this input this session (its marker came, or it stayed silent too long). */
        boolean complete;
        /** The producer marked the current session complete: later items wait for the next session. */
        boolean ended;
        /** The data signal's version when the queue was last found empty: no need to poll again before it moves. */
        long emptyAt = -1;

        Input(EventQueue queue) {
            this.queue = queue;
        }

        /**
         * True when a head event is available, pulling the next batch or marker from the queue as needed. After the
         * marker of the current session nothing more is pulled until the next session: what follows belongs to it.
         */
        boolean ready() {
            while (batch == null || pos >= batch.size()) {
                if (ended) {
                    return false;
                }
                long version = signal.version();
                if (version == emptyAt) {
                    return false;  // polling a queue takes its lock: skip it until a producer has signalled
                }
                Object item = queue.poll();
                if (item == null) {
                    batch = null;
                    emptyAt = version;
                    return false;
                }
                if (item instanceof EventQueue.Complete c) {
                    if (session != null && c.session().isBefore(session.date())) {
                        // The producer completed a session that already ended without waiting for it.
                        LOG.warn("{} marked session {} complete after it ended; ignored", queue, c.session());
                        continue;
                    }
                    if (session == null || !c.session().equals(session.date())) {
                        throw new IllegalStateException(queue + " marked session " + c.session()
                                + " complete while streaming " + (session == null ? "none" : session.date()));
                    }
                    complete = true;
                    ended = true;
                    batch = null;
                    return false;
                }
                batch = (EventBatch) item;
                resolve(batch);
                pos = 0;
            }
            return true;
        }

        /** Delivery order of the heads: time, then kind, then symbol. */
        boolean headBefore(Input other) {
            long a = batch.time(pos);
            long b = other.batch.time(other.pos);
            if (a != b) {
                return a < b;
            }
            if (batch.type != other.batch.type) {
                return batch.type < other.batch.type;
            }
            return batch.symbol(pos).compareTo(other.batch.symbol(other.pos)) < 0;
        }
    }

    /** Unwinds the coordinator thread when a stop was requested. */
    private static final class StopRequested extends RuntimeException {
        StopRequested() {
            super("stop requested", null, false, false);
        }
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

        public StreamCoordinator build() {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(data, "sessionData");
            Objects.requireNonNull(wall, "wallClock");
            Objects.requireNonNull(calendar, "calendar");
            return new StreamCoordinator(this);
        }
    }
}
