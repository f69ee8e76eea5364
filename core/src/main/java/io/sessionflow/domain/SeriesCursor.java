package io.sessionflow.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A reusable pointer at one row of a columnar series: what the coordinator hands the listeners that read ticks in
 * place ({@link QuoteView}, {@link TradeView}). Pointing allocates nothing; the row's instant is made only when asked
 * (and kept while the time stays the same), its value only when asked, once per row however often.
 *
 * <p>Not thread-safe: one owner points it and hands it out for the duration of a call.
 *
 * @param <T> the record a row materialises as
 * @param <S> the series
 */
public abstract class SeriesCursor<T, S extends ColumnSeries<T, S>> {

    S series;
    int row;
    private T value;
    private final LastInstant time = new LastInstant();

    SeriesCursor() {
    }

    /** Points at row {@code row} (an index into the series) of {@code series}. */
    public final void at(S series, int row) {
        this.series = series;
        this.row = row;
        value = null;
    }

    public final Symbol symbol() {
        return series.symbol(row);
    }

    /** The row's time, epoch microseconds: its time without making an {@link Instant}. */
    public final long timeMicros() {
        return series.timeMicros(row);
    }

    /** The row's time; the instant is kept while rows of the same time follow. */
    public final Instant time() {
        return time.of(timeMicros());
    }

    /** The row as a value: the same value until the cursor moves. */
    final T value() {
        if (value == null) {
            Objects.requireNonNull(series, "a cursor pointing nowhere has no row");
            value = series.get(row);
        }
        return value;
    }

    /** A quote row of a {@link QuoteSeries}. */
    public static final class OfQuote extends SeriesCursor<Quote, QuoteSeries> implements QuoteView {
        @Override
        public double bid() {
            return series.bid(row);
        }

        @Override
        public double ask() {
            return series.ask(row);
        }

        @Override
        public double bidSize() {
            return series.bidSize(row);
        }

        @Override
        public double askSize() {
            return series.askSize(row);
        }

        @Override
        public Quote toQuote() {
            return value();
        }
    }

    /** A trade row of a {@link TradeSeries}. */
    public static final class OfTrade extends SeriesCursor<Trade, TradeSeries> implements TradeView {
        @Override
        public double price() {
            return series.price(row);
        }

        @Override
        public double size() {
            return series.tradeSize(row);
        }

        @Override
        public Trade toTrade() {
            return value();
        }
    }
}
