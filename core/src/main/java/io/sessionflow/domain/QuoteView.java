package io.sessionflow.domain;

import java.time.Instant;

/**
 * The fields of a quote, read in place: a {@link Quote} value, or the coordinator's cursor on the quote it is
 * delivering ({@link SeriesCursor.OfQuote}), valid only during that call. {@link #toQuote()} gives a value to keep.
 *
 * <p>Threading: as the implementation's.
 */
public interface QuoteView {

    Symbol symbol();

    /** The time, epoch microseconds: the time without making an {@link Instant}. */
    long timeMicros();

    Instant time();

    double bid();

    double ask();

    double bidSize();

    double askSize();

    /** This quote as an immutable value. */
    Quote toQuote();

    default boolean hasBid() {
        return bidSize() > 0 || bid() > 0;
    }

    default boolean hasAsk() {
        return askSize() > 0 || ask() > 0;
    }
}
