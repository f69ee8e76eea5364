package io.sessionflow.upkeep;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SymbolSessionData;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.system.Managed;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-upkeep thread (the analysis's "Thread 2").
 *
 * <p>Backtest: while the coordinator streams a session it loads the next one from storage ({@link SessionLoader}:
 * one bulk read per kind of data, the session's completeness checks, the history symbols lack), holding at most one
 * session ahead; when the coordinator signals {@code sessionEnded} it puts the prefetched session into the
 * coordinator's queues and clears the flag.
 *
 * <p>Live: at each session request it loads the trailing history symbols lack and clears {@code sessionEnded}; then,
 * every check interval of live time, it runs a {@link LiveCompletenessCheck} and puts the repairs into the
 * coordinator's check queue, where they are delivered at once.
 *
 * <p>In both modes storage failures are retried with exponential backoff and reported. When retries run out nothing
 * is skipped silently: a backtest fails with the cause ({@link SessionData#sessionLoadFailed}); a live check is
 * tried again at the next interval.
 *
 * <p>Threading: one named thread owns the prefetched session; it talks to the coordinator only through bounded
 * queues and SessionData's hand-off. {@link #stop()} interrupts and joins it within a bounded time.
 */
public final class DataUpkeepThread implements Managed {

    private static final Logger LOG = LoggerFactory.getLogger(DataUpkeepThread.class);
    private static final long WAIT_SLICE_MILLIS = 100;
    private static final long STOP_JOIN_MILLIS = 1_500;

    private final SessionLoader loader;
    /** Live mode only (null in backtests): the check, the live clock and how often the check runs. */
    private final LiveCompletenessCheck liveCheck;
    private final TimeProvider time;
    private final Duration checkInterval;
    private final StreamCoordinator coordinator;
    private final SessionData data;
    private final SessionLoad.Inputs inputs;
    private final List<TradingSession> sessions;
    private final WallClock wall;
    private final RetryPolicy retry;
    private final Duration handOffTimeout;
    private final List<String> storageIssues = new CopyOnWriteArrayList<>();
    /** Per symbol, the trailing history dates it will hold: see {@link #heldHistory}. Upkeep thread only. */
    private final Map<Symbol, TreeSet<LocalDate>> supplied = new HashMap<>();

    private volatile Thread thread;
    private volatile boolean stopRequested;
    private volatile int prefetched;
    private volatile int retries;
    private volatile Throwable failure;

    /** The backtest upkeep thread for {@code sessions}. */
    public DataUpkeepThread(SessionLoader loader, StreamCoordinator coordinator, SessionData data,
                            SessionLoad.Inputs inputs, List<TradingSession> sessions, WallClock wall,
                            RetryPolicy retry, Duration handOffTimeout) {
        this(loader, null, null, null, coordinator, data, inputs, sessions, wall, retry, handOffTimeout);
    }

    /** The live upkeep thread: history at session starts, completeness checks against {@code store}. */
    public static DataUpkeepThread live(SessionLoader loader, MarketDataStore store, SessionConfig config,
                                        TimeProvider time, StreamCoordinator coordinator, SessionData data,
                                        EventQueue checks, WallClock wall, RetryPolicy retry) {
        return new DataUpkeepThread(loader, new LiveCompletenessCheck(store, config), Objects.requireNonNull(time),
                config.upkeepCheckInterval(), coordinator, data, new SessionLoad.Inputs(null, null, null, checks),
                List.of(), wall, retry, config.refillTimeout());
    }

    private DataUpkeepThread(SessionLoader loader, LiveCompletenessCheck liveCheck, TimeProvider time,
                             Duration checkInterval, StreamCoordinator coordinator, SessionData data,
                             SessionLoad.Inputs inputs, List<TradingSession> sessions, WallClock wall,
                             RetryPolicy retry, Duration handOffTimeout) {
        this.liveCheck = liveCheck;
        this.time = time;
        this.checkInterval = checkInterval;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.coordinator = Objects.requireNonNull(coordinator, "coordinator");
        this.data = Objects.requireNonNull(data, "data");
        this.inputs = Objects.requireNonNull(inputs, "inputs");
        this.sessions = List.copyOf(sessions);
        this.wall = Objects.requireNonNull(wall, "wall");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.handOffTimeout = Objects.requireNonNull(handOffTimeout, "handOffTimeout");
    }

    @Override
    public String name() {
        return "data upkeep";
    }

    @Override
    public void start() {
        Thread t = new Thread(this::run, "sessionflow-upkeep");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    @Override
    public void stop() {
        stopRequested = true;
        if (!Managed.interruptAndJoin(thread, STOP_JOIN_MILLIS)) {
            LOG.error("upkeep thread did not stop within {} ms", STOP_JOIN_MILLIS);
        }
    }

    /** True while the thread runs. */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    /** Sessions loaded ahead of the coordinator's request so far. */
    public int prefetchedSessions() {
        return prefetched;
    }

    /** Storage attempts that failed and were retried. */
    public int storageRetries() {
        return retries;
    }

    /** One line per storage failure, for the summary. */
    public List<String> storageIssues() {
        return List.copyOf(storageIssues);
    }

    /** Why the thread gave up, if it did. */
    public Throwable failure() {
        return failure;
    }

    private void run() {
        try {
            if (liveCheck != null) {
                runLive();
            } else {
                runBacktest();
            }
        } catch (InterruptedException e) {
            // stop requested
        }
    }

    private void runBacktest() throws InterruptedException {
        int next = 0;
        try {
            Prefetch ahead = null;
            while (!stopRequested && next < sessions.size()) {
                if (ahead == null) {
                    ahead = loadWithRetry(sessions.get(next));
                }
                TradingSession wanted = data.awaitSessionRequest(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
                if (wanted == null) {
                    continue;
                }
                if (!wanted.equals(ahead.load().session())) {
                    throw new IllegalStateException("coordinator asked for session " + wanted.date()
                            + " but the next one in the window is " + ahead.load().session().date());
                }
                if (!ahead.sameStreams(coordinator)) {
                    // Streams were registered or cancelled since the prefetch: the session is loaded for the streams
                    // registered when the coordinator asks for it, as without the upkeep thread.
                    ahead = loadWithRetry(wanted);
                } else if (next > 0) {
                    prefetched++;  // loaded while the previous session streamed
                }
                ahead.load().handTo(inputs, data, handOffTimeout.toNanos(), TimeUnit.NANOSECONDS);
                remember(wanted, ahead.bars(), ahead.load().history());
                ahead = null;
                next++;
            }
        } catch (RuntimeException e) {
            if (!stopRequested) {
                failure = e;
                LOG.error("upkeep thread stopped: {}", e.getMessage());
                if (next < sessions.size()) {
                    data.sessionLoadFailed(sessions.get(next), e);  // the coordinator fails with the cause
                }
            }
        }
    }

    private void runLive() throws InterruptedException {
        long nextCheck = Long.MAX_VALUE;
        while (!stopRequested) {
            TradingSession wanted = data.awaitSessionRequest(WAIT_SLICE_MILLIS, TimeUnit.MILLISECONDS);
            if (wanted != null) {
                List<Symbol> bars = coordinator.registered(StreamType.BARS);
                Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history;
                try {
                    history = withRetry("loading the history before session " + wanted.date(),
                            () -> loader.loadHistory(wanted, bars, this::heldHistory));
                } catch (StorageException e) {
                    LOG.warn("session {} starts without the history storage could not give: {}", wanted.date(),
                            e.getMessage());
                    history = Map.of();
                }
                data.sessionLoaded(wanted, history);
                remember(wanted, bars, history);
                nextCheck = time.nowMicros() + checkInterval.toNanos() / 1_000;
                continue;
            }
            TradingSession current = data.isSessionEnded() ? null : data.currentSession().orElse(null);
            long now = time.nowMicros();
            if (current == null || now < nextCheck) {
                continue;
            }
            nextCheck = now + checkInterval.toNanos() / 1_000;
            List<SymbolSessionData> symbols = new ArrayList<>();
            for (Symbol s : coordinator.registered(StreamType.BARS)) {
                data.symbol(s).ifPresent(symbols::add);
            }
            try {
                CheckBatch checks = withRetry("checking the completeness of session " + current.date(),
                        () -> liveCheck.check(current, now, symbols));
                if (checks.size() > 0 && !inputs.checks().offer(checks, handOffTimeout.toNanos(),
                        TimeUnit.NANOSECONDS)) {
                    LOG.warn("the coordinator's check queue stayed full; the next check looks the minutes up again");
                }
            } catch (StorageException e) {
                LOG.warn("completeness check skipped until the next interval: {}", e.getMessage());
            }
        }
    }

    /** A loaded session and the streams it was loaded for. Immutable. */
    private record Prefetch(SessionLoad load, List<Symbol> bars, List<Symbol> quotes, List<Symbol> trades) {
        boolean sameStreams(StreamCoordinator c) {
            return bars.equals(c.registered(StreamType.BARS)) && quotes.equals(c.registered(StreamType.QUOTES))
                    && trades.equals(c.registered(StreamType.TRADES));
        }
    }

    /** Loads a session for the streams registered now, retrying storage failures with backoff. */
    private Prefetch loadWithRetry(TradingSession session) throws InterruptedException {
        List<Symbol> bars = coordinator.registered(StreamType.BARS);
        List<Symbol> quotes = coordinator.registered(StreamType.QUOTES);
        List<Symbol> trades = coordinator.registered(StreamType.TRADES);
        SessionLoad load = withRetry("loading session " + session.date(),
                () -> loader.load(session, bars, quotes, trades, this::heldHistory));
        return new Prefetch(load, bars, quotes, trades);
    }

    /** Runs a storage operation, retrying failures with backoff; gives up after the policy's attempts. */
    private <T> T withRetry(String what, java.util.function.Supplier<T> operation) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (StorageException e) {
                if (stopRequested) {
                    // A read cut short by stop(): not a storage issue, and never retried (drivers often turn the
                    // interrupt into an I/O error and clear the flag, so a retry would block again).
                    throw new InterruptedException("stopped while " + what);
                }
                String issue = what + ", attempt " + attempt + ": " + e.getMessage();
                storageIssues.add(issue);
                if (attempt >= retry.attempts()) {
                    throw new StorageException("giving up " + what + " after " + attempt + " attempts: "
                            + e.getMessage(), e);
                }
                retries++;
                long backoff = retry.backoffNanos(attempt);
                LOG.warn("storage failed {}; retrying in {} ms", issue, TimeUnit.NANOSECONDS.toMillis(backoff));
                wall.sleepNanos(backoff);
            }
        }
    }

    /**
     * The history dates {@code symbol} will hold when the session being loaded starts: the sessions handed to the
     * coordinator so far (it rolls each one into the history when it ends) and the history their loads supplied.
     * Known from this thread's own hand-offs rather than read from SessionData, whose state depends on how far the
     * coordinator has got: the history read, and so every run, stays the same whatever the timing.
     */
    private Set<LocalDate> heldHistory(Symbol symbol) {
        return supplied.getOrDefault(symbol, new TreeSet<>());
    }

    /** Records what a handed-off session puts into the history; keeps only the trailing sessions. */
    private void remember(TradingSession session, List<Symbol> bars,
                          Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history) {
        int keep = data.config().historicalTrailingSessions();
        if (keep <= 0) {
            return;
        }
        for (Symbol s : bars) {
            supplied.computeIfAbsent(s, k -> new TreeSet<>()).add(session.date());
        }
        history.forEach((s, perInterval) -> perInterval.values()
                .forEach(dates -> supplied.computeIfAbsent(s, k -> new TreeSet<>()).addAll(dates.keySet())));
        for (TreeSet<LocalDate> dates : supplied.values()) {
            while (dates.size() > keep) {
                dates.pollFirst();
            }
        }
    }

    /**
     * How storage failures are retried: {@code attempts} in all, waiting {@code firstBackoff} after the first
     * failure and doubling up to {@code maxBackoff}. Immutable.
     */
    public record RetryPolicy(int attempts, Duration firstBackoff, Duration maxBackoff) {
        public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5));

        public RetryPolicy {
            if (attempts < 1) {
                throw new IllegalArgumentException("retry attempts " + attempts + " is below 1");
            }
        }

        long backoffNanos(int failedAttempt) {
            long nanos = firstBackoff.toNanos() << Math.min(failedAttempt - 1, 20);
            return Math.min(nanos, maxBackoff.toNanos());
        }
    }
}
