package io.sessionflow.api;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.corporate.AdjustmentBasis;
import io.sessionflow.corporate.CorporateActions;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.corporate.PriceAdjustment;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemState;
import io.sessionflow.time.WallClock;
import io.sessionflow.upkeep.DropFilter;
import io.sessionflow.upkeep.RetryPolicy;
import io.sessionflow.upkeep.UpkeepAgent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The facade a strategy uses, the same in live and backtest mode: register streams per symbol and type, subscribe
 * listeners or iterate {@link #streamBars}, read {@link SessionData}, ask the time and the session, and control the
 * run (start, pause, resume, stop, await). A data manager runs once.
 *
 * <p>It wires one {@link SessionData}, the coordinator agent and, with storage, the upkeep agent, each on a thread
 * of its own (or, for a backtest run by {@link #runInline()}, the coordinator on the caller's thread).
 *
 * <p>Threading: every method is safe from any thread; listeners run on the coordinator's thread.
 */
public final class DataManager implements AutoCloseable {

    private final SessionConfig config;
    private final Wiring wiring;
    private final AtomicBoolean started = new AtomicBoolean();
    private final PriceAdjustment adjustment;

    private DataManager(Builder b) {
        this.config = b.config;
        this.adjustment = b.adjustment();
        TradingCalendar calendar = config.calendar(b.calendar != null ? b.calendar
                : Calendars.byName(config.exchange()));
        this.wiring = b.clock == null
                ? Wiring.backtest(config, calendar, b.store, b.from, b.to, b.wall, b.upkeep, b.drop, b.retry,
                        b.adjustment())
                : Wiring.live(config, calendar, b.store, b.clock, b.wall, b.upkeep, b.retry, b.adjustment());
    }

    public static Builder builder() {
        return new Builder();
    }

    public OperationMode mode() {
        return wiring.time().mode();
    }

    public SessionConfig config() {
        return config;
    }

    /** The price normalization {@code symbol}'s bars, derived bars, figures and history are delivered in. */
    public Normalization normalization(Symbol symbol) {
        return adjustment.mode(symbol);
    }

    /** Whether the run has split and dividend factors for {@code symbol} (without them every mode is raw prices). */
    public boolean hasFactors(Symbol symbol) {
        return adjustment.factorFile(symbol).isPresent();
    }

    /** The calendar with the configured session hours. */
    public TradingCalendar calendar() {
        return wiring.calendar();
    }

    /** The backtest's sessions, in order; empty in live mode. */
    public List<TradingSession> backtestSessions() {
        return wiring.sessions();
    }

    public Optional<MarketDataStore> store() {
        return Optional.ofNullable(wiring.store());
    }

    public SessionData sessionData() {
        return wiring.sessionData();
    }

    /** The current time: simulated in a backtest, the clock's in live mode. */
    public Instant now() {
        return wiring.time().now();
    }

    public Optional<TradingSession> currentSession() {
        return wiring.sessionData().currentSession();
    }

    /** RUNNING, PAUSED or STOPPED. */
    public SystemState state() {
        return wiring.system().state();
    }

    /**
     * Registers a stream. In a backtest its data comes from the next session the coordinator asks for; registering
     * from a listener during a session therefore takes effect at the next session, with or without the upkeep thread.
     */
    public DataManager register(Symbol symbol, StreamType type) {
        wiring.coordinator().register(List.of(symbol), type);
        return this;
    }

    public DataManager register(Collection<Symbol> symbols, StreamType type) {
        wiring.coordinator().register(symbols, type);
        return this;
    }

    /** Stops one stream's delivery; the others are not disturbed. */
    public DataManager cancel(Symbol symbol, StreamType type) {
        wiring.coordinator().cancel(symbol, type);
        return this;
    }

    public boolean isRegistered(Symbol symbol, StreamType type) {
        return wiring.coordinator().isRegistered(symbol, type);
    }

    public DataManager subscribe(MarketDataListener listener) {
        wiring.coordinator().subscribe(listener);
        return this;
    }

    public DataManager unsubscribe(MarketDataListener listener) {
        wiring.coordinator().unsubscribe(listener);
        return this;
    }

    /**
     * The merged bars of {@code symbols} in {@code interval} (1m or a configured derived interval), in delivery
     * order; registers their bar streams. Iterate it on another thread than the one that starts the run, or start
     * the run first. A stream opened after the run ended is empty.
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
        StreamCoordinator c = wiring.coordinator();
        BarStream stream = new BarStream(set, interval, 4096, c::unsubscribe, c::isDone, c::isStopRequested);
        c.subscribe(stream.listenerRef);
        return stream;
    }

    /**
     * A new input of the merge for data this application pushes itself (a live feed, a custom stream): batches in
     * delivery order, at most {@code capacity} queued. It is treated as idle for the rest of a session once it has
     * held back the merge for the session-end timeout with nothing sent.
     */
    public EventQueue publisher(String name, int capacity) {
        return publisher(name, capacity, config.sessionEndTimeout());
    }

    /** As {@link #publisher(String, int)}, idle after {@code idleTimeout} of holding back the merge. */
    public EventQueue publisher(String name, int capacity, Duration idleTimeout) {
        return wiring.coordinator().newInput(name, capacity, idleTimeout);
    }

    /**
     * Starts the threads (upkeep first, then the coordinator).
     *
     * @throws IllegalStateException when this data manager has run already: build a new one
     */
    public void start() {
        claimRun();
        wiring.system().start();
        wiring.upkeepRunner().ifPresent(AgentRunner::start);
        wiring.coordinatorRunner().start();
    }

    /**
     * Runs a backtest to its end on the calling thread (the upkeep thread, when on, still prefetches on its own).
     *
     * @throws IllegalStateException in live mode, or when this data manager has run already
     */
    public RunResult runInline() {
        if (mode() != OperationMode.BACKTEST) {
            throw new IllegalStateException("only a backtest runs inline; live mode runs on its own thread");
        }
        claimRun();
        wiring.system().start();
        wiring.upkeepRunner().ifPresent(AgentRunner::start);
        StreamCoordinator c = wiring.coordinator();
        try {
            while (!c.isDone()) {
                wiring.signal().idle(c.doWork(), c.wakeAtNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.requestStop();
            c.doWork();
        } finally {
            close();
        }
        return c.result();
    }

    private void claimRun() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("this data manager has run already; a data manager runs once, so build "
                    + "a new one for another run");
        }
    }

    public void pause() {
        wiring.system().pause();
        wiring.signal().wake();
    }

    public void resume() {
        wiring.system().resume();
        wiring.signal().wake();
    }

    /**
     * Stops the run (outcome STOPPED) and joins both threads within a bound; from a listener it asks the run to end
     * and joins the upkeep thread, and a later {@link #close()} or {@link #await} joins the coordinator's.
     */
    public void stop() {
        wiring.coordinator().requestStop();
        wiring.upkeep().ifPresent(UpkeepAgent::requestStop);
        if (wiring.system().state() != SystemState.STOPPED) {
            wiring.system().stop();
        }
        wiring.coordinatorRunner().closeAndJoin();
        wiring.upkeepRunner().ifPresent(AgentRunner::closeAndJoin);
    }

    /**
     * Waits up to {@code timeout} for the run to end, then joins the threads.
     *
     * @throws TimeoutException when the run is still going (it goes on; call {@link #stop()} to end it)
     */
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        RunResult r = wiring.coordinator().await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        if (r == null) {
            throw new TimeoutException("the run did not end within " + timeout.toMillis() + " ms");
        }
        stop();
        return r;
    }

    /**
     * Starts, waits up to {@code timeout} for the end and stops.
     *
     * @throws TimeoutException when the run did not end in time (it is stopped)
     */
    public RunResult run(Duration timeout) throws InterruptedException, TimeoutException {
        start();
        try {
            return await(timeout);
        } catch (TimeoutException | InterruptedException e) {
            stop();
            throw e;
        }
    }

    /** Progress for long runs: sessions done, events delivered, the session being streamed. */
    public Progress progress() {
        StreamCoordinator c = wiring.coordinator();
        return new Progress(c.sessionsDone(), wiring.sessions().size(), c.eventsDelivered(), c.progressDate());
    }

    /** Storage retries and issues, the upkeep's failure and whether a session-end timer expired. */
    public Diagnostics diagnostics() {
        return wiring.diagnostics();
    }

    @Override
    public void close() {
        stop();
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
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private CorporateActions corporateActions = CorporateActions.NONE;
        private Normalization normalization;
        private final Map<Symbol, Normalization> normalizations = new TreeMap<>();
        private AdjustmentBasis adjustmentBasis = AdjustmentBasis.RUN_END;

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

        /** Backtest over the sessions with dates in {@code [from, toExclusive)}: the end date is exclusive. */
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

        public Builder retryPolicy(RetryPolicy v) {
            retry = Objects.requireNonNull(v, "retryPolicy");
            return this;
        }

        /** Where the run finds each symbol's split and dividend factors; none by default (every price raw). */
        public Builder corporateActions(CorporateActions v) {
            corporateActions = Objects.requireNonNull(v, "corporateActions");
            return this;
        }

        /** The price normalization of every symbol not given its own; by default the configuration's. */
        public Builder normalization(Normalization v) {
            normalization = Objects.requireNonNull(v, "normalization");
            return this;
        }

        /** The price normalization of {@code symbol}, whatever the run's. */
        public Builder normalization(Symbol symbol, Normalization v) {
            normalizations.put(Objects.requireNonNull(symbol, "symbol"), Objects.requireNonNull(v, "normalization"));
            return this;
        }

        /** Which prices the adjusted modes keep as traded: the run's last session (default) or LEAN's basis. */
        public Builder adjustmentBasis(AdjustmentBasis v) {
            adjustmentBasis = Objects.requireNonNull(v, "adjustmentBasis");
            return this;
        }

        private PriceAdjustment adjustment() {
            return new PriceAdjustment(corporateActions, normalization != null ? normalization
                    : config.normalization(), normalizations, null).withBasis(adjustmentBasis);
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
