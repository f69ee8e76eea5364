package io.sessionflow.session;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarBuffer;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.LocalDate;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.locks.StampedLock;

/**
 * One symbol's data for the current session: 1m bars ({@link MinuteBook}: one slot per minute of the session, so
 * they are sorted and unique per minute by construction, with the rules for bars arriving for a minute already held),
 * derived bars per interval ({@link DerivedWindows}: delivery decided per bar, values folded from the 1m bars),
 * bounded rings of quotes and trades ({@link TickBook}), session volume/high/low, presence counts for bar quality,
 * update flags, and the trailing history per interval per session date ({@link TrailingHistory}). Arrays are reused
 * from session to session: memory does not grow with the number of sessions. This class is the facade: it holds the
 * lock and the update flags.
 *
 * <p>Threading: written only through the one {@link SessionDataWriter} (the coordinator thread) under this
 * symbol's {@link StampedLock} (a symbol registered during a session is first sized for it by the registering
 * thread, before anyone can write it); readers on any thread take the read lock (snapshots) or an optimistic read
 * (scalars), so they never see a half-applied bar. The history is an immutable value published through a volatile
 * field; its writers serialise on a separate lock.
 */
public final class SymbolSessionData {

    private static final VarHandle UPDATED;
    private static final int BARS_UPDATED = 1;
    private static final int QUOTES_UPDATED = 1 << 1;
    private static final int TICKS_UPDATED = 1 << 2;
    private static final int QUOTE_BARS_UPDATED = 1 << 3;

