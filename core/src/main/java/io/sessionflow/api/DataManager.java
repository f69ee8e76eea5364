package io.sessionflow.api;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.coordinator.MarketDataListener;
import io.sessionflow.coordinator.RunResult;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import io.sessionflow.upkeep.DataUpkeepThread;
import io.sessionflow.upkeep.DropFilter;
import io.sessionflow.upkeep.SessionLoad;
import io.sessionflow.upkeep.SessionLoader;
import io.sessionflow.upkeep.SynchronousSessionFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The facade a strategy uses, the same in live and backtest mode: register streams per symbol and type, subscribe
 * listeners or iterate {@link #streamBars}, read {@link SessionData}, ask the time and the session, and control the
 * run (start, pause, resume, stop, await).
 *
 * <p>A data manager wires one {@link SystemManager}, one {@link TimeProvider}, one {@link SessionData}, the
 * coordinator thread and, in backtests, the data-upkeep thread (or a synchronous loader when it is turned off).
 *
 * <p>Threading: every method is safe from any thread; listeners run on the coordinator thread.
 */
public final class DataManager implements AutoCloseable {

    /** Batches an input queue holds: a session's batch plus its marker, and room for the next session. */
    private static final int LOADER_QUEUE_CAPACITY = 4;

    private final SessionConfig config;
    private final TradingCalendar calendar;
    private final MarketDataStore store;
    private final SystemManager system;
    private final TimeProvider time;
    private final SessionData sessionData;
    private final StreamCoordinator coordinator;
    private final DataUpkeepThread upkeep;
    private final List<TradingSession> sessions;

    private DataManager(Builder b) {
        this.config = b.config;
        this.calendar = (b.calendar != null ? b.calendar : Calendars.byName(config.exchange()))
                .withSessionHours(config.sessionStart(), config.sessionEnd());
        this.store = b.store;
        OperationMode mode = b.clock == null ? OperationMode.BACKTEST : OperationMode.LIVE;
        this.system = new SystemManager(mode);
        if (mode == OperationMode.BACKTEST) {
            Objects.requireNonNull(b.from, "backtest window");
            if (store == null) {
                throw new IllegalArgumentException("a backtest needs a store to read its sessions from");
            }
            if (!b.to.isAfter(b.from)) {
                throw new IllegalArgumentException("backtest window [" + b.from + ", " + b.to + ") is empty");
            }
            this.sessions = calendar.sessions(b.from, b.to);
            if (sessions.isEmpty()) {
                throw new IllegalArgumentException("no " + calendar.name() + " trading sessions between " + b.from
                        + " and " + b.to.minusDays(1));
            }
            this.time = TimeProvider.backtest(sessions.get(0).open());
        } else {
            this.sessions = List.of();
            this.time = TimeProvider.live(b.clock);
        }
        this.sessionData = new SessionData(config, time);
        StreamCoordinator.Builder cb = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(sessionData).wallClock(b.wall).calendar(calendar);
        if (mode == OperationMode.BACKTEST) {
            cb.backtestSessions(sessions);
        }
        this.coordinator = cb.build();
        if (mode == OperationMode.BACKTEST) {
            SessionLoad.Inputs inputs = new SessionLoad.Inputs(
                    coordinator.newInput("storage bars", LOADER_QUEUE_CAPACITY),
                    coordinator.newInput("storage quotes", LOADER_QUEUE_CAPACITY),
                    coordinator.newInput("storage trades", LOADER_QUEUE_CAPACITY),
                    coordinator.newInput("completeness checks", LOADER_QUEUE_CAPACITY));
            SessionLoader loader = new SessionLoader(store, config, calendar, b.drop, b.upkeep);
            if (b.upkeep) {
                this.upkeep = new DataUpkeepThread(loader, coordinator, sessionData, inputs, sessions, b.wall,
                        b.retry, config.refillTimeout());
                system.register(upkeep);
            } else {
                this.upkeep = null;
                SynchronousSessionFeed.attach(loader, coordinator, sessionData, inputs);
            }
        } else if (store != null && b.upkeep) {
            // Live feeds push their own data; the upkeep thread loads history and repairs gaps from storage.
            SessionLoader loader = new SessionLoader(store, config, calendar, DropFilter.NONE, true);
            this.upkeep = DataUpkeepThread.live(loader, store, config, time, coordinator, sessionData,
                    coordinator.newInput("completeness checks", LOADER_QUEUE_CAPACITY), b.wall, b.retry);
            system.register(upkeep);
        } else {
            this.upkeep = null;
            // Nothing to load without storage: a session starts as soon as the coordinator asks for it.
            sessionData.onSessionRequested(sessionData::sessionLoaded);
        }
        system.register(coordinator);
    }

    public static Builder builder() {
        return new Builder();
    }

    public OperationMode mode() {
        return system.mode();
    }

    public SessionConfig config() {
        return config;
    }

    /** The calendar with the configured session hours. */
    public TradingCalendar calendar() {
        return calendar;
    }

    /** The backtest's sessions, in order; empty in live mode. */
    public List<TradingSession> backtestSessions() {
        return sessions;
    }

    public Optional<MarketDataStore> repository() {
        return Optional.ofNullable(store);
    }

    public SystemManager systemManager() {
        return system;
    }

    public SessionData sessionData() {
        return sessionData;
    }

    /** The current time: simulated in a backtest, the clock's in live mode. */
    public Instant now() {
        return time.now();
    }

    public TimeProvider timeProvider() {
        return time;
    }

    public Optional<TradingSession> currentSession() {
        return sessionData.currentSession();
    }

    /**
     * Registers a stream. In a backtest its data comes from the next session the coordinator asks for (a session
     * prefetched for other streams is loaded again); registering from a listener during a session therefore takes
     * effect at the next session, with or without the upkeep thread.
     */
    public DataManager register(Symbol symbol, StreamType type) {
        sessionData.register(symbol);
        coordinator.register(symbol, type);
        return this;
    }

    public DataManager register(Collection<Symbol> symbols, StreamType type) {
        symbols.forEach(s -> register(s, type));
        return this;
    }

    /** Stops one stream's delivery; the others are not disturbed. */
    public DataManager cancel(Symbol symbol, StreamType type) {
        coordinator.cancel(symbol, type);
        return this;
    }

    public boolean isRegistered(Symbol symbol, StreamType type) {
        return coordinator.isRegistered(symbol, type);
    }

    public DataManager subscribe(MarketDataListener listener) {
        coordinator.subscribe(listener);
        return this;
    }

    public DataManager unsubscribe(MarketDataListener listener) {
        coordinator.unsubscribe(listener);
        return this;
    }

    /**
     * The merged bars of {@code symbols} in {@code interval} (1m or a configured derived interval), in delivery
     * order; registers their bar streams. Iterate it on another thread than the one that starts the run, or start
     * the run first.
     *
     * @throws IllegalArgumentException when {@code interval} is neither 1m nor configured
     */
    public BarStream streamBars(Collection<Symbol> symbols, Interval interval) {
        if (!config.sessionIntervals().contains(interval)) {
            throw new IllegalArgumentException("interval " + interval + " is not produced; configured: "
                    + config.sessionIntervals());
        }
        Set<Symbol> set = new LinkedHashSet<>(symbols);
        register(set, StreamType.BARS);
        BarStream stream = new BarStream(set, interval, 4096, coordinator::unsubscribe);
        coordinator.subscribe(stream.listenerRef);
        return stream;
    }

    /**
     * A new input of the merge for data this application pushes itself (a live feed, a custom stream): batches in
     * delivery order, at most {@code capacity} queued.
     */
    public EventQueue publisher(String name, int capacity) {
        return coordinator.newInput(name, capacity);
    }

    /** Starts the threads (upkeep first, then the coordinator). */
    public void start() {
        system.start();
    }

    public void pause() {
        system.pause();
    }

    public void resume() {
        system.resume();
    }

    /** Stops the run: the coordinator first, then the upkeep thread; returns with both joined. */
    public void stop() {
        system.stop();
    }

    /**
     * Waits up to {@code timeout} for the run to end, then stops the remaining threads.
     *
     * @return the result, or empty when the run is still going
     */
    public Optional<RunResult> await(Duration timeout) throws InterruptedException {
        RunResult r = coordinator.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (r == null) {
            return Optional.empty();
        }
        system.stop();
        return Optional.of(r);
    }

    /** Starts, waits up to {@code timeout} for the end, stops; the result, or empty on timeout (then stopped). */
    public Optional<RunResult> run(Duration timeout) throws InterruptedException {
        start();
        Optional<RunResult> r = await(timeout);
        if (r.isEmpty()) {
            stop();
        }
        return r;
    }

    /** Progress for long runs: sessions done, events delivered, the session being streamed. */
    public Progress progress() {
        return new Progress(coordinator.sessionsDone(), sessions.size(), coordinator.eventsDelivered(),
                coordinator.progressDate());
    }

    /** The upkeep thread's reports (storage retries and issues), when it runs. */
    public Optional<DataUpkeepThread> upkeep() {
        return Optional.ofNullable(upkeep);
    }

    @Override
    public void close() {
        system.stop();
    }

    /**
     * Where a run stands. Immutable.
     *
     * @param sessionsDone  sessions ended so far
     * @param sessionsTotal sessions in the backtest window (0 in live mode)
     * @param events        events delivered so far
     * @param session       the session being streamed, null before the first
     */
    public record Progress(int sessionsDone, int sessionsTotal, long events, LocalDate session) {
    }

    /**
     * Configures a data manager: backtest (a store and a window) or live (a clock).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private SessionConfig config = SessionConfig.defaults();
        private TradingCalendar calendar;
        private MarketDataStore store;
        private LocalDate from;
        private LocalDate to;
        private Clock clock;
        private WallClock wall = WallClock.system();
        private boolean upkeep = true;
        private DropFilter drop = DropFilter.NONE;
        private DataUpkeepThread.RetryPolicy retry = DataUpkeepThread.RetryPolicy.DEFAULT;

        public Builder config(SessionConfig v) {
            config = Objects.requireNonNull(v, "config");
            return this;
        }

        /** The exchange calendar; by default the one the configuration names. */
        public Builder calendar(TradingCalendar v) {
            calendar = v;
            return this;
        }

        public Builder store(MarketDataStore v) {
            store = v;
            return this;
        }

        /** Backtest over the sessions with dates in {@code [from, toExclusive)}. */
        public Builder backtest(LocalDate from, LocalDate toExclusive) {
            this.from = Objects.requireNonNull(from, "from");
            this.to = Objects.requireNonNull(toExclusive, "toExclusive");
            this.clock = null;
            return this;
        }

        /** Live mode on {@code clock} (the UTC system clock in production). */
        public Builder live(Clock v) {
            clock = Objects.requireNonNull(v, "clock");
            from = null;
            return this;
        }

        /** Wall time for pacing, timeouts and retry backoff; tests inject a manual one. */
        public Builder wallClock(WallClock v) {
            wall = Objects.requireNonNull(v, "wallClock");
            return this;
        }

        /** Whether the data-upkeep thread runs (prefetch, gap repair); default on. */
        public Builder upkeep(boolean v) {
            upkeep = v;
            return this;
        }

        /** Streamed 1m bars to lose before delivery (storage keeps them), to watch repair work. */
        public Builder dropFilter(DropFilter v) {
            drop = Objects.requireNonNull(v, "dropFilter");
            return this;
        }

        public Builder retryPolicy(DataUpkeepThread.RetryPolicy v) {
            retry = Objects.requireNonNull(v, "retryPolicy");
            return this;
        }

        /**
         * @throws IllegalArgumentException when the window has no session, a backtest has no store, or no mode was
         *                                  chosen
         */
        public DataManager build() {
            if (clock == null && from == null) {
                throw new IllegalArgumentException("choose a mode: backtest(from, to) or live(clock)");
            }
            return new DataManager(this);
        }
    }
}
