package io.sessionflow.domain;

import java.time.Instant;

/**
 * The fields of an OHLCV bar, read in place: a {@link Bar} value, or a {@link BarBuffer} that the coordinator fills
 * with each bar it delivers, so that a listener reading bars allocates nothing per bar. {@link #toBar()} gives a
 * value to keep.
 *
 * <p>Threading: as the implementation's; a {@link BarBuffer} handed to a listener is valid only during that call.
 */
public interface BarView {

    Symbol symbol();

    /** The start, epoch microseconds: the start without making an {@link Instant}. */
    long startMicros();

    Instant start();

    Interval interval();

    double open();

    double high();

    double low();

    double close();

    double volume();

    /** {@link Bar#NO_TRADE_COUNT} when the source does not give it. */
    long tradeCount();

    /** NaN when the source does not give it. */
    double vwap();

    /** {@link Bar#FILLED}, {@link Bar#SYNTHETIC}, {@link Bar#REVISED}, {@link Bar#PARTIAL}. */
    int flags();

    /** This bar as an immutable value. */
    Bar toBar();

    default boolean hasTradeCount() {
        return tradeCount() != Bar.NO_TRADE_COUNT;
    }

    default boolean hasVwap() {
        return !Double.isNaN(vwap());
    }

    default boolean isFilled() {
        return (flags() & Bar.FILLED) != 0;
    }

    default boolean isSynthetic() {
        return (flags() & Bar.SYNTHETIC) != 0;
    }

    default boolean isRevised() {
        return (flags() & Bar.REVISED) != 0;
    }

    default boolean isPartial() {
        return (flags() & Bar.PARTIAL) != 0;
    }
}