    static {
        try {
            UPDATED = MethodHandles.lookup().findVarHandle(SymbolSessionData.class, "updated", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Symbol symbol;
    private final SessionData owner;
    private final StampedLock lock = new StampedLock();
    // The three books are guarded by lock; the writer reads what only it writes without it.
    private final MinuteBook book;
    private final TickBook ticks;
    private final QuoteBarBook quoteBars;
    /** The update flags as bits of one field of this object (not three objects): one less cache line per bar. */
    @SuppressWarnings("unused")  // accessed through UPDATED
    private volatile int updated;
    private final Object historyLock = new Object();
    private volatile TrailingHistory history = TrailingHistory.EMPTY;

    SymbolSessionData(Symbol symbol, SessionData owner, List<Interval> derivedIntervals,
                      int quoteRetention, int tradeRetention) {
        this.symbol = symbol;
        this.owner = owner;
        this.book = new MinuteBook(symbol, derivedIntervals);
        this.ticks = new TickBook(quoteRetention, tradeRetention);
        this.quoteBars = new QuoteBarBook(symbol, derivedIntervals);
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
            for (int k = 0; k < book.intervals().size(); k++) {
                derived.put(book.intervals().get(k), derivedBars(k));
            }
            return new SymbolSnapshot(symbol, book.date(), book.bars(), derived, ticks.quotes(symbol),
                    ticks.trades(symbol), book.sessionVolume(), book.sessionHigh(), book.sessionLow(), book.present(),
                    book.presentExpected(), book.filled(), book.confirmedMissing(), book.synthetic(),
                    ticks.droppedQuotes(), ticks.droppedTrades(), history.asMap());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The session's 1m bars so far, ordered by start. */
    public BarSeries bars() {
        long stamp = lock.readLock();
        try {
            return book.bars();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The derived bars of {@code interval} delivered so far; empty when the interval is not configured. */
    public BarSeries derivedBars(Interval interval) {
        long stamp = lock.readLock();
        try {
            int k = book.intervals().indexOf(interval);
            return k < 0 ? BarSeries.empty(interval) : derivedBars(k);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The session's 1m quote bars so far, ordered by start. */
    public QuoteBarSeries quoteBars() {
        long stamp = lock.readLock();
        try {
            return quoteBars.bars();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** The delivered derived bars of interval {@code k} this session, folded from its 1m bars; under the lock. */
    private BarSeries derivedBars(int k) {
        return book.date() == null ? BarSeries.empty(book.intervals().get(k))
                : book.window(k).emittedBars(book.column(), symbol, book);
    }

    /** The derived quote bars of {@code interval} delivered so far; empty when the interval is not configured. */
    public QuoteBarSeries derivedQuoteBars(Interval interval) {
        long stamp = lock.readLock();
        try {
            int k = book.intervals().indexOf(interval);
            return k < 0 ? QuoteBarSeries.empty(interval) : quoteBars.emittedBars(k);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public QuoteSeries quotes() {
        long stamp = lock.readLock();
        try {
            return ticks.quotes(symbol);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public TradeSeries trades() {
        long stamp = lock.readLock();
        try {
            return ticks.trades(symbol);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    public double sessionVolume() {
        long stamp = lock.tryOptimisticRead();
        double v = book.sessionVolume();
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                v = book.sessionVolume();
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
            return new double[] {book.sessionHigh(), book.sessionLow()};
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Bar quality now: present / expected x 100 over the expected minutes (those of the quality segments) elapsed in
     * the session. Present counts the minutes of the symbol's primary 1m stream ({@link #primaryPresent}).
     */
    public double quality() {
        long stamp = lock.tryOptimisticRead();
        int p = primaryPresent();
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                p = primaryPresent();
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return quality(p, owner.expectedMinutes());
    }

    /**
     * The present minutes of the symbol's primary 1m stream this session: its trade bars (real or filled) once it has
     * any, otherwise its quote bars, so that a quote-only instrument (forex) has a quality from its quote bars. A
     * symbol with both counts trade bars only: quote bars never hide missing trade bars.
     */
    private int primaryPresent() {
        return book.present() == 0 && book.filled() == 0 && book.synthetic() == 0 ? quoteBars.present()
                : book.presentExpected();
    }

    /** The minutes of the session that have a real or filled 1m bar (bit i = minute i after the open). */
    public BitSet presentMinutes() {
        long stamp = lock.readLock();
        try {
            return book.presentMinutes();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Trailing sessions of {@code interval}, oldest first; empty when no history is held. */
    public NavigableMap<LocalDate, BarSeries> historicalBars(Interval interval) {
        return history.of(interval);
    }

    /** All trailing history, per interval, per session date. */
    public Map<Interval, NavigableMap<LocalDate, BarSeries>> history() {
        return history.asMap();
    }

    /** True when 1m or derived bars changed since the last call; clears the flag atomically. */
    public boolean consumeBarsUpdated() {
        return consume(BARS_UPDATED);
    }

    /** True when 1m or derived quote bars changed since the last call; clears the flag atomically. */
    public boolean consumeQuoteBarsUpdated() {
        return consume(QUOTE_BARS_UPDATED);
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

    /**
     * Sets an update flag; the atomic write only happens when a reader has cleared it since, so that a stream of
     * bars costs one plain load per bar rather than one locked instruction.
     *
     * <p>Why an opaque read cannot lose an update: a reader clears a flag ({@link #consume}, a volatile
     * read-modify-write) and then reads the data under the read lock. Either that locked read comes after this
     * writer's critical section and sees this change anyway, or it comes before it: then the clear happens-before
     * the reader's unlock, which happens-before this writer's lock acquisition (StampedLock orders them like any
     * Lock), which happens-before this read in program order. Opaque reads are coherent, so this read cannot see a
     * value older than that clear, and it sets the flag again. So the writer must call this after acquiring the
     * write lock, never before: inside the critical section for bars, just after it for ticks. A reader that
     * consumes and then reads only through an optimistic stamp ({@link #sessionVolume()}, {@link #quality()}) gets
     * no such edge from the memory model: readers that must not miss a change read under the lock after consuming.
     */
    private void mark(int flag) {
        if (((int) UPDATED.getOpaque(this) & flag) == 0) {
            UPDATED.getAndBitwiseOr(this, flag);
        }
    }

    public static double quality(int present, int expected) {
        return expected <= 0 ? 100.0 : Math.min(100.0, present * 100.0 / expected);
    }

    // ---------------------------------------------------------------- writes (the SessionDataWriter's thread)

    /**
     * Clears the previous session and lays out {@code session}'s minutes; derived interval k's windows are
     * {@code layouts[k]} (shared by every symbol), in {@code column} of the session's grid.
     */
    void beginSession(SessionMinutes session, WindowLayout[] layouts, SessionGrid.Column column) {
        long stamp = lock.writeLock();
        try {
            book.begin(session, column);
            quoteBars.begin(Micros.of(session.session().open()), session.minutes(), layouts);
            ticks.clear();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Applies one 1m bar of the current session, by {@link MinuteBook}'s apply rules: a synthetic bar never replaces
     * a real one, and a gap repair never replaces a bar of the symbol's stream.
     *
     * @return -1 when nothing changed (the same bar is already held, or a better one), so there is nothing to
     *         deliver; otherwise a bit mask over the derived intervals whose window containing this minute must be
     *         delivered now (completed, already passed, or revised)
     * @throws IllegalArgumentException when the bar does not start on a minute of the current session
     */
    int applyBar(long startMicros, double o, double h, double l, double c, double v, long tc, double vw, int flags) {
        long stamp = lock.writeLock();
        try {
            if (!book.apply(startMicros, o, h, l, c, v, tc, vw, flags).changed()) {
                return -1;
            }
            mark(BARS_UPDATED);
            return book.windowMask();
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** Records that storage lacks the 1m bar of {@code minute} (minute index in the session); idempotent. */
    void markConfirmedMissing(int minute) {
        long stamp = lock.writeLock();
        try {
            book.confirmMissing(minute);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Windows of derived interval {@code k} from {@code from} up to those passed ({@link SessionData#passWindows})
     * that hold bars not delivered: marks them delivered and writes their indexes to {@code out}.
     *
     * @return how many window indexes were written
     */
    int flushWindows(int k, int from, int[] out) {
        DerivedWindows w = book.window(k);
        int column = book.column();
        if (!w.due(column, from)) {
            return 0;  // it reads only what this thread writes: no lock needed
        }
        long stamp = lock.writeLock();
        try {
            return w.flush(column, from, out);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** The window of derived interval {@code k} holding minute {@code m}, -1 in a halt; the writer's thread only. */
    int windowOf(int k, int m) {
        return book.window(k).windowOf(m);  // the layout is the writer's, set by beginSession: no lock
    }

    /** Fills {@code into} with the derived bar of interval {@code k}, window {@code w}; the writer's thread only. */
    BarBuffer readDerivedBar(int k, int w, BarBuffer into) {
        // only this thread writes the windows and bars: no read lock
        return book.window(k).read(book.column(), w, symbol, book, into);
    }

    /**
     * Applies one 1m quote bar of the current session (see {@link QuoteBarBook#apply}).
     *
     * @return -1 when nothing changed, else the mask of derived intervals whose quote window must be delivered now
     */
    int applyQuoteBar(long startMicros, double bo, double bh, double bl, double bc, double bs, double ao, double ah,
                      double al, double ac, double as) {
        long stamp = lock.writeLock();
        try {
            int mask = quoteBars.apply(startMicros, bo, bh, bl, bc, bs, ao, ah, al, ac, as);
            if (mask >= 0) {
                mark(QUOTE_BARS_UPDATED);
            }
            return mask;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /** As {@link #flushWindows}, for the derived quote bars. */
    int flushQuoteWindows(int k, long boundaryMicros, int[] out) {
        long stamp = lock.writeLock();
        try {
            return quoteBars.flush(k, boundaryMicros, out);
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Fills {@code into} with the derived quote bar of interval {@code k}, window {@code w}, folded through the
     * writer's {@code side} scratch; the writer's thread only.
     */
    QuoteBarBuffer readDerivedQuoteBar(int k, int w, QuoteBarBuffer into, double[] side) {
        return quoteBars.read(k, w, into, side);  // as readDerivedBar: only this thread writes them
    }

    /** The window of derived interval {@code k} holding minute {@code m} of the session. */
    int quoteWindowOf(int k, int m) {
        return quoteBars.windowOf(k, m);
    }

    void addQuote(long timeMicros, double bid, double ask, double bidSize, double askSize) {
        long stamp = lock.writeLock();
        try {
            ticks.addQuote(timeMicros, bid, ask, bidSize, askSize);
        } finally {
            lock.unlockWrite(stamp);
        }
        mark(QUOTES_UPDATED);
    }

    void addTrade(long timeMicros, double price, double size) {
        long stamp = lock.writeLock();
        try {
            ticks.addTrade(timeMicros, price, size);
        } finally {
            lock.unlockWrite(stamp);
        }
        mark(TICKS_UPDATED);
    }

    /**
     * Counts of the session so far, read together; for a quote-only symbol ({@link #primaryPresent}) present and
     * derived count its quote bars.
     */
    public SessionCounts counts() {
        long stamp = lock.readLock();
        try {
            boolean quoteOnly = book.present() == 0 && book.filled() == 0 && book.synthetic() == 0
                    && quoteBars.present() > 0;
            int[] derived = new int[book.intervals().size()];
            for (int k = 0; k < derived.length; k++) {
                derived[k] = quoteOnly ? quoteBars.emitted(k)
                        : book.date() == null ? 0 : book.window(k).emitted(book.column());
            }
            int[] byKind = new int[SessionSegment.Kind.values().length];
            for (int k = 0; k < byKind.length; k++) {
                byKind[k] = book.present(k);
            }
            int present = quoteOnly ? quoteBars.present() : book.present();
            return new SessionCounts(book.minutes(), present, book.filled(), book.confirmedMissing(),
                    book.synthetic(), derived, quoteOnly ? present : book.presentExpected(), byKind, book.haltBars());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds sessions to the history of each interval and drops the oldest beyond {@code keep}. Sessions already held
     * are kept as they are (a date already held is not replaced): only the maps are rebuilt, no bar is copied.
     */
    void addHistory(Map<Interval, ? extends Map<LocalDate, BarSeries>> sessions, int keep) {
        synchronized (historyLock) {
            history = history.addAll(sessions, keep);
        }
    }

    /** Drops the history held and holds {@code sessions} instead (the {@code keep} latest of each interval). */
    void replaceHistory(Map<Interval, ? extends Map<LocalDate, BarSeries>> sessions, int keep) {
        synchronized (historyLock) {
            history = TrailingHistory.EMPTY.addAll(sessions, keep);
        }
    }

    /**
     * What the session has so far, for summaries: its minutes, presence counts, and derived bars delivered per
     * configured derived interval (in configuration order); the present minutes that are expected (in the quality
     * segments), per segment kind (by {@link SessionSegment.Kind#ordinal()}), and the bars ignored in halts.
     * Immutable.
     */
    public record SessionCounts(int minutes, int present, int filled, int confirmedMissing, int synthetic, int[] derived,
                                int presentExpected, int[] presentByKind, int haltBars) {
    }
}
