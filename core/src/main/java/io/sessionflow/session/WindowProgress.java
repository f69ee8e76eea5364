package io.sessionflow.session;

import io.sessionflow.domain.Micros;

/**
 * One derived interval's windows of the current session across every symbol: how many have passed (their end is at
 * or before the last boundary flushed, the same for every symbol) and, per window, how many symbols hold bars in it
 * that were not delivered yet. A boundary where no window passing is pending is then one check, not a visit to
 * every symbol's windows (issue 14: skipping that visit took a third off merge + derive).
 *
 * <p>Threading: the writer's thread only; readers never look at it.
 */
final class WindowProgress {

    private final WindowLayout layout;
    private final int[] pending;
    private int passed;

    WindowProgress(WindowLayout layout) {
        this.layout = layout;
        this.pending = new int[layout.count()];
    }

    /** A progress for each of {@code layouts}, none passed and none pending. */
    static WindowProgress[] of(WindowLayout[] layouts) {
        WindowProgress[] out = new WindowProgress[layouts.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = new WindowProgress(layouts[k]);
        }
        return out;
    }

    /** Windows below this index have passed. */
    int passed() {
        return passed;
    }

    /** One more symbol holds bars not delivered in window {@code w}. */
    void pend(int w) {
        pending[w]++;
    }

    /** One symbol's bars in window {@code w} were delivered, or are gone. */
    void settle(int w) {
        pending[w]--;
    }

    /**
     * Marks the windows ending at or before {@code boundaryMicros} as passed.
     *
     * @return whether any window that passed now holds bars some symbol has not delivered
     */
    boolean pass(long boundaryMicros) {
        long boundary = (boundaryMicros - layout.openMicros()) / Micros.PER_MINUTE;
        boolean due = false;
        while (passed < pending.length && layout.end(passed) <= boundary) {
            due |= pending[passed] != 0;
            passed++;
        }
        return due;
    }
}
