package io.sessionflow.session;

import java.util.Arrays;

/**
 * The session-wide arrays behind the symbols' {@link MinuteBook}s, and the session's {@link DerivedWindows} (one per
 * derived interval, shared by the columns): one column per symbol, in symbol order, laid out minute after minute
 * (window after window), so that row {@code m} holds minute {@code m} of every symbol side by side. The coordinator
 * delivers a minute's bars of all symbols in symbol order, so its writes walk memory forwards, which the hardware
 * prefetches, instead of jumping between hundreds of per-symbol arrays, a cache and TLB miss each (issue 14's profile).
 * A symbol registered during a session gets a column of its own ({@link #single}) until the next session lays it out
 * with the others.
 *
 * <p>Threading: laid out by the coordinator thread at each session start, under SessionData's lock; each column is
 * handed to its symbol under that symbol's write lock, and every symbol touches only its own column.
 */
final class SessionGrid {

    /** One symbol's place in the arrays of a session, and the session's derived windows, shared by the columns. */
    record Column(long[] slots, DerivedWindows[] windows, int width, int index, long generation) {
        Column {
            if (width <= 0 || index < 0 || index >= width) {
                throw new IllegalArgumentException("column " + index + " of a grid " + width + " wide");
            }
        }
    }

    /** Bumped by every layout, so 1 at the first: the zero states of a new array are of no generation, so empty. */
    private long generation;
    private int width;
    private long[] slots = new long[0];
    /** Per derived interval, the current session's window statuses. */
    private byte[][] status = new byte[0][];
    /** The previous session's: nobody's column refers to them any more, so the next layout clears and reuses them. */
    private byte[][] spare = new byte[0][];
    /** Per derived interval, the current session's windows, shared by every column. */
    private DerivedWindows[] windows = new DerivedWindows[0];
    private WindowProgress[] progress = new WindowProgress[0];

    /**
     * Lays out a session of {@code symbols} columns, {@code minutes} minutes and the windows of {@code layouts}. The
     * minute slots are reused (the generation empties them); the window arrays alternate with the previous session's,
     * cleared here, because a reader of a symbol not yet given its new column may still read the current ones.
     */
    void layOut(int symbols, int minutes, WindowLayout[] layouts) {
        width = Math.max(1, symbols);
        generation++;
        long slotLongs = (long) minutes * width * MinuteBook.STRIDE;
        if (slots.length < slotLongs) {
            slots = new long[Math.toIntExact(slotLongs)];
        }
        byte[][] next = new byte[layouts.length][];
        for (int k = 0; k < layouts.length; k++) {
            int need = Math.toIntExact((long) layouts[k].count() * width);
            byte[] reused = k < spare.length ? spare[k] : null;
            if (reused == null || reused.length < need) {
                next[k] = new byte[need];
            } else {
                Arrays.fill(reused, 0, need, (byte) 0);
                next[k] = reused;
            }
        }
        spare = status;
        status = next;
        progress = WindowProgress.of(layouts);
        windows = new DerivedWindows[layouts.length];
        for (int k = 0; k < layouts.length; k++) {
            windows[k] = new DerivedWindows(layouts[k], status[k], width, progress[k]);
        }
    }

    /** Per derived interval, the progress of the session laid out last. */
    WindowProgress[] progress() {
        return progress;
    }

    /** Column {@code index} of the session laid out last. */
    Column column(int index) {
        return new Column(slots, windows, width, index, generation);
    }

    /**
     * A grid of one column, new arrays, for one symbol and one session whose intervals have made {@code progress}
     * (shared with the session's other symbols, or new for a symbol alone).
     */
    static Column single(int minutes, WindowLayout[] layouts, WindowProgress[] progress) {
        return new Column(new long[minutes * MinuteBook.STRIDE], DerivedWindows.single(layouts, progress), 1, 0, 1);
    }
}
