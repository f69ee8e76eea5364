package io.sessionflow.corporate;

import java.util.Locale;

/**
 * Which prices the adjusted modes keep as traded. {@link #RUN_END}: the run's last session (a backtest ending
 * 2014-06-09 knows no later split, and its last session's prices are the traded ones). {@link #FACTOR_FILE}: LEAN's,
 * the factor file's latest row, so that adjusted prices equal LEAN's for the same file (AAPL's 2014 prices then carry
 * its 2020 4:1 split too).
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum AdjustmentBasis {
    RUN_END, FACTOR_FILE;

    /** The name on the command line: {@code run-end}, {@code factor-file}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The basis labelled {@code text}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text and the known labels
     */
    public static AdjustmentBasis of(String text) {
        for (AdjustmentBasis b : values()) {
            if (b.label().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return b;
            }
        }
        throw new IllegalArgumentException("adjustment basis '" + text + "' is not run-end or factor-file");
    }
}
