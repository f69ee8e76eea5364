package io.sessionflow.domain;

/**
 * The kinds of per-symbol stream the coordinator merges. The declaration order is the tie rule: at equal
 * availability time a 1m bar is delivered before a quote, a quote before a trade.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum StreamType {
    /** 1-minute bars; derived intervals are built from them. */
    BARS,
    QUOTES,
    TRADES
}
