package io.sessionflow.session;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * One interval's derived bars for the current session, for every symbol of a {@link SessionGrid} (a column each), in
 * the windows of the session's {@link WindowLayout} (aligned to the open, or to the market open, and cut by halts and
 * the session end; without halts window {@code w} covers minutes {@code [w*n, min((w+1)*n, minutes))}). A bar in a
 * halt minute belongs to no window. This class and its layout are the one place that knows where windows end
 * ({@link #end(int)}, {@link #endsBeforeClose}).
 *
 * <p>It keeps one status per window and symbol (holds a real bar, delivered, revised) and decides when a window is
 * delivered: when its last minute's bar arrives ({@link #changed}), or when a boundary at or after its end is flushed
 * ({@link #flush}) while it holds bars. A bar arriving in a window already delivered revises it and delivers it
 * again, flagged {@link Bar#REVISED}. A window without any real 1m bar gives no bar.
 *
 * <p>A window's values are not kept: {@link #read} folds them from the symbol's {@link MinuteBook}, its real 1m bars
 * in minute order. So a derived bar depends only on the 1m bars it covers, never on the order they arrived in (a
 * volume summed in another order can be another double), and a bar replacing another needs no refold. One object
 * serves all the grid's symbols, so that a bar reaches its window's status through no object of its symbol's: at
 * 5,000 symbols those objects no longer stay in the CPU's cache between two bars of a symbol (issue 14).
 *
 * <p>Not thread-safe: written by the writer, each column under its symbol's {@link SymbolSessionData} lock, and read
 * by a reader of a symbol only in that symbol's column under its lock; its {@link WindowProgress}, shared with the
 * session's other grids of the interval, is the writer's alone.
 */
final class DerivedWindows {

    /** Status bits of a window. */
    private static final int HOLDS = 1;
    private static final int EMITTED = 1 << 1;
    private static final int REVISED = 1 << 2;

    private final Interval interval;
    private final WindowLayout layout;
    private final int count;
    /** One status byte per window and column: window {@code w} of column {@code c} at {@code w * width + c}. */
    private final byte[] status;
    private final int width;
    /** How far windows have passed, and which hold bars not delivered. */
    private final WindowProgress progress;

    /**
     * The windows of {@code layout} for a grid {@code width} columns wide, their statuses in {@code gridStatus} (all
     * zeros), with the interval's {@code progress} this session.
     */
    DerivedWindows(WindowLayout layout, byte[] gridStatus, int width, WindowProgress progress) {
        this.interval = Interval.ofCode(layout.interval());
        if (interval.isOneMinute()) {
            throw new IllegalArgumentException("derived windows need an interval longer than 1m, not " + interval);
        }
        this.layout = layout;
        this.count = layout.count();
        if (width <= 0 || gridStatus.length < (long) count * width) {
            throw new IllegalArgumentException("a grid of " + gridStatus.length + " windows for " + count
                    + " windows x " + width + " columns");
        }
        this.status = gridStatus;
        this.width = width;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The windows of each of {@code layouts}, in one column of new arrays, with {@code progress[k]} for k. */
    static DerivedWindows[] single(WindowLayout[] layouts, WindowProgress[] progress) {
        DerivedWindows[] out = new DerivedWindows[layouts.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = new DerivedWindows(layouts[k], new byte[layouts[k].count()], 1, progress[k]);
        }
        return out;
    }

    Interval interval() {
        return interval;
    }

    /** The progress of the interval's windows this session. */
    WindowProgress progress() {
        return progress;
    }

    /** Windows in the current session. */
    int count() {
        return count;
    }

    /** How many windows of column {@code column} were delivered this session (revisions not counted again). */
    int emitted(int column) {
        int n = 0;
        for (int w = 0; w < count; w++) {
            n += (status[at(w, column)] & EMITTED) != 0 ? 1 : 0;
        }
        return n;
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

    private int at(int w, int column) {
        return w * width + column;
    }

    /**
     * Minute {@code m} of column {@code column} now holds another real bar: a first one, or one replacing another.
     * True when its window must be delivered now: it was delivered before (now revised), {@code m} is its last
     * minute, or it has passed.
     */
    boolean changed(int column, int m) {
        int w = layout.windowOf(m);  // once: the hot path's only lookup of where the minute lies
        if (w < 0) {
            return false;  // a halt minute is in no window
        }
        int at = at(w, column);
        int s = status[at];
        if ((s & EMITTED) != 0) {
            status[at] = (byte) (s | REVISED);
            return true;
        }
        if (m == layout.end(w) - 1 || w < progress.passed()) {
            if (s != 0) {
                progress.settle(w);  // it held bars not delivered
            }
            status[at] = HOLDS | EMITTED;
            return true;
        }
        if (s == 0) {
            status[at] = HOLDS;
            progress.pend(w);
        }
        return false;
    }

    /** Holds bars not delivered. */
    private boolean pending(int w, int column) {
        return status[at(w, column)] == HOLDS;
    }

    /**
     * Whether a window of column {@code column} from {@code from} up to those passed holds bars not delivered. It
     * reads only what the writer writes, so the writer may ask without the lock.
     */
    boolean due(int column, int from) {
        for (int w = from; w < progress.passed(); w++) {
            if (pending(w, column)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers the windows of column {@code column} from {@code from} up to those passed that hold bars not yet
     * delivered, writing their indexes to {@code out} (ascending).
     *
     * @return how many window indexes were written
     */
    int flush(int column, int from, int[] out) {
        int written = 0;
        for (int w = from; w < progress.passed(); w++) {
            if (pending(w, column)) {
                status[at(w, column)] = HOLDS | EMITTED;
                progress.settle(w);
                out[written++] = w;
            }
        }
        return written;
    }

    /**
     * Fills {@code into} with window {@code w}'s bar of {@code symbol} (column {@code column}) as it stands, folded
     * from the real 1m bars {@code minutes} holds in it, in minute order: {@link Bar#PARTIAL} when cut short,
     * {@link Bar#REVISED} once revised.
     *
     * @return {@code into}
     */
    BarBuffer read(int column, int w, Symbol symbol, MinuteBook minutes, BarBuffer into) {
        if (w < 0 || w >= count || status[at(w, column)] == 0) {
            throw new IllegalArgumentException(interval + " window " + w + " of " + symbol + " holds no bar ("
                    + count + " windows)");
        }
        double o = 0;
        double h = 0;
        double l = 0;
        double c = 0;
        double v = 0;
        boolean first = true;
        for (int m = layout.start(w); m < layout.end(w); m++) {
            if (!minutes.isReal(m)) {
                continue;
            }
            if (first) {
                o = minutes.open(m);
                h = minutes.high(m);
                l = minutes.low(m);
                v = minutes.volume(m);
                first = false;
            } else {
                h = Math.max(h, minutes.high(m));
                l = Math.min(l, minutes.low(m));
                v += minutes.volume(m);
            }
            c = minutes.close(m);
        }
        int flags = (layout.partial(w) ? Bar.PARTIAL : 0)
                | ((status[at(w, column)] & REVISED) != 0 ? Bar.REVISED : 0);
        return into.set(symbol, layout.startMicros(w), interval, o, h, l, c, v, Bar.NO_TRADE_COUNT, Double.NaN, flags);
    }

    /**
     * The windows of {@code symbol} (column {@code column}) delivered so far, ordered by start, with their current
     * values folded from {@code minutes}.
     */
    BarSeries emittedBars(int column, Symbol symbol, MinuteBook minutes) {
        BarSeries.Builder b = BarSeries.builder(interval, count);
        BarBuffer bar = new BarBuffer();
        for (int w = 0; w < count; w++) {
            if ((status[at(w, column)] & EMITTED) != 0) {
                b.add(read(column, w, symbol, minutes, bar).toBar());
            }
        }
        return b.build();
    }
}
