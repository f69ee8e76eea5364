package io.sessionflow.session;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarBuffer;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * One symbol's 1m quote bars of the current session, one slot per minute after the open, and its derived quote bars
 * per configured interval, in the windows of trade bars: the session's {@link WindowLayout}s, which the symbol's
 * {@link DerivedWindows} use too (aligned to the session or the market open, cut by halts and the session end). A 1m
 * quote bar in a halt minute is held but in no window, and a 1d interval has no quote windows. A derived quote
 * bar folds the window's present minutes per side: open of the first minute with that side, high the maximum, low the
 * minimum, close and size of the last minute with that side; a side no minute had stays absent.
 *
 * <p>Delivery follows {@link DerivedWindows}: a window is delivered when its last minute's quote bar arrives or a
 * boundary at or after its end is flushed while it holds bars; a quote bar arriving in a delivered window revises it
 * ({@link Bar#REVISED}). A quote bar for a minute already held replaces it when its values differ (the later
 * source wins: quote bars have no gap repair to rank them), and changes nothing when they are equal. Derived quote
 * bars are folded when asked for, from the minute slots: a window has at most {@link Interval#MAX_MINUTES} minutes,
 * and this keeps the per-minute path to ten array stores.
 *
 * <p>Not thread-safe: guarded by the owning {@link SymbolSessionData}'s lock.
 */
final class QuoteBarBook {

    /** Doubles per minute: bid open, high, low, close, size, then the same for the ask. */
    static final int CELLS = 10;
    private static final int EMITTED = 1;
    private static final int REVISED = 1 << 1;

    private final Symbol symbol;
    private final Interval[] derived;
    private long openMicros;
    private int minutes;
    private double[] cells = new double[0];
    private final BitSet present = new BitSet();
    private int presentCount;
    /** Per derived interval, per window: {@link #EMITTED}, {@link #REVISED}. */
    private final byte[][] status;
    /** Per derived interval, the current session's windows: those of its trade bars. */
    private WindowLayout[] layouts = new WindowLayout[0];
    /** Per derived interval, windows below this index have passed a flushed boundary. */
    private final int[] passed;
    private final int[] emitted;

    QuoteBarBook(Symbol symbol, java.util.List<Interval> derivedIntervals) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.derived = derivedIntervals.toArray(new Interval[0]);
        this.status = new byte[derived.length][];
        this.passed = new int[derived.length];
        this.emitted = new int[derived.length];
        for (int k = 0; k < derived.length; k++) {
            status[k] = new byte[0];
        }
    }

    /**
     * Forgets the previous session and lays out {@code sessionMinutes} minutes from {@code sessionOpenMicros}, with the
     * windows of derived interval k in {@code windows[k]} (shared, not changed here).
     */
    void begin(long sessionOpenMicros, int sessionMinutes, WindowLayout[] windows) {
        if (windows.length != derived.length) {
            throw new IllegalArgumentException(windows.length + " window layouts for " + derived.length
                    + " derived intervals");
        }
        openMicros = sessionOpenMicros;
        minutes = sessionMinutes;
        layouts = windows;
        present.clear();
        presentCount = 0;
        for (int k = 0; k < derived.length; k++) {
            int count = windows(k);
            if (status[k].length < count) {
                status[k] = new byte[count];
            } else {
                Arrays.fill(status[k], 0, count, (byte) 0);
            }
            passed[k] = 0;
            emitted[k] = 0;
        }
    }

    /** A 1d interval has no quote windows: session bars are trade bars only. */
    private int windows(int k) {
        return derived[k].isSession() ? 0 : layouts[k].count();
    }

    private int end(int k, int w) {
        return layouts[k].end(w);
    }

    /** Minutes of the session holding a quote bar. */
    int present() {
        return presentCount;
    }

    /** Derived quote bars of interval {@code k} delivered this session (revisions not counted again). */
    int emitted(int k) {
        return emitted[k];
    }

    /**
     * Applies the 1m quote bar starting at {@code startMicros} (validated by the caller).
     *
     * @return -1 when nothing changed; otherwise the mask over the derived intervals whose window holding this minute
     *         must be delivered now (completed, already passed, or revised)
     * @throws IllegalArgumentException when the start is not a minute of the current session
     */
    int apply(long startMicros, double bo, double bh, double bl, double bc, double bs, double ao, double ah,
              double al, double ac, double as) {
        long offset = startMicros - openMicros;
        if (offset < 0 || offset % Micros.PER_MINUTE != 0 || offset >= (long) minutes * Micros.PER_MINUTE) {
            throw new IllegalArgumentException("quote bar " + symbol + " " + Micros.toInstant(startMicros)
                    + " is not a minute of the session opening " + Micros.toInstant(openMicros));
        }
        int m = (int) (offset / Micros.PER_MINUTE);
        int at = m * CELLS;
        if (cells.length < minutes * CELLS) {
            cells = new double[minutes * CELLS];  // on the first quote bar: most symbols of a run never get one
        }
        if (present.get(m) && same(at, bo, bh, bl, bc, bs, ao, ah, al, ac, as)) {
            return -1;
        }
        cells[at] = bo;
        cells[at + 1] = bh;
        cells[at + 2] = bl;
        cells[at + 3] = bc;
        cells[at + 4] = bs;
        cells[at + 5] = ao;
        cells[at + 6] = ah;
        cells[at + 7] = al;
        cells[at + 8] = ac;
        cells[at + 9] = as;
        if (!present.get(m)) {
            present.set(m);
            presentCount++;
        }
        int mask = 0;
        for (int k = 0; k < derived.length; k++) {
            int w = windowOf(k, m);
            if (w < 0) {
                continue;  // a 1d interval, or a minute in a halt
            }
            int s = status[k][w];
            if ((s & EMITTED) != 0) {
                status[k][w] = (byte) (s | REVISED);
                mask |= 1 << k;
            } else if (m == end(k, w) - 1 || w < passed[k]) {
                status[k][w] = (byte) (s | EMITTED);
                emitted[k]++;
                mask |= 1 << k;
            }
        }
        return mask;
    }

    private boolean same(int at, double bo, double bh, double bl, double bc, double bs, double ao, double ah,
                         double al, double ac, double as) {
        return Double.compare(cells[at], bo) == 0 && Double.compare(cells[at + 1], bh) == 0
                && Double.compare(cells[at + 2], bl) == 0 && Double.compare(cells[at + 3], bc) == 0
                && Double.compare(cells[at + 4], bs) == 0 && Double.compare(cells[at + 5], ao) == 0
                && Double.compare(cells[at + 6], ah) == 0 && Double.compare(cells[at + 7], al) == 0
                && Double.compare(cells[at + 8], ac) == 0 && Double.compare(cells[at + 9], as) == 0;
    }

    /** The window of interval {@code k} holding minute {@code m}; -1 for a 1d interval, which has none, or a halt. */
    int windowOf(int k, int m) {
        return derived[k].isSession() ? -1 : layouts[k].windowOf(m);
    }

    /**
     * Marks the windows of interval {@code k} ending by {@code boundaryMicros} as passed and delivers those holding
     * quote bars not yet delivered, writing their indexes to {@code out} (ascending).
     *
     * @return how many window indexes were written
     */
    int flush(int k, long boundaryMicros, int[] out) {
        int boundary = (int) ((boundaryMicros - openMicros) / Micros.PER_MINUTE);
        int count = windows(k);
        int written = 0;
        while (passed[k] < count && end(k, passed[k]) <= boundary) {
            int w = passed[k];
            if ((status[k][w] & EMITTED) == 0 && holds(k, w)) {
                status[k][w] |= EMITTED;
                emitted[k]++;
                out[written++] = w;
            }
            passed[k]++;
        }
        return written;
    }

    private boolean holds(int k, int w) {
        int next = present.nextSetBit(layouts[k].start(w));
        return next >= 0 && next < end(k, w);
    }

    /** The 1m quote bars held, ordered by start. */
    QuoteBarSeries bars() {
        QuoteBarSeries.Builder b = QuoteBarSeries.builder(Interval.ONE_MINUTE, presentCount);
        for (int m = present.nextSetBit(0); m >= 0; m = present.nextSetBit(m + 1)) {
            int at = m * CELLS;
            b.add(symbol, openMicros + m * Micros.PER_MINUTE, cells[at], cells[at + 1], cells[at + 2],
                    cells[at + 3], cells[at + 4], cells[at + 5], cells[at + 6], cells[at + 7], cells[at + 8],
                    cells[at + 9]);
        }
        return b.build();
    }

    /**
     * Fills {@code into} with window {@code w} of interval {@code k} as it stands, folded from its minutes through
     * {@code side} ({@link #CELLS} doubles of the caller's).
     *
     * @return {@code into}
     */
    QuoteBarBuffer read(int k, int w, QuoteBarBuffer into, double[] side) {
        if (w < 0 || w >= windows(k) || !holds(k, w)) {
            throw new IllegalArgumentException(derived[k] + " quote window " + w + " of " + symbol + " holds no bar");
        }
        WindowLayout layout = layouts[k];
        fold(layout.start(w), layout.end(w), 0, side);
        fold(layout.start(w), layout.end(w), 5, side);
        int flags = (layout.partial(w) ? Bar.PARTIAL : 0) | ((status[k][w] & REVISED) != 0 ? Bar.REVISED : 0);
        return into.set(symbol, layout.startMicros(w), derived[k], side[0], side[1], side[2], side[3], side[4],
                side[5], side[6], side[7], side[8], side[9], flags);
    }

    /** Folds one side (cells from {@code base}) of minutes {@code [from, to)} into {@code out}. */
    private void fold(int from, int to, int base, double[] out) {
        double o = Double.NaN;
        double h = Double.NaN;
        double l = Double.NaN;
        double c = Double.NaN;
        double size = 0;
        for (int m = present.nextSetBit(from); m >= 0 && m < to; m = present.nextSetBit(m + 1)) {
            int at = m * CELLS + base;
            if (Double.isNaN(cells[at])) {
                continue;  // this side was absent in that minute
            }
            if (Double.isNaN(o)) {
                o = cells[at];
                h = cells[at + 1];
                l = cells[at + 2];
            } else {
                h = Math.max(h, cells[at + 1]);
                l = Math.min(l, cells[at + 2]);
            }
            c = cells[at + 3];
            size = cells[at + 4];
        }
        out[base] = o;
        out[base + 1] = h;
        out[base + 2] = l;
        out[base + 3] = c;
        out[base + 4] = size;
    }

    /** The derived quote bars of interval {@code k} delivered so far, ordered by start, as they stand. */
    QuoteBarSeries emittedBars(int k) {
        QuoteBarSeries.Builder b = QuoteBarSeries.builder(derived[k], emitted[k]);
        QuoteBarBuffer bar = new QuoteBarBuffer();
        double[] side = new double[CELLS];  // this reader's: readers may run at once
        for (int w = 0; w < windows(k); w++) {
            if ((status[k][w] & EMITTED) != 0) {
                b.add(read(k, w, bar, side).toQuoteBar());
            }
        }
        return b.build();
    }
}
