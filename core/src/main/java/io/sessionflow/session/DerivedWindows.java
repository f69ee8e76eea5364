package io.sessionflow.session;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.util.Objects;
import java.util.stream.LongStream;

/**
 * One symbol's derived bars of one interval for the current session, in the windows of the session's
 * {@link WindowLayout} (aligned to the open, or to the market open, and cut by halts and the session end; without
 * halts window {@code w} covers minutes {@code [w*n, min((w+1)*n, minutes))}). A bar in a halt minute belongs to no
 * window. This class and its layout are the one place that knows where windows end ({@link #end(int)},
 * {@link #endsBeforeClose}).
 *
 * <p>It keeps one status per window (holds a real bar, delivered, revised) and decides when a window is delivered:
 * when its last minute's bar arrives ({@link #changed}), or when a boundary at or after its end is flushed
 * ({@link #flush}) while it holds bars. A bar arriving in a window already delivered revises it and delivers it
 * again, flagged {@link Bar#REVISED}. A window without any real 1m bar gives no bar.
 *
 * <p>A window's values are not kept: {@link #read} folds them from the symbol's {@link MinuteBook}, its real 1m bars
 * in minute order. So a derived bar depends only on the 1m bars it covers, never on the order they arrived in (a
 * volume summed in another order can be another double), and a bar replacing another needs no refold.
 *
 * <p>Not thread-safe: written by the writer under the owning {@link SymbolSessionData}'s lock; its
 * {@link WindowProgress}, shared with the other symbols' windows of the interval, is the writer's alone.
 */
final class DerivedWindows {

    /** Status bits of a window. */
    private static final int HOLDS = 1;
    private static final int EMITTED = 1 << 1;
    private static final int REVISED = 1 << 2;

    private final Symbol symbol;
    private final Interval interval;
    private final int n;
    private WindowLayout layout;
    private int count;
    /**
     * One status byte per window, in this symbol's column of the session's {@link SessionGrid}: window {@code w} at
     * {@code w * width + column}.
     */
    private byte[] status = new byte[0];
    private int width = 1;
    private int column;
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

    /**
     * Forgets the previous session and takes the windows of {@code windows} (this interval's, shared), in column
     * {@code column} of {@code gridStatus}, a grid {@code width} columns wide whose column is all zeros, with the
     * progress of {@code windows} that every symbol's windows of the interval share.
     */
    void reset(WindowLayout windows, byte[] gridStatus, int width, int column, WindowProgress shared) {
        if (windows.interval() != n) {
            throw new IllegalArgumentException("a layout of " + windows.interval() + "-minute windows for " + interval);
        }
        layout = windows;
        count = windows.count();
        if (gridStatus.length < (long) count * width) {
            throw new IllegalArgumentException("a grid of " + gridStatus.length + " windows for " + count
                    + " windows x " + width + " columns");
        }
        status = gridStatus;
        this.width = width;
        this.column = column;
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

    private int at(int w) {
        return w * width + column;
    }

    /**
     * Minute {@code m} now holds another real bar: a first one, or one replacing another. True when its window must
     * be delivered now: it was delivered before (now revised), {@code m} is its last minute, or it has passed.
     */
    boolean changed(int m) {
        int w = layout.windowOf(m);  // once: the hot path's only lookup of where the minute lies
        if (w < 0) {
            return false;  // a halt minute is in no window
        }
        int at = at(w);
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
            emitted++;
            return true;
        }
        if (s == 0) {
            status[at] = HOLDS;
            progress.pend(w);
        }
        return false;
    }

    /** Holds bars not delivered. */
    private boolean pending(int w) {
        return status[at(w)] == HOLDS;
    }

    /**
     * Whether a window from {@code from} up to those passed holds bars not delivered. It reads only what the writer
     * writes, so the writer may ask without the lock.
     */
    boolean due(int from) {
        for (int w = from; w < progress.passed(); w++) {
            if (pending(w)) {
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
            if (pending(w)) {
                status[at(w)] = HOLDS | EMITTED;
                progress.settle(w);
                emitted++;
                out[written++] = w;
            }
        }
        return written;
    }

    /**
     * Fills {@code into} with window {@code w}'s bar as it stands, folded from the real 1m bars {@code minutes} holds
     * in it, in minute order: {@link Bar#PARTIAL} when cut short, {@link Bar#REVISED} once revised.
     *
     * @return {@code into}
     */
    BarBuffer read(int w, MinuteBook minutes, BarBuffer into) {
        if (w < 0 || w >= count || status[at(w)] == 0) {
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
        int flags = (layout.partial(w) ? Bar.PARTIAL : 0) | ((status[at(w)] & REVISED) != 0 ? Bar.REVISED : 0);
        return into.set(symbol, layout.startMicros(w), interval, o, h, l, c, v, Bar.NO_TRADE_COUNT, Double.NaN, flags);
    }

    /** The windows delivered so far, ordered by start, with their current values folded from {@code minutes}. */
    BarSeries emittedBars(MinuteBook minutes) {
        BarSeries.Builder b = BarSeries.builder(interval, emitted);
        BarBuffer bar = new BarBuffer();
        for (int w = 0; w < count; w++) {
            if ((status[at(w)] & EMITTED) != 0) {
                b.add(read(w, minutes, bar).toBar());
            }
        }
        return b.build();
    }
}
