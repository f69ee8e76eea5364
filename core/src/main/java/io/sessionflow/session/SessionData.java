package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.time.TimeProvider;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * All session data of one data manager (the analysis's {@code session_data}; one instance per data manager, no
 * static global): the configuration, the current session, the {@code sessionEnded} flag with the hand-off it
 * drives, and one {@link SymbolSessionData} per registered symbol.
 *
 * <p>The hand-off: the coordinator asks for the next session ({@link SessionDataWriter#requestSession}), which sets
 * {@code sessionEnded}; whoever loads sessions (the upkeep thread, or a synchronous loader) waits for that request
 * ({@link #awaitSessionRequest}) or is told of it ({@link #onSessionRequested}), fills the coordinator's queues and
 * calls {@link #sessionLoaded}, which clears the flag; the coordinator waits for that with a timeout.
 *
 * <p>Threading: symbols may be registered from any thread; the session state, the hand-off and the registration of
 * new symbols are guarded by one lock (taken before any symbol's lock, never after); per-symbol data follows
 * {@link SymbolSessionData}'s contract. Reads are safe from any thread.
 */
public final class SessionData {

    private final SessionConfig config;
    private final TimeProvider time;
    private final ConcurrentSkipListMap<Symbol, SymbolSessionData> symbols = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<Consumer<TradingSession>> requestListeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean writerClaimed = new AtomicBoolean();
    private volatile TradingSession currentSession;
    private volatile boolean sessionEnded = true;
    private TradingSession requested;
    private TradingSession failedSession;
    private Throwable loadFailure;
    private Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> pendingHistory = Map.of();

    public SessionData(SessionConfig config, TimeProvider time) {
        this.config = Objects.requireNonNull(config, "config");
        this.time = Objects.requireNonNull(time, "time");
    }

    public SessionConfig config() {
        return config;
    }

    /** The session being streamed, or the last one after the run; empty before the first session starts. */
    public Optional<TradingSession> currentSession() {
        return Optional.ofNullable(currentSession);
    }

    public Optional<LocalDate> currentSessionDate() {
        return currentSession().map(TradingSession::date);
    }

    /** True between sessions: the coordinator finished one and waits for the next one's data. */
    public boolean isSessionEnded() {
        return sessionEnded;
    }

    /**
     * Adds {@code symbol} (idempotent) and returns its data. A symbol added during a session is ready for that
     * session's data at once.
     */
    public SymbolSessionData register(Symbol symbol) {
        SymbolSessionData d = symbols.get(symbol);
        if (d != null) {
            return d;
        }
        lock.lock();  // against begin(): a new symbol gets the current session, or is in the map begin() walks
        try {
            return symbols.computeIfAbsent(symbol, s -> {
                SymbolSessionData n = new SymbolSessionData(s, this, config.derivedIntervals(),
                        config.quoteRetention(), config.tradeRetention());
                if (currentSession != null) {
                    n.beginSession(currentSession);
                }
                return n;
            });
        } finally {
            lock.unlock();
        }
    }

    public Optional<SymbolSessionData> symbol(Symbol symbol) {
        return Optional.ofNullable(symbols.get(symbol));
    }

    /** Registered symbols in symbol order. */
    public List<Symbol> symbols() {
        return List.copyOf(symbols.keySet());
    }

    /** Every symbol's data, in symbol order. */
    public List<SymbolSessionData> all() {
        return List.copyOf(symbols.values());
    }

    /** Whole minutes of the current session elapsed by now: the 1m bars quality expects so far. */
    public int expectedMinutes() {
        TradingSession s = currentSession;
        if (s == null) {
            return 0;
        }
        long elapsed = time.nowMicros() - Micros.of(s.open());
        return (int) Math.max(0, Math.min(s.minutes(), elapsed / Micros.PER_MINUTE));
    }

    /**
     * The single writer of this SessionData, for the coordinator thread.
     *
     * @throws IllegalStateException when a writer was already claimed: there is one owner
     */
    public SessionDataWriter claimWriter() {
        if (!writerClaimed.compareAndSet(false, true)) {
            throw new IllegalStateException("SessionData already has its writer");
        }
        return new SessionDataWriter(this);
    }

    /** Called, on the coordinator thread, each time the coordinator asks for a session (synchronous loaders). */
    public void onSessionRequested(Consumer<TradingSession> listener) {
        requestListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Waits up to {@code timeout} for the coordinator to ask for a session.
     *
     * @return the requested session, or null when none was asked for in time
     */
    public TradingSession awaitSessionRequest(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (requested == null && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return requested;
        } finally {
            lock.unlock();
        }
    }

    /** The session the coordinator waits for, if it waits; does not block. */
    public Optional<TradingSession> pendingRequest() {
        lock.lock();
        try {
            return Optional.ofNullable(requested);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The requested session's data is in the coordinator's queues: clears {@code sessionEnded}.
     *
     * @throws IllegalStateException when {@code session} is not the one requested
     */
    public void sessionLoaded(TradingSession session) {
        sessionLoaded(session, Map.of());
    }

    /**
     * As {@link #sessionLoaded(TradingSession)}, with trailing history the loader read from storage for symbols that
     * lack it; the coordinator installs it when the session begins (it owns all writes).
     */
    public void sessionLoaded(TradingSession session, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history) {
        lock.lock();
        try {
            if (requested == null || !requested.equals(session)) {
                throw new IllegalStateException("loaded session " + session.date() + " but "
                        + (requested == null ? "none" : requested.date()) + " was requested");
            }
            requested = null;
            pendingHistory = Map.copyOf(history);
            sessionEnded = false;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The loader gave up on {@code session} (storage failed for good): a coordinator waiting for it, now or when it
     * asks, fails the run with {@code cause} instead of waiting out its refill timeout.
     */
    public void sessionLoadFailed(TradingSession session, Throwable cause) {
        lock.lock();
        try {
            failedSession = Objects.requireNonNull(session, "session");
            loadFailure = Objects.requireNonNull(cause, "cause");
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- for SessionDataWriter

    Optional<Throwable> loadFailure(TradingSession session) {
        lock.lock();
        try {
            return session.equals(failedSession) ? Optional.of(loadFailure) : Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    void request(TradingSession next) {
        lock.lock();
        try {
            sessionEnded = true;
            requested = next;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (Consumer<TradingSession> l : requestListeners) {
            l.accept(next);
        }
    }

    void markEnded() {
        sessionEnded = true;
    }

    boolean awaitLoaded(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (sessionEnded && remaining > 0 && !(requested != null && requested.equals(failedSession))) {
                remaining = changed.awaitNanos(remaining);
            }
            return !sessionEnded;
        } finally {
            lock.unlock();
        }
    }

    void begin(TradingSession session) {
        lock.lock();
        try {
            Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history = pendingHistory;
            pendingHistory = Map.of();
            currentSession = session;
            for (SymbolSessionData d : symbols.values()) {
                d.beginSession(session);
                Map<Interval, Map<LocalDate, BarSeries>> h = history.get(d.symbol());
                if (h != null) {
                    d.addHistory(h, config.historicalTrailingSessions());
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
