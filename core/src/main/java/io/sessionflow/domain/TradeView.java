package io.sessionflow.domain;

import java.time.Instant;

/**
 * The fields of a trade, read in place: a {@link Trade} value, or the coordinator's cursor on the trade it is
 * delivering ({@link SeriesCursor.OfTrade}), valid only during that call. {@link #toTrade()} gives a value to keep.
 *
 * <p>Threading: as the implementation's.
 */
public interface TradeView {

    Symbol symbol();

    /** The time, epoch microseconds: the time without making an {@link Instant}. */
    long timeMicros();

    Instant time();

    double price();

    double size();

    /** This trade as an immutable value. */
    Trade toTrade();
}
