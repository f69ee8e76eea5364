package io.sessionflow.session;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * One symbol's derived bars of one interval for the current session, built incrementally from its real 1m bars, in
 * the windows of the session's {@link WindowLayout} (aligned to the open, or to the market open, and cut by halts
 * and the session end; without halts window {@code w} covers minutes {@code [w*n, min((w+1)*n, minutes))}). A bar
 * in a halt minute belongs to no window. This class and its layout are the one place that knows where windows end
 * ({@link #end(int)}, {@link #endsBeforeClose}).
 *
 * <p>A window is delivered once: when its last minute's bar arrives ({@link #add}), or when a boundary at or after
 * its end is flushed ({@link #flush}) while it holds bars. A bar arriving in a window already delivered revises it
 * and delivers it again, flagged {@link Bar#REVISED}. A window without any 1m bar gives no bar.
 *
 * <p>Not thread-safe: written by the writer under the owning {@link SymbolSessionData}'s lock; its
 * {@link WindowProgress}, shared with the other symbols' windows of the interval, is the writer's alone.
 */
final class DerivedWindows {

    private static final int EMITTED = 1;
    private static final int REVISED = 1 << 1;
    /** Longs per window: open, high, low, close, volume (raw double bits), and a packed meta. */
    static final int CELLS = 6;
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VOLUME = 4;
    private static final int META = 5;

    private final Symbol symbol;
    private final Interval interval;
    private final int n;
    private WindowLayout layout;
    private int count;
    /**
     * One window after the other, {@link #CELLS} longs each, so that an update touches one cache line, in this
     * symbol's column of the session's {@link SessionGrid}: window {@code w} at {@code w * rowLongs + columnLongs}.
     */
    private long[] cells = new long[0];
    private int rowLongs = CELLS;
    private int columnLongs;
    /** How far windows have passed, and which hold bars not delivered: shared by the interval's windows. */
    private WindowProgress progress;
    private int emitted;

    DerivedWindows(Symbol symbol, Interval interval) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isOneMinute()) {
            throw new IllegalArgumentException("derived windows need an interval longer than 1m, not " + interval);
        }
        this.n = interval.minutes();
    }

    Interval interval() {
        return interval;
    }

    private static void requireMinutes(int sessionMinutes) {
        if (sessionMinutes < 0 || sessionMinutes > 0xFFFF) {
            throw new IllegalArgumentException("session of " + sessionMinutes + " minutes: must be 0..65535");
        }
    }

    /**
     * Forgets the previous session and takes the windows of {@code windows} (this interval's, shared), in column
     * {@code column} of {@code gridCells}, a grid {@code width} columns wide whose column is all zeros, with the
     * progress of {@code windows} that every symbol's windows of the interval share.
     */
    void reset(WindowLayout windows, long[] gridCells, int width, int column, WindowProgress shared) {
        requireMinutes(windows.minutes());
        if (windows.interval() != n) {
            throw new IllegalArgumentException("a layout of " + windows.interval() + "-minute windows for " + interval);
        }
        layout = windows;
        count = windows.count();
        if (gridCells.length < (long) count * width * CELLS) {
            throw new IllegalArgumentException("a grid of " + gridCells.length + " longs for " + count + " windows x "
                    + width + " columns");
        }
        cells = gridCells;
        rowLongs = width * CELLS;
        columnLongs = column * CELLS;
        progress = shared;
        emitted = 0;
    }

    /** The progress of the interval's windows this session, shared with the other symbols'. */
    WindowProgress progress() {
        return progress;
    }

    /** Windows in the current session. */
    int count() {
        return count;
    }

    /** How many windows were delivered this session (revisions not counted again). */
    int emitted() {
        return emitted;
    }

    /** The window holding minute {@code m} of the session; -1 for a minute in a halt. */
    int windowOf(int m) {
        return layout.windowOf(m);
    }

    /** The first minute of window {@code w}. */
    int start(int w) {
        return layout.start(w);
    }

    /** The minute (exclusive) where window {@code w} ends: a halt or the session end cuts it short. */
    int end(int w) {
        return layout.end(w);
    }

    /**
     * The ends, before the session's end, of the {@code n}-minute windows of a session of {@code minutes} minutes
     * opening at {@code openMicros}, ascending: where the coordinator flushes windows whose last minute is missing (the
     * session end itself is flushed at the end).
     */
    static LongStream endsBeforeClose(long openMicros, int n, int minutes) {
        return WindowLayout.regular(openMicros, minutes, n).endsBefore(minutes);
    }

    // meta packs the window's 1m bar count (bits 0-15), first and last minute (16-31, 32-47), status (48-55).
    private static long pack(int bars, int first, int last, int status) {
        return bars | ((long) first << 16) | ((long) last << 32) | ((long) status << 48);
    }

    private static int barsOf(long meta) {
        return (int) (meta & 0xFFFF);
    }

    private static int firstOf(long meta) {
        return (int) ((meta >>> 16) & 0xFFFF);
    }

    private static int lastOf(long meta) {
        return (int) ((meta >>> 32) & 0xFFFF);
    }

    private static int statusOf(long meta) {
        return (int) ((meta >>> 48) & 0xFF);
    }

    private static long withStatus(long meta, int status) {
        return (meta & ~(0xFFL << 48)) | ((long) status << 48);
    }

    private int bars(int w) {
        return barsOf(cells[at(w) + META]);
    }

    private int status(int w) {
        return statusOf(cells[at(w) + META]);
    }

    private void setStatus(int w, int status) {
        writeMeta(w, at(w), withStatus(cells[at(w) + META], status));
    }

    /** Holds bars not delivered. */
    private static boolean pending(long meta) {
        return barsOf(meta) > 0 && (statusOf(meta) & EMITTED) == 0;
    }

    /** Every write of a window's meta: it keeps the interval's count of pending windows in step. */
    private void writeMeta(int w, int at, long meta) {
        boolean was = pending(cells[at + META]);
        boolean is = pending(meta);
        if (was != is) {
            if (is) {
                progress.pend(w);
            } else {
                progress.settle(w);
            }
        }
        cells[at + META] = meta;
    }

    private int at(int w) {
        return w * rowLongs + columnLongs;
    }

    private double get(int w, int field) {
        return Double.longBitsToDouble(cells[at(w) + field]);
    }

    /** Adds minute {@code m}'s real bar, not held before; true when its window must be delivered now. */
    boolean add(int m, double o, double h, double l, double c, double v) {
        int w = windowOf(m);  // once: the hot path's only lookup of the layout
        if (w < 0) {
            return false;  // a halt minute is in no window
        }
        int at = at(w);
        return deliverNow(w, at, foldInto(at, m, o, h, l, c, v), m);
    }

    /** Empties the window of minute {@code m} before it is rebuilt with {@link #fold}; its status stays. */
    void clear(int m) {
        int w = windowOf(m);
        if (w < 0) {
            return;
        }
        int at = at(w);
        int status = statusOf(cells[at + META]);
        Arrays.fill(cells, at, at + META, 0);
        writeMeta(w, at, pack(0, 0, 0, status));
    }

    /** Folds minute {@code m}'s real bar into its window; {@link #settle} says whether to deliver it. */
    void fold(int m, double o, double h, double l, double c, double v) {
        int w = windowOf(m);
        if (w >= 0) {
            int at = at(w);
            writeMeta(w, at, foldInto(at, m, o, h, l, c, v));
        }
    }

    /**
     * Folds minute {@code m}'s bar into the window whose cells start at {@code at}, reading its meta once: the values
     * are written, the new meta (status unchanged) is returned for the caller to write.
     */
    private long foldInto(int at, int m, double o, double h, double l, double c, double v) {
        long meta = cells[at + META];
        int bars = barsOf(meta);
        int first = m;
        int last = m;
        if (bars == 0) {
            cells[at + OPEN] = Double.doubleToRawLongBits(o);
            cells[at + HIGH] = Double.doubleToRawLongBits(h);
            cells[at + LOW] = Double.doubleToRawLongBits(l);
            cells[at + CLOSE] = Double.doubleToRawLongBits(c);
            cells[at + VOLUME] = Double.doubleToRawLongBits(v);
        } else {
            first = firstOf(meta);
            last = lastOf(meta);
            cells[at + HIGH] = Double.doubleToRawLongBits(Math.max(Double.longBitsToDouble(cells[at + HIGH]), h));
            cells[at + LOW] = Double.doubleToRawLongBits(Math.min(Double.longBitsToDouble(cells[at + LOW]), l));
            cells[at + VOLUME] = Double.doubleToRawLongBits(Double.longBitsToDouble(cells[at + VOLUME]) + v);
            if (m > last) {
                cells[at + CLOSE] = Double.doubleToRawLongBits(c);
                last = m;
            }
            if (m < first) {
                cells[at + OPEN] = Double.doubleToRawLongBits(o);
                first = m;
            }
        }
        return pack(bars + 1, first, last, statusOf(meta));
    }

    /**
     * After minute {@code changed} of a window changed: true when the window must be delivered now, because it was
     * delivered before (now revised), {@code changed} is its last minute, or it has passed. An empty window is not.
     */
    boolean settle(int changed) {
        int w = windowOf(changed);
        if (w < 0) {
            return false;
        }
        int at = at(w);
        long meta = cells[at + META];
        return barsOf(meta) > 0 && deliverNow(w, at, meta, changed);
    }

    /**
     * Writes window {@code w}'s meta (its cells at {@code at}) with the status it has now that minute {@code changed}
     * of it changed; true when the window, holding bars, must be delivered now.
     */
    private boolean deliverNow(int w, int at, long meta, int changed) {
        int status = statusOf(meta);
        boolean due = true;
        if ((status & EMITTED) != 0) {
            status |= REVISED;
        } else if (changed == end(w) - 1 || w < progress.passed()) {
            status |= EMITTED;
            emitted++;
        } else {
            due = false;
        }
        writeMeta(w, at, withStatus(meta, status));
        return due;
    }

    /**
     * Whether a window from {@code from} up to those passed holds bars not delivered. It reads only what the writer
     * writes, so the writer may ask without the lock.
     */
    boolean due(int from) {
        for (int w = from; w < progress.passed(); w++) {
            if (pending(cells[at(w) + META])) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the windows from {@code from} up to those passed that hold bars not yet delivered, writing their
     * indexes to {@code out} (ascending).
     *
     * @return how many window indexes were written
     */
    int flush(int from, int[] out) {
        int written = 0;
        for (int w = from; w < progress.passed(); w++) {
            if (pending(cells[at(w) + META])) {
                setStatus(w, status(w) | EMITTED);
                emitted++;
                out[written++] = w;
            }
        }
        return written;
    }

    /**
     * Fills {@code into} with window {@code w}'s bar as it stands: {@link Bar#PARTIAL} when cut short,
     * {@link Bar#REVISED} once revised.
     *
     * @return {@code into}
     */
    BarBuffer read(int w, BarBuffer into) {
        if (w < 0 || w >= count || bars(w) == 0) {
            throw new IllegalArgumentException(interval + " window " + w + " of " + symbol + " holds no bar ("
                    + count + " windows)");
        }
        int flags = (layout.partial(w) ? Bar.PARTIAL : 0) | ((status(w) & REVISED) != 0 ? Bar.REVISED : 0);
        return into.set(symbol, layout.startMicros(w), interval, get(w, OPEN), get(w, HIGH), get(w, LOW),
                get(w, CLOSE), get(w, VOLUME), Bar.NO_TRADE_COUNT, Double.NaN, flags);
    }

    /** The windows delivered so far, ordered by start, with their current values. */
    BarSeries emittedBars() {
        BarSeries.Builder b = BarSeries.builder(interval, emitted);
        BarBuffer bar = new BarBuffer();
        for (int w = 0; w < count; w++) {
            if ((status(w) & EMITTED) != 0) {
                b.add(read(w, bar).toBar());
            }
        }
        return b.build();
    }
}
