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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All session data of one data manager (the analysis's {@code session_data}; one instance per data manager, no
 * static global): the configuration, the current session, the {@code sessionEnded} flag and one
 * {@link SymbolSessionData} per registered symbol. A state container: how sessions are loaded is the coordinator's
 * business (its session-split protocol), not this class's.
 *
 * <p>Threading: symbols may be registered from any thread; the start of a session and the registration of new
 * symbols are guarded by one lock (taken before any symbol's lock, never after); only the coordinator writes, through
 * its {@link SessionDataWriter}; per-symbol data follows {@link SymbolSessionData}'s contract. Reads are safe from any
 * thread.
 */
public final class SessionData {

    private final SessionConfig config;
    private final TimeProvider time;
    private final ConcurrentSkipListMap<Symbol, SymbolSessionData> symbols = new ConcurrentSkipListMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    /** Every symbol's minute slots and derived windows of the current session, side by side; begin() lays it out. */
    private final SessionGrid grid = new SessionGrid();
    private final AtomicBoolean writerClaimed = new AtomicBoolean();
    private volatile TradingSession currentSession;
    /** The current session's minutes and, per derived interval, its windows; set with {@link #currentSession}. */
    private volatile SessionMinutes currentMinutes;
    private volatile WindowLayout[] currentLayouts;
    private volatile boolean sessionEnded = true;

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

    /** True between sessions: before the first, and from a session's end until the next one begins. */
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
                    // a column of its own: the session's grid has none for it until the next session
                    n.beginSession(currentMinutes, currentLayouts,
                            SessionGrid.single(currentMinutes.minutes(), currentLayouts, grid.progress()));
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

    /**
     * The current session's minutes by segment, with those of the configured {@code quality-segments} expected;
     * empty before the first session.
     */
    public Optional<SessionMinutes> currentMinutes() {
        return Optional.ofNullable(currentMinutes);
    }

    /**
     * Expected minutes of the current session elapsed by now (whole minutes in the quality segments that have
     * ended): the 1m bars quality expects so far.
     */
    public int expectedMinutes() {
        SessionMinutes m = currentMinutes;
        if (m == null) {
            return 0;
        }
        long elapsed = time.nowMicros() - Micros.of(m.session().open());
        return m.expectedBefore((int) Math.max(0, Math.min(m.minutes(), elapsed / Micros.PER_MINUTE)));
    }

    /** {@code session}'s minutes with this configuration's quality segments. */
    SessionMinutes minutesOf(TradingSession session) {
        return SessionMinutes.of(session, config.qualitySegments());
    }

    /** {@code session}'s windows per derived interval, with this configuration's alignment. */
    WindowLayout[] layoutsOf(SessionMinutes session) {
        List<Interval> intervals = config.derivedIntervals();
        WindowLayout[] out = new WindowLayout[intervals.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = WindowLayout.of(session, intervals.get(k), config.derivedAlignment());
        }
        return out;
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

    /**
     * Passes, in every derived interval, the windows ending at or before {@code boundaryMicros}; {@code from[k]}
     * receives the first window of interval k that passed now. The writer's thread only.
     *
     * @return whether a window that passed holds bars some symbol has not delivered
     */
    boolean passWindows(long boundaryMicros, int[] from) {
        WindowProgress[] progress = grid.progress();
        boolean due = false;
        for (int k = 0; k < progress.length; k++) {
            from[k] = progress[k].passed();
            due |= progress[k].pass(boundaryMicros);
        }
        return due;
    }

    /** Ends the current session: {@code sessionEnded} is true until the next one begins. */
    void end() {
        sessionEnded = true;
    }

    void begin(TradingSession session, Map<Symbol, Map<Interval, Map<LocalDate, BarSeries>>> history,
               java.util.Set<Symbol> replaced) {
        SessionMinutes minutes = minutesOf(session);
        WindowLayout[] layouts = layoutsOf(minutes);
        lock.lock();
        try {
            currentMinutes = minutes;
            currentLayouts = layouts;
            currentSession = session;
            sessionEnded = false;
            grid.layOut(symbols.size(), minutes.minutes(), layouts);
            int column = 0;
            for (SymbolSessionData d : symbols.values()) {
                d.beginSession(minutes, layouts, grid.column(column++));  // register() waits for the lock
                Map<Interval, Map<LocalDate, BarSeries>> h = history.get(d.symbol());
                if (h != null && replaced.contains(d.symbol())) {
                    d.replaceHistory(h, config.historicalTrailingSessions());
                } else if (h != null) {
                    d.addHistory(h, config.historicalTrailingSessions());
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
