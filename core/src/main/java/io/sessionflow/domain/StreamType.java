package io.sessionflow.domain;

/**
 * The kinds of per-symbol stream the coordinator merges. The declaration order is the tie rule: at equal
 * availability time a 1m trade bar is delivered first, then a 1m quote bar, then a quote, then a trade
 * ({@code BARS, QUOTE_BARS, QUOTES, TRADES}). A bar of either kind for minute {@code m} becomes available at
 * {@code m + 1m}, so the trade bar and the quote bar of a minute arrive together, trade bar first; quotes and trades
 * stamped at that instant come after both.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum StreamType {
    /** 1-minute trade bars; derived intervals are built from them. */
    BARS,
    /** 1-minute quote bars (bid and ask OHLC and last sizes); derived quote bars are built from them. */
    QUOTE_BARS,
    QUOTES,
    TRADES
}
