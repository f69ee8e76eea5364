package io.sessionflow.session;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * One symbol's 1m bars of the current session, one slot per minute of the session (so they are sorted and unique
 * per minute by construction), with the presence counts, the session volume/high/low, and the rules that decide
 * what a bar does to its minute. It keeps its column of the session's {@link DerivedWindows} in step with the real
 * bars it holds.
 *
 * <p><b>Apply rules.</b> A minute holds nothing, or a bar of one of three kinds, ranked by how much they are worth:
 * <ol>
 *   <li>synthetic: a flat fill-forward bar ({@link Bar#SYNTHETIC}); not market data, so it counts in neither
 *       {@code present}, the session metrics nor the derived windows;</li>
 *   <li>filled: a bar from storage, inserted by gap repair ({@link Bar#FILLED});</li>
 *   <li>streamed: a bar of the symbol's own stream (no flag).</li>
 * </ol>
 * Filled and streamed bars are <em>real</em>: they count in {@code present}. Synthetic and filled bars come from a
 * check, computed from what the minute held <em>when the check ran</em>, so one may arrive after a better bar for
 * the same minute (the live race of review C4). {@link #apply} decides, in this order:
 * <ol>
 *   <li>an empty minute (confirmed missing or not) takes the bar: {@link ApplyOutcome#NEW};</li>
 *   <li>the same values (OHLCV, trade count, VWAP), both synthetic or both real, change nothing:
 *       {@link ApplyOutcome#DUPLICATE} (a streamed bar equal to a filled one leaves it filled);</li>
 *   <li>a repair (synthetic or filled) never replaces a bar of a higher kind: a synthetic bar never replaces a real
 *       one, a filled bar never replaces a streamed one. {@link ApplyOutcome#IGNORED}, nothing changes;</li>
 *   <li>anything else replaces the held bar: {@link ApplyOutcome#REPLACED}. That is a streamed bar over any bar
 *       (a correction from the stream), a filled bar over a synthetic or a filled one, a synthetic bar over a
 *       synthetic one.</li>
 * </ol>
 * So a minute never goes down in kind and {@code present} never decreases within a session. Where a live check
 * races its stream, the minute ends with the better bar whatever the arrival order; between bars of the same kind
 * the later one wins, as before.
 *
 * <p>A real bar in a minute confirmed missing takes it off the confirmed-missing count; a synthetic one keeps it
 * there (storage still does not have the minute).
 *
 * <p><b>Segments</b> ({@link SessionMinutes}): a bar in a halt minute is not session data (nothing trades in a halt):
 * {@link ApplyOutcome#IGNORED}, counted in {@link #haltBars()}. Repairs and confirmed-missing marks only land in
 * <em>expected</em> minutes (of the quality segments). Streamed bars of every segment are held and counted present.
 *
 * <p>Threading: single writer, not thread-safe and lock-free itself; the owning {@link SymbolSessionData} guards it
 * with its lock.
 */
final class MinuteBook {

    // state bits of a slot
    private static final int PRESENT = 1;
    private static final int FILLED = 1 << 1;
    private static final int SYNTHETIC = 1 << 2;
    private static final int CONFIRMED_MISSING = 1 << 3;
    // kinds, in rank order; 0 is an empty minute
    private static final int KIND_SYNTHETIC = 1;
    private static final int KIND_FILLED = 2;
    private static final int KIND_STREAMED = 3;
    /** Longs per minute: open, high, low, close, volume (raw double bits), state. */
    static final int STRIDE = 6;
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VOLUME = 4;
    private static final int STATE = 5;

    private final Symbol symbol;
    /** The derived intervals, in window-mask order. */
    private final List<Interval> intervals;
    /** The session's derived windows of each interval, shared by every symbol of the grid; this book's column. */
    private DerivedWindows[] windows = new DerivedWindows[0];
    private int column;
    /** Per minute its segment kind's ordinal or {@link SessionMinutes#HALT}; shared, read-only. */
    private byte[] kinds = new byte[0];
    /** Bit k: kind ordinal k is expected. */
    private int countedMask;
    private final int[] presentByKind = new int[SessionSegment.Kind.values().length];
    private int haltBars;
    private LocalDate date;
    private long openMicros;
    private int minutes;
    /**
     * One slot per minute, {@link #STRIDE} longs each, in this symbol's column of the session's {@link SessionGrid}:
     * minute {@code m} at {@code m * rowLongs + columnLongs}. Interleaved so that a bar's write touches one cache line,
     * not six columns.
     */
    private long[] slots = new long[0];
    private int rowLongs = STRIDE;
    private int columnLongs;
    /** The session's generation, the upper half of each state long: a slot of an older one is empty. */
    private long generation;
    /** Allocated on the first bar that has a trade count (or VWAP): most sources give neither. */
    private long[] tradeCount;
    private double[] vwap;
    private int present;
    private int filled;
    private int synthetic;
    private int confirmedMissing;
    private double sessionVolume;
    private double sessionHigh = Double.NaN;
    private double sessionLow = Double.NaN;
    private int windowMask;  // the windows to deliver after the last apply: a field, so apply allocates nothing

    /** A book that keeps the windows of {@code derived} (at most 31, bit k of the window mask for k) in step. */
    MinuteBook(Symbol symbol, List<Interval> derived) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (derived.size() > 31) {
            throw new IllegalArgumentException("at most 31 derived intervals fit the window mask, got "
                    + derived.size());
        }
        this.intervals = List.copyOf(derived);
    }

    /** The derived intervals this book keeps windows of, in window-mask order. */
    List<Interval> intervals() {
        return intervals;
    }

    /**
     * Clears the previous session and lays out {@code session}'s minutes in {@code column} of the session's grid
     * (sized for this session, its windows those of this book's intervals).
     */
    void begin(SessionMinutes session, SessionGrid.Column column) {
        DerivedWindows[] given = column.windows();
        boolean same = given.length == intervals.size();
        for (int k = 0; same && k < given.length; k++) {
            same = given[k].interval().equals(intervals.get(k));  // no list made per symbol and session
        }
        if (!same) {
            throw new IllegalArgumentException("the session's derived windows " + Arrays.stream(given)
                    .map(DerivedWindows::interval).toList() + " are not " + intervals + " of " + symbol);
        }
        kinds = session.kinds();
        countedMask = session.countedMask();
        Arrays.fill(presentByKind, 0);
        haltBars = 0;
        date = session.session().date();
        openMicros = Micros.of(session.session().open());
        int sessionMinutes = kinds.length;
        minutes = sessionMinutes;
        slots = column.slots();
        rowLongs = column.width() * STRIDE;
        columnLongs = column.index() * STRIDE;
        // the grid's, not a clear of megabytes of slots on the coordinator's thread at every session start
        generation = column.generation();
        if (tradeCount != null && tradeCount.length < sessionMinutes) {
            tradeCount = null;
        }
        if (vwap != null && vwap.length < sessionMinutes) {
            vwap = null;
        }
        present = 0;
        filled = 0;
        synthetic = 0;
        confirmedMissing = 0;
        sessionVolume = 0;
        sessionHigh = Double.NaN;
        sessionLow = Double.NaN;
        windowMask = 0;
        windows = given;
        this.column = column.index();
    }

    private boolean expected(int m) {  // in a quality segment
        int k = kinds[m];
        return k >= 0 && (countedMask & (1 << k)) != 0;
    }

    /**
     * Applies one 1m bar of the current session by the apply rules (class comment). After {@link ApplyOutcome#NEW}
     * or {@link ApplyOutcome#REPLACED}, {@link #windowMask()} tells which derived windows to deliver.
     *
     * @throws IllegalArgumentException when the bar does not start on a minute of the current session
     */
    ApplyOutcome apply(long startMicros, double o, double h, double l, double c, double v, long tc, double vw,
                       int flags) {
        int m = minuteOf(startMicros);
        if (kinds[m] < 0) {
            haltBars++;
            return ApplyOutcome.IGNORED;  // nothing trades in a halt: not session data
        }
        if ((flags & (Bar.FILLED | Bar.SYNTHETIC)) != 0 && !expected(m)) {
            return ApplyOutcome.IGNORED;  // a repair only where a bar is expected
        }
        int s = state(m);
        if ((s & (PRESENT | SYNTHETIC)) == 0) {
            write(m, o, h, l, c, v, tc, vw);
            if ((flags & Bar.SYNTHETIC) != 0) {
                setState(m, s | SYNTHETIC);
                synthetic++;
                windowMask = 0;
            } else {
                addReal(m, s, (flags & Bar.FILLED) != 0, h, l, v);
            }
            return ApplyOutcome.NEW;
        }
        return applyHeld(m, s, o, h, l, c, v, tc, vw, flags);
    }

    /**
     * {@link #apply} for a minute that holds a bar (state {@code s}): rules 2 to 4. Apart so that apply, the path of
     * nearly every bar, stays small enough for the JIT to inline into its caller.
     */
    private ApplyOutcome applyHeld(int m, int s, double o, double h, double l, double c, double v, long tc, double vw,
                                   int flags) {
        int kind = (flags & Bar.SYNTHETIC) != 0 ? KIND_SYNTHETIC : (flags & Bar.FILLED) != 0 ? KIND_FILLED
                : KIND_STREAMED;
        int held = (s & SYNTHETIC) != 0 ? KIND_SYNTHETIC : (s & FILLED) != 0 ? KIND_FILLED : KIND_STREAMED;
        if ((kind == KIND_SYNTHETIC) == (held == KIND_SYNTHETIC) && sameSlot(m, o, h, l, c, v, tc, vw)) {
            return ApplyOutcome.DUPLICATE;
        }
        if (kind < held && kind != KIND_STREAMED) {
            return ApplyOutcome.IGNORED;  // a repair computed before the better bar arrived: it does not downgrade
        }
        write(m, o, h, l, c, v, tc, vw);
        if (held == KIND_SYNTHETIC) {
            if (kind == KIND_SYNTHETIC) {
                windowMask = 0;  // synthetic over synthetic: no count, metric or window changes
            } else {
                // The synthetic bar counted nowhere, so the real one is added as if the minute had been empty.
                synthetic--;
                addReal(m, s & ~SYNTHETIC, kind == KIND_FILLED, h, l, v);
            }
            return ApplyOutcome.REPLACED;
        }
        replaceReal(m, kind == KIND_FILLED);
        return ApplyOutcome.REPLACED;
    }

    /** The derived windows to deliver after the last {@code NEW} or {@code REPLACED}: bit k for window k. */
    int windowMask() {
        return windowMask;
    }

    /** A real bar, already written, in a minute that held no real bar (its state {@code s}). */
    private void addReal(int m, int s, boolean isFilled, double h, double l, double v) {
        if ((s & CONFIRMED_MISSING) != 0) {
            confirmedMissing--;  // storage did not have it, but the bar came after all
        }
        setState(m, isFilled ? PRESENT | FILLED : PRESENT);
        present++;
        presentByKind[kinds[m]]++;
        if (isFilled) {
            filled++;
        }
        sessionVolume += v;
        sessionHigh = Double.isNaN(sessionHigh) ? h : Math.max(sessionHigh, h);
        sessionLow = Double.isNaN(sessionLow) ? l : Math.min(sessionLow, l);
        windowMask = changedWindows(m);
    }

    /** The windows to deliver now that minute {@code m} holds another real bar: bit k for window k. */
    private int changedWindows(int m) {
        int mask = 0;
        for (int k = 0; k < windows.length; k++) {
            if (windows[k].changed(column, m)) {
                mask |= 1 << k;
            }
        }
        return mask;
    }

    /** A real bar, already written, over another real bar: rare, so the session metrics are recomputed. */
    private void replaceReal(int m, boolean isFilled) {
        if ((state(m) & FILLED) != 0) {
            filled--;
        }
        setState(m, isFilled ? PRESENT | FILLED : PRESENT);
        if (isFilled) {
            filled++;
        }
        recomputeSessionMetrics();
        windowMask = changedWindows(m);  // a window's values are folded when read: nothing to refold here
    }

    /**
     * Records that storage lacks the bar of {@code minute} (index in the session): counted once, and only while the
     * minute holds no real bar.
     *
     * @return whether the count changed
     */
    boolean confirmMissing(int minute) {
        if (minute < 0 || minute >= minutes) {
            throw new IllegalArgumentException("minute " + minute + " of " + symbol + " is outside the " + date
                    + " session of " + minutes + " minutes");
        }
        int s = state(minute);
        if ((s & (PRESENT | CONFIRMED_MISSING)) != 0 || !expected(minute)) {
            return false;  // only an expected minute can be missing
        }
        setState(minute, s | CONFIRMED_MISSING);
        confirmedMissing++;
        return true;
    }

    /** The minute index of a bar starting at {@code startMicros}. */
    int minuteOf(long startMicros) {
        long offset = startMicros - openMicros;
        if (offset < 0 || offset >= minutes * Micros.PER_MINUTE || offset % Micros.PER_MINUTE != 0) {
            throw new IllegalArgumentException("1m bar " + symbol + " " + Micros.toInstant(startMicros)
                    + " does not start on a minute of the " + date + " session");
        }
        return (int) (offset / Micros.PER_MINUTE);
    }

    // ---------------------------------------------------------------- reads

    /** The session's windows of derived interval {@code k}, shared with the grid's other symbols. */
    DerivedWindows window(int k) {
        return windows[k];
    }

    /** This book's column in its windows and slots. */
    int column() {
        return column;
    }

    /** The current session's date; null before the first session. */
    LocalDate date() {
        return date;
    }

    long openMicros() {
        return openMicros;
    }

    int minutes() {
        return minutes;
    }

    /** Minutes holding a real (streamed or filled) bar. */
    int present() {
        return present;
    }

    /** Present minutes in segments of kind ordinal {@code kind}. */
    int present(int kind) {
        return presentByKind[kind];
    }

    /** Present minutes that are expected (in the quality segments): what quality counts. */
    int presentExpected() {
        int n = 0;
        for (int k = 0; k < presentByKind.length; k++) {
            n += (countedMask & (1 << k)) != 0 ? presentByKind[k] : 0;
        }
        return n;
    }

    /** Bars that arrived for a halt minute this session, ignored. */
    int haltBars() {
        return haltBars;
    }

    /** Of the present minutes, those holding a filled bar. */
    int filled() {
        return filled;
    }

    /** Minutes holding a synthetic bar. */
    int synthetic() {
        return synthetic;
    }

    /** Minutes that storage does not have and that hold no real bar. */
    int confirmedMissing() {
        return confirmedMissing;
    }

    /** Volume of the real bars. */
    double sessionVolume() {
        return sessionVolume;
    }

    /** Highest high of the real bars; NaN before the first. */
    double sessionHigh() {
        return sessionHigh;
    }

    /** Lowest low of the real bars; NaN before the first. */
    double sessionLow() {
        return sessionLow;
    }

    /** The minutes holding a real bar (bit i = minute i after the open). */
    BitSet presentMinutes() {
        BitSet bits = new BitSet(minutes);
        for (int m = 0; m < minutes; m++) {
            if ((state(m) & PRESENT) != 0) {
                bits.set(m);
            }
        }
        return bits;
    }

    /** The bars held, ordered by start; filled and synthetic ones carry their flags. */
    BarSeries bars() {
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

    // ---------------------------------------------------------------- slots

    /** Minute {@code m} holds a real (streamed or filled) bar: what derived windows fold. */
    boolean isReal(int m) {
        return (state(m) & PRESENT) != 0;
    }

    double open(int m) {
        return Double.longBitsToDouble(slots[m * rowLongs + columnLongs + OPEN]);
    }

    double high(int m) {
        return Double.longBitsToDouble(slots[m * rowLongs + columnLongs + HIGH]);
    }

    double low(int m) {
        return Double.longBitsToDouble(slots[m * rowLongs + columnLongs + LOW]);
    }

    double close(int m) {
        return Double.longBitsToDouble(slots[m * rowLongs + columnLongs + CLOSE]);
    }

    double volume(int m) {
        return Double.longBitsToDouble(slots[m * rowLongs + columnLongs + VOLUME]);
    }

    private int state(int m) {
        long v = slots[m * rowLongs + columnLongs + STATE];
        return (v >>> 32) == generation ? (int) v : 0;
    }

    private void setState(int m, int state) {
        slots[m * rowLongs + columnLongs + STATE] = generation << 32 | state;
    }

    /** Writes a minute's values; its state is the caller's to set. */
    private void write(int m, double o, double h, double l, double c, double v, long tc, double vw) {
        int at = m * rowLongs + columnLongs;
        slots[at + OPEN] = Double.doubleToRawLongBits(o);
        slots[at + HIGH] = Double.doubleToRawLongBits(h);
        slots[at + LOW] = Double.doubleToRawLongBits(l);
        slots[at + CLOSE] = Double.doubleToRawLongBits(c);
        slots[at + VOLUME] = Double.doubleToRawLongBits(v);
        if (tc != Bar.NO_TRADE_COUNT || tradeCount != null) {
            if (tradeCount == null) {
                tradeCount = new long[minutes];
                Arrays.fill(tradeCount, Bar.NO_TRADE_COUNT);
            }
            tradeCount[m] = tc;
        }
        if (!Double.isNaN(vw) || vwap != null) {
            if (vwap == null) {
                vwap = new double[minutes];
                Arrays.fill(vwap, Double.NaN);
            }
            vwap[m] = vw;
        }
    }

    private boolean sameSlot(int m, double o, double h, double l, double c, double v, long tc, double vw) {
        return open(m) == o && high(m) == h && low(m) == l && close(m) == c && volume(m) == v
                && (tradeCount == null ? tc == Bar.NO_TRADE_COUNT : tradeCount[m] == tc)
                && (vwap == null ? Double.isNaN(vw) : Double.compare(vwap[m], vw) == 0);
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
}
