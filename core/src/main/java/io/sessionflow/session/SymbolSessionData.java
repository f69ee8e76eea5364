package io.sessionflow.session;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.locks.StampedLock;

/**
 * One symbol's data for the current session: 1m bars in primitive columns indexed by minute of the session (so
 * they are sorted and unique per minute by construction), derived bars per interval built incrementally, bounded
 * rings of quotes and trades, session volume/high/low, presence counts for bar quality, update flags, and the
 * trailing history per interval per session date. Arrays are reused from session to session: memory does not grow
 * with the number of sessions.
 *
 * <p>Threading: written only through the one {@link SessionDataWriter} (the coordinator thread) under this
 * symbol's {@link StampedLock} (a symbol registered during a session is first sized for it by the registering
 * thread, before anyone can write it); readers on any thread take the read lock (snapshots) or an optimistic read
 * (scalars), so they never see a half-applied bar. The history is an immutable map published through a volatile
 * field; its writers serialise on a separate lock.
 */
public final class SymbolSessionData {

    private static final VarHandle UPDATED;
    private static final int BARS_UPDATED = 1;
    private static final int QUOTES_UPDATED = 1 << 1;
    private static final int TICKS_UPDATED = 1 << 2;

    static {
        try {
            UPDATED = MethodHandles.lookup().findVarHandle(SymbolSessionData.class, "updated", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final byte PRESENT = 1;
    private static final byte FILLED = 1 << 1;
    private static final byte SYNTHETIC = 1 << 2;
    private static final byte CONFIRMED_MISSING = 1 << 3;
    private static final int STRIDE = 6;
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VOLUME = 4;
    private static final int STATE = 5;

    private final Symbol symbol;
    private final SessionData owner;
    private final StampedLock lock = new StampedLock();
    private final Window[] windows;
    private final TickRing quotes;
    private final TickRing trades;
    /** The update flags as bits of one field of this object (not three objects): one less cache line per bar. */
    @SuppressWarnings("unused")  // accessed through UPDATED
    private volatile int updated;
    private final Object historyLock = new Object();
    private volatile Map<Interval, NavigableMap<LocalDate, BarSeries>> history = Map.of();

    // Current session geometry and 1m columns; guarded by lock.
    private LocalDate date;
    private long openMicros;
    private int minutes;
    /**
     * One slot per minute, {@link #STRIDE} longs each: open, high, low, close (raw double bits), volume, state.
     * Interleaved so that a bar's write touches one cache line, not six columns: with hundreds of symbols the
     * coordinator's working set is what limits its speed.
     */
    private long[] slots = new long[0];
    private long[] tradeCount;
    private double[] vwap;
    private int present;
    private int filled;
    private int synthetic;
    private int confirmedMissing;
    private long sessionVolume;
    private double sessionHigh = Double.NaN;
    private double sessionLow = Double.NaN;

    SymbolSessionData(Symbol symbol, SessionData owner, java.util.List<Interval> derivedIntervals,
                      int quoteRetention, int tradeRetention) {
        this.symbol = symbol;
        this.owner = owner;
        this.windows = new Window[derivedIntervals.size()];
        for (int k = 0; k < windows.length; k++) {
            windows[k] = new Window(derivedIntervals.get(k));
        }
        this.quotes = new TickRing(quoteRetention);
        this.trades = new TickRing(tradeRetention);
    }

    public Symbol symbol() {
        return symbol;
    }

    // ---------------------------------------------------------------- reads (any thread)

    /** A consistent copy of everything held for this symbol. */
    public SymbolSnapshot snapshot() {
        long stamp = lock.readLock();
        try {
            Map<Interval, BarSeries> derived = new LinkedHashMap<>();
            for (Window w : windows) {
                derived.put(w.interval, w.emittedBars());
            }
            return new SymbolSnapshot(symbol, date, barsLocked(), derived, quotesLocked(), tradesLocked(),
                    sessionVolume, sessionHigh, sessionLow, present, filled, confirmedMissing, synthetic,
                    quotes.dropped(), trades.dropped(), history);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The session's 1m bars so far, ordered by start. */
    public BarSeries bars() {
        long stamp = lock.readLock();
        try {
            return barsLocked();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The derived bars of {@code interval} delivered so far; empty when the interval is not configured. */
    public BarSeries derivedBars(Interval interval) {
        long stamp = lock.readLock();
        try {
            for (Window w : windows) {
                if (w.interval.equals(interval)) {
                    return w.emittedBars();
                }
            }
            return BarSeries.empty(interval);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public QuoteSeries quotes() {
        long stamp = lock.readLock();
        try {
            return quotesLocked();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public TradeSeries trades() {
        long stamp = lock.readLock();
        try {
            return tradesLocked();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public long sessionVolume() {
        long stamp = lock.tryOptimisticRead();
        long v = sessionVolume;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                v = sessionVolume;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return v;
    }

    /** Session high and low as {@code [high, low]}, read together; NaN before the first bar. */
    public double[] sessionHighLow() {
        long stamp = lock.readLock();
        try {
            return new double[] {sessionHigh, sessionLow};
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Bar quality now: present / expected x 100, expected being the whole minutes elapsed in the session. */
    public double quality() {
        long stamp = lock.tryOptimisticRead();
        int p = present;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                p = present;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return quality(p, owner.expectedMinutes());
    }

    /** The minutes of the session that have a real or filled 1m bar (bit i = minute i after the open). */
    public BitSet presentMinutes() {
        long stamp = lock.readLock();
        try {
            BitSet bits = new BitSet(minutes);
            for (int m = 0; m < minutes; m++) {
                if ((state(m) & PRESENT) != 0) {
                    bits.set(m);
                }
            }
            return bits;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Trailing sessions of {@code interval}, oldest first; empty when no history is held. */
    public NavigableMap<LocalDate, BarSeries> historicalBars(Interval interval) {
        NavigableMap<LocalDate, BarSeries> h = history.get(interval);
        return h == null ? Collections.emptyNavigableMap() : h;
    }

    /** All trailing history, per interval, per session date. */
    public Map<Interval, NavigableMap<LocalDate, BarSeries>> history() {
        return history;
    }

    /** True when 1m or derived bars changed since the last call; clears the flag atomically. */
    public boolean consumeBarsUpdated() {
        return consume(BARS_UPDATED);
    }

    /** True when quotes arrived since the last call; clears the flag atomically. */
    public boolean consumeQuotesUpdated() {
        return consume(QUOTES_UPDATED);
    }

    /** True when trades (ticks) arrived since the last call; clears the flag atomically. */
    public boolean consumeTicksUpdated() {
        return consume(TICKS_UPDATED);
    }

    private boolean consume(int flag) {
        return ((int) UPDATED.getAndBitwiseAnd(this, ~flag) & flag) != 0;
    }

    /** Sets an update flag; the atomic write only happens when a reader has cleared it since. */
    private void mark(int flag) {
        if (((int) UPDATED.getOpaque(this) & flag) == 0) {
            UPDATED.getAndBitwiseOr(this, flag);
        }
    }

    public static double quality(int present, int expected) {
        return expected <= 0 ? 100.0 : Math.min(100.0, present * 100.0 / expected);
    }

    // ---------------------------------------------------------------- writes (the SessionDataWriter's thread)

    /** Clears the previous session and sizes the columns for {@code session}. */
    void beginSession(TradingSession session) {
        long stamp = lock.writeLock();
        try {
            date = session.date();
            openMicros = Micros.of(session.open());
            minutes = session.minutes();
            if (slots.length < minutes * STRIDE) {
                slots = new long[minutes * STRIDE];
                tradeCount = null;
                vwap = null;
            } else {
                Arrays.fill(slots, 0, minutes * STRIDE, 0);
            }
            present = 0;
            filled = 0;
            synthetic = 0;
            confirmedMissing = 0;
            sessionVolume = 0;
            sessionHigh = Double.NaN;
            sessionLow = Double.NaN;
            for (Window w : windows) {
                w.reset(minutes);
            }
            quotes.clear();
            trades.clear();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Applies one 1m bar of the current session.
     *
     * @return -1 when the same bar is already held (nothing changed, nothing to deliver); otherwise a bit mask over
     *         the derived intervals whose window containing this minute must be delivered now (completed, already
     *         passed, or revised)
     * @throws IllegalArgumentException when the bar does not start on a minute of the current session
     */
    int applyBar(long startMicros, double o, double h, double l, double c, long v, long tc, double vw, int flags) {
        long stamp = lock.writeLock();
        try {
            int m = minuteOf(startMicros);
            int s = state(m);
            boolean isSynthetic = (flags & Bar.SYNTHETIC) != 0;
            if ((s & (PRESENT | SYNTHETIC)) != 0) {
                if (sameSlot(m, o, h, l, c, v, tc, vw) && isSynthetic == ((s & SYNTHETIC) != 0)) {
                    return -1;
                }
                return replace(m, o, h, l, c, v, tc, vw, flags);
            }
            write(m, o, h, l, c, v, tc, vw);
            if (isSynthetic) {
                setState(m, s | SYNTHETIC);
                synthetic++;
                mark(BARS_UPDATED);
                return 0;
            }
            if ((s & CONFIRMED_MISSING) != 0) {
                confirmedMissing--;  // storage did not have it, but the bar came after all
            }
            setState(m, PRESENT | ((flags & Bar.FILLED) != 0 ? FILLED : 0));
            present++;
            if ((flags & Bar.FILLED) != 0) {
                filled++;
            }
            sessionVolume += v;
            sessionHigh = Double.isNaN(sessionHigh) ? h : Math.max(sessionHigh, h);
            sessionLow = Double.isNaN(sessionLow) ? l : Math.min(sessionLow, l);
            int mask = 0;
            for (int k = 0; k < windows.length; k++) {
                if (windows[k].add(m, o, h, l, c, v)) {
                    mask |= 1 << k;
                }
            }
            mark(BARS_UPDATED);
            return mask;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Records that storage lacks the 1m bar of {@code minute} (minute index in the session); idempotent. */
    void markConfirmedMissing(int minute) {
        long stamp = lock.writeLock();
        try {
            if ((state(minute) & (PRESENT | CONFIRMED_MISSING)) == 0) {
                setState(minute, state(minute) | CONFIRMED_MISSING);
                confirmedMissing++;
            }
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Windows of derived interval {@code k} that ended at or before {@code boundaryMicros} and were not delivered:
     * marks them delivered and writes their indexes to {@code out}.
     *
     * @return how many window indexes were written
     */
    int flushWindows(int k, long boundaryMicros, int[] out) {
        int boundaryMinute = (int) ((boundaryMicros - openMicros) / Micros.PER_MINUTE);
        Window w = windows[k];
        if (!w.hasDue(boundaryMinute)) {
            w.pass(boundaryMinute);  // only the writer reads how far windows have passed: no lock needed
            return 0;
        }
        long stamp = lock.writeLock();
        try {
            return w.flush(boundaryMinute, out);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The derived bar of interval {@code k}, window {@code w}, as it stands. */
    Bar derivedBar(int k, int w) {
        long stamp = lock.readLock();
        try {
            return windows[k].bar(w);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    void addQuote(long timeMicros, double bid, double ask, long bidSize, long askSize) {
        long stamp = lock.writeLock();
        try {
            quotes.add(timeMicros, bid, ask, bidSize, askSize);
        } finally {
            lock.unlockWrite(stamp);
        }
        mark(QUOTES_UPDATED);
    }

    void addTrade(long timeMicros, double price, long size) {
        long stamp = lock.writeLock();
        try {
            trades.add(timeMicros, price, 0, size, 0);
        } finally {
            lock.unlockWrite(stamp);
        }
        mark(TICKS_UPDATED);
    }

    /** Counts of the session so far, read together. */
    SessionCounts counts() {
        long stamp = lock.readLock();
        try {
            int[] derived = new int[windows.length];
            for (int k = 0; k < windows.length; k++) {
                derived[k] = windows[k].emitted;
            }
            return new SessionCounts(minutes, present, filled, confirmedMissing, synthetic, derived);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds sessions to the history of each interval and drops the oldest beyond {@code keep}. Sessions already held
     * are kept as they are: only the maps are rebuilt, no bar is copied.
     */
    void addHistory(Map<Interval, ? extends Map<LocalDate, BarSeries>> sessions, int keep) {
        synchronized (historyLock) {
            Map<Interval, NavigableMap<LocalDate, BarSeries>> next = new LinkedHashMap<>(history);
            for (Map.Entry<Interval, ? extends Map<LocalDate, BarSeries>> e : sessions.entrySet()) {
                TreeMap<LocalDate, BarSeries> m = new TreeMap<>(history.getOrDefault(e.getKey(),
                        Collections.emptyNavigableMap()));
                m.putAll(e.getValue());
                while (m.size() > keep) {
                    m.pollFirstEntry();
                }
                next.put(e.getKey(), Collections.unmodifiableNavigableMap(m));
            }
            history = Collections.unmodifiableMap(next);
        }
    }

    // ---------------------------------------------------------------- internals (lock held)

    private int minuteOf(long startMicros) {
        long offset = startMicros - openMicros;
        if (offset < 0 || offset >= minutes * Micros.PER_MINUTE || offset % Micros.PER_MINUTE != 0) {
            throw new IllegalArgumentException("1m bar " + symbol + " " + Micros.toInstant(startMicros)
                    + " does not start on a minute of the " + date + " session");
        }
        return (int) (offset / Micros.PER_MINUTE);
    }

    private double open(int m) {
        return Double.longBitsToDouble(slots[m * STRIDE + OPEN]);
    }

    private double high(int m) {
        return Double.longBitsToDouble(slots[m * STRIDE + HIGH]);
    }

    private double low(int m) {
        return Double.longBitsToDouble(slots[m * STRIDE + LOW]);
    }

    private double close(int m) {
        return Double.longBitsToDouble(slots[m * STRIDE + CLOSE]);
    }

    private long volume(int m) {
        return slots[m * STRIDE + VOLUME];
    }

    private int state(int m) {
        return (int) slots[m * STRIDE + STATE];
    }

    private void setState(int m, int state) {
        slots[m * STRIDE + STATE] = state;
    }

    /** Writes a minute's values; its state is the caller's to set. */
    private void write(int m, double o, double h, double l, double c, long v, long tc, double vw) {
        int at = m * STRIDE;
        slots[at + OPEN] = Double.doubleToRawLongBits(o);
        slots[at + HIGH] = Double.doubleToRawLongBits(h);
        slots[at + LOW] = Double.doubleToRawLongBits(l);
        slots[at + CLOSE] = Double.doubleToRawLongBits(c);
        slots[at + VOLUME] = v;
        if (tc != Bar.NO_TRADE_COUNT || tradeCount != null) {
            if (tradeCount == null) {
                tradeCount = new long[slots.length / STRIDE];
                Arrays.fill(tradeCount, Bar.NO_TRADE_COUNT);
            }
            tradeCount[m] = tc;
        }
        if (!Double.isNaN(vw) || vwap != null) {
            if (vwap == null) {
                vwap = new double[slots.length / STRIDE];
                Arrays.fill(vwap, Double.NaN);
            }
            vwap[m] = vw;
        }
    }

    private boolean sameSlot(int m, double o, double h, double l, double c, long v, long tc, double vw) {
        return open(m) == o && high(m) == h && low(m) == l && close(m) == c && volume(m) == v
                && (tradeCount == null ? tc == Bar.NO_TRADE_COUNT : tradeCount[m] == tc)
                && (vwap == null ? Double.isNaN(vw) : Double.compare(vwap[m], vw) == 0);
    }

    /** A different bar for a minute already held: rewrite it and recompute what depends on it. Rare. */
    private int replace(int m, double o, double h, double l, double c, long v, long tc, double vw, int flags) {
        int old = state(m);
        if ((old & PRESENT) != 0) {
            present--;
            if ((old & FILLED) != 0) {
                filled--;
            }
        } else {
            synthetic--;
        }
        setState(m, 0);
        int mask = applyNew(m, o, h, l, c, v, tc, vw, flags, old);
        recomputeSessionMetrics();
        for (int k = 0; k < windows.length; k++) {
            if (windows[k].recompute(m)) {
                mask |= 1 << k;
            }
        }
        mark(BARS_UPDATED);
        return mask;
    }

    private int applyNew(int m, double o, double h, double l, double c, long v, long tc, double vw, int flags,
                         int old) {
        write(m, o, h, l, c, v, tc, vw);
        if ((flags & Bar.SYNTHETIC) != 0) {
            setState(m, SYNTHETIC | (old & CONFIRMED_MISSING));
            synthetic++;
        } else {
            if ((old & CONFIRMED_MISSING) != 0) {
                confirmedMissing--;
            }
            setState(m, PRESENT | ((flags & Bar.FILLED) != 0 ? FILLED : 0));
            present++;
            if ((flags & Bar.FILLED) != 0) {
                filled++;
            }
        }
        return 0;
    }

    private void recomputeSessionMetrics() {
        sessionVolume = 0;
        sessionHigh = Double.NaN;
        sessionLow = Double.NaN;
        for (int m = 0; m < minutes; m++) {
            if ((state(m) & PRESENT) != 0) {
                sessionVolume += volume(m);
                sessionHigh = Double.isNaN(sessionHigh) ? high(m) : Math.max(sessionHigh, high(m));
                sessionLow = Double.isNaN(sessionLow) ? low(m) : Math.min(sessionLow, low(m));
            }
        }
    }

    private BarSeries barsLocked() {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, present + synthetic);
        for (int m = 0; m < minutes; m++) {
            int s = state(m);
            if ((s & (PRESENT | SYNTHETIC)) != 0) {
                int flags = ((s & FILLED) != 0 ? Bar.FILLED : 0) | ((s & SYNTHETIC) != 0 ? Bar.SYNTHETIC : 0);
                b.add(symbol, openMicros + m * Micros.PER_MINUTE, open(m), high(m), low(m), close(m), volume(m),
                        tradeCount == null ? Bar.NO_TRADE_COUNT : tradeCount[m],
                        vwap == null ? Double.NaN : vwap[m], flags);
            }
        }
        return b.build();
    }

    private QuoteSeries quotesLocked() {
        QuoteSeries.Builder b = QuoteSeries.builder(quotes.size());
        for (int i = 0; i < quotes.size(); i++) {
            int s = quotes.slot(i);
            b.add(symbol, quotes.time(s), quotes.price0(s), quotes.price1(s), quotes.size0(s), quotes.size1(s));
        }
        return b.build();
    }

    private TradeSeries tradesLocked() {
        TradeSeries.Builder b = TradeSeries.builder(trades.size());
        for (int i = 0; i < trades.size(); i++) {
            int s = trades.slot(i);
            b.add(symbol, trades.time(s), trades.price0(s), trades.size0(s));
        }
        return b.build();
    }

    /**
     * What the session has so far, for summaries: its minutes, presence counts, and derived bars delivered per
     * configured derived interval (in configuration order). Immutable.
     */
    public record SessionCounts(int minutes, int present, int filled, int confirmedMissing, int synthetic, int[] derived) {
    }

    /**
     * The derived bars of one interval for the current session, one slot per window aligned to the open.
     * Guarded by the enclosing symbol's lock.
     */
    private final class Window {
        private static final int EMITTED = 1;
        private static final int REVISED = 1 << 1;
        /** Longs per window: open, high, low, close (raw double bits), volume, and a packed {@link #meta}. */
        private static final int CELLS = 6;
        private static final int META = 5;

        final Interval interval;
        final int n;
        private int count;
        /** One window after the other, {@link #CELLS} longs each, so that an update touches one cache line. */
        private long[] cells = new long[0];
        /** Windows below this index have passed (their end is at or before the last flush boundary). */
        private int passed;
        int emitted;

        Window(Interval interval) {
            this.interval = interval;
            this.n = interval.minutes();
        }

        void reset(int sessionMinutes) {
            count = (sessionMinutes + n - 1) / n;
            if (cells.length < count * CELLS) {
                cells = new long[count * CELLS];
            } else {
                Arrays.fill(cells, 0, count * CELLS, 0);
            }
            passed = 0;
            emitted = 0;
        }

        // meta packs the window's 1m bar count (bits 0-15), first and last minute (16-31, 32-47), status (48-55).
        private int bars(int w) {
            return (int) (cells[w * CELLS + META] & 0xFFFF);
        }

        private int first(int w) {
            return (int) ((cells[w * CELLS + META] >>> 16) & 0xFFFF);
        }

        private int last(int w) {
            return (int) ((cells[w * CELLS + META] >>> 32) & 0xFFFF);
        }

        private int status(int w) {
            return (int) ((cells[w * CELLS + META] >>> 48) & 0xFF);
        }

        private void meta(int w, int bars, int first, int last, int status) {
            cells[w * CELLS + META] = bars | ((long) first << 16) | ((long) last << 32) | ((long) status << 48);
        }

        private double get(int w, int field) {
            return Double.longBitsToDouble(cells[w * CELLS + field]);
        }

        private void set(int w, int field, double value) {
            cells[w * CELLS + field] = Double.doubleToRawLongBits(value);
        }

        /** Adds minute {@code m}'s real bar; true when the window must be delivered now. */
        boolean add(int m, double bo, double bh, double bl, double bc, long bv) {
            int w = m / n;
            int at = w * CELLS;
            int bars = bars(w);
            int first = first(w);
            int last = last(w);
            if (bars == 0) {
                cells[at + OPEN] = Double.doubleToRawLongBits(bo);
                cells[at + HIGH] = Double.doubleToRawLongBits(bh);
                cells[at + LOW] = Double.doubleToRawLongBits(bl);
                cells[at + CLOSE] = Double.doubleToRawLongBits(bc);
                cells[at + VOLUME] = bv;
                first = m;
                last = m;
            } else {
                set(w, HIGH, Math.max(get(w, HIGH), bh));
                set(w, LOW, Math.min(get(w, LOW), bl));
                cells[at + VOLUME] += bv;
                if (m > last) {
                    set(w, CLOSE, bc);
                    last = m;
                }
                if (m < first) {
                    set(w, OPEN, bo);
                    first = m;
                }
            }
            meta(w, bars + 1, first, last, status(w));
            return deliverNow(w, m == end(w) - 1);
        }

        /** Rebuilds the window of minute {@code changed} from the 1m slots; true when it must be delivered now. */
        boolean recompute(int changed) {
            int w = changed / n;
            int bars = 0;
            int first = 0;
            int last = 0;
            cells[w * CELLS + VOLUME] = 0;
            for (int m = w * n; m < end(w); m++) {
                if ((state(m) & PRESENT) != 0) {
                    if (bars == 0) {
                        set(w, OPEN, open(m));
                        set(w, HIGH, high(m));
                        set(w, LOW, low(m));
                        first = m;
                    } else {
                        set(w, HIGH, Math.max(get(w, HIGH), high(m)));
                        set(w, LOW, Math.min(get(w, LOW), low(m)));
                    }
                    set(w, CLOSE, close(m));
                    cells[w * CELLS + VOLUME] += volume(m);
                    last = m;
                    bars++;
                }
            }
            meta(w, bars, first, last, status(w));
            return bars > 0 && deliverNow(w, changed == end(w) - 1);
        }

        private void setStatus(int w, int status) {
            meta(w, bars(w), first(w), last(w), status);
        }

        private boolean deliverNow(int w, boolean completes) {
            int status = status(w);
            if ((status & EMITTED) != 0) {
                setStatus(w, status | REVISED);
                return true;
            }
            if (completes || w < passed) {
                setStatus(w, status | EMITTED);
                emitted++;
                return true;
            }
            return false;
        }

        /** Whether a window ending by {@code boundaryMinute} holds bars not yet delivered. Writer thread only. */
        boolean hasDue(int boundaryMinute) {
            for (int w = passed; w < count && end(w) <= boundaryMinute; w++) {
                if (bars(w) > 0 && (status(w) & EMITTED) == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Marks the windows ending by {@code boundaryMinute} as passed when none is due. Writer thread only. */
        void pass(int boundaryMinute) {
            while (passed < count && end(passed) <= boundaryMinute) {
                passed++;
            }
        }

        private int end(int w) {
            return Math.min((w + 1) * n, minutes);
        }

        int flush(int boundaryMinute, int[] out) {
            int written = 0;
            while (passed < count && end(passed) <= boundaryMinute) {
                if (bars(passed) > 0 && (status(passed) & EMITTED) == 0) {
                    setStatus(passed, status(passed) | EMITTED);
                    emitted++;
                    out[written++] = passed;
                }
                passed++;
            }
            return written;
        }

        Bar bar(int w) {
            int flags = ((long) (w + 1) * n > minutes ? Bar.PARTIAL : 0) | ((status(w) & REVISED) != 0 ? Bar.REVISED : 0);
            return new Bar(symbol, Micros.toInstant(openMicros + (long) w * n * Micros.PER_MINUTE), interval,
                    get(w, OPEN), get(w, HIGH), get(w, LOW), get(w, CLOSE), cells[w * CELLS + VOLUME],
                    Bar.NO_TRADE_COUNT, Double.NaN, flags);
        }

        BarSeries emittedBars() {
            BarSeries.Builder b = BarSeries.builder(interval, emitted);
            for (int w = 0; w < count; w++) {
                if ((status(w) & EMITTED) != 0) {
                    b.add(bar(w));
                }
            }
            return b.build();
        }
    }
}
