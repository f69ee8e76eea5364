package io.sessionflow.domain;

import java.time.Instant;

/**
 * The fields of a quote bar, read in place: a {@link QuoteBar} value, or a {@link QuoteBarBuffer} that the coordinator
 * fills with each quote bar it delivers, valid only during that call. {@link #toQuoteBar()} gives a value to keep.
 *
 * <p>Threading: as the implementation's.
 */
public interface QuoteBarView {

    Symbol symbol();

    /** The start, epoch microseconds: the start without making an {@link Instant}. */
    long startMicros();

    Instant start();

    Interval interval();

    double bidOpen();

    double bidHigh();

    double bidLow();

    double bidClose();

    double bidSize();

    double askOpen();

    double askHigh();

    double askLow();

    double askClose();

    double askSize();

    /** {@link Bar#REVISED}, {@link Bar#PARTIAL}. */
    int flags();

    /** This quote bar as an immutable value. */
    QuoteBar toQuoteBar();

    default boolean hasBid() {
        return !Double.isNaN(bidOpen());
    }

    default boolean hasAsk() {
        return !Double.isNaN(askOpen());
    }

    default boolean isRevised() {
        return (flags() & Bar.REVISED) != 0;
    }

    default boolean isPartial() {
        return (flags() & Bar.PARTIAL) != 0;
    }
}
