package io.sessionflow.coordinator;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.util.List;

/**
 * A run of events of one kind, for one or many symbols, already in delivery order (availability time, then
 * symbol, then stream order), validated when built. Batches are what producers put into an {@link EventQueue}.
 *
 * <p>Immutable: one batch may be put into several queues, of one or of several coordinators.
 */
public abstract sealed class EventBatch permits EventBatch.OfSeries, CheckBatch {

    /** Tie order at equal times: the {@link StreamType} ordinals, then completeness checks. */
    static final int CHECK_TYPE = StreamType.values().length;

    final int type;

    EventBatch(int type) {
        this.type = type;
    }

    /** 1m bars ordered by start, then symbol; each is delivered at its end. */
    public static EventBatch bars(BarSeries oneMinute) {
        if (!oneMinute.interval().isOneMinute()) {
            throw new IllegalArgumentException("bar streams carry 1m bars, not " + oneMinute.interval());
        }
        for (int i = 0; i < oneMinute.size(); i++) {
            if (oneMinute.startMicros(i) % Micros.PER_MINUTE != 0) {  // as floorMod's != 0, and cheaper
                throw new IllegalArgumentException("1m bar " + oneMinute.symbol(i) + " "
                        + Micros.toInstant(oneMinute.startMicros(i)) + " does not start on a whole minute");
            }
        }
        requireOrdered(oneMinute);
        return new Bars(oneMinute);
    }

    /** 1m quote bars ordered by start, then symbol; each is delivered at its end. */
    public static EventBatch quoteBars(QuoteBarSeries oneMinute) {
        if (!oneMinute.interval().isOneMinute()) {
            throw new IllegalArgumentException("quote bar streams carry 1m quote bars, not " + oneMinute.interval());
        }
        for (int i = 0; i < oneMinute.size(); i++) {
            if (oneMinute.startMicros(i) % Micros.PER_MINUTE != 0) {
                throw new IllegalArgumentException("1m quote bar " + oneMinute.symbol(i) + " "
                        + Micros.toInstant(oneMinute.startMicros(i)) + " does not start on a whole minute");
            }
        }
        requireOrdered(oneMinute);
        return new QuoteBars(oneMinute);
    }

    /** Quotes ordered by time, then symbol. */
    public static EventBatch quotes(QuoteSeries quotes) {
        requireOrdered(quotes);
        return new Quotes(quotes);
    }

    /** Trades ordered by time, then symbol. */
    public static EventBatch trades(TradeSeries trades) {
        requireOrdered(trades);
        return new Trades(trades);
    }

    public abstract int size();

    /** When event {@code i} becomes available, epoch microseconds. */
    abstract long time(int i);

    abstract Symbol symbol(int i);

    abstract int symbolId(int i);

    abstract List<Symbol> symbolTable();

    /** Hands event {@code i}, whose symbol has channel {@code ch}, to the coordinator's type-specific delivery. */
    abstract void deliver(int i, SymbolChannel ch, Delivery d);

    /** The coordinator's side of {@link #deliver}: one method per kind of batch. */
    interface Delivery {
        void bar(Bars b, int i, SymbolChannel ch);

        void quoteBar(QuoteBars b, int i, SymbolChannel ch);

        void quote(Quotes q, int i, SymbolChannel ch);

        void trade(Trades t, int i, SymbolChannel ch);

        void check(CheckBatch c, int i, SymbolChannel ch);
    }

    private static void requireOrdered(ColumnSeries<?, ?> s) {
        int first = s.firstOutOfTimeThenSymbolOrder();  // ranks, not a string comparison per row
        if (first < 0) {
            return;
        }
        for (int i = first; i < s.size(); i++) {
            long a = s.timeMicros(i - 1);
            long b = s.timeMicros(i);
            if (b < a || (b == a && s.symbol(i).compareTo(s.symbol(i - 1)) < 0)) {
                throw new IllegalArgumentException("events out of delivery order at row " + i + ": "
                        + s.symbol(i - 1) + " " + Micros.toInstant(a) + " then " + s.symbol(i) + " "
                        + Micros.toInstant(b));
            }
        }
    }

    /** A batch that is a columnar series: the merge reads its rows in place. */
    abstract static sealed class OfSeries<S extends ColumnSeries<?, S>> extends EventBatch
            permits Bars, QuoteBars, Quotes, Trades {
        final S series;

        OfSeries(StreamType type, S series) {
            super(type.ordinal());
            this.series = series;
        }

        @Override
        public int size() {
            return series.size();
        }

        @Override
        long time(int i) {
            return series.timeMicros(i);
        }

        @Override
        Symbol symbol(int i) {
            return series.symbol(i);
        }

        @Override
        int symbolId(int i) {
            return series.symbolId(i);
        }

        @Override
        List<Symbol> symbolTable() {
            return series.symbolTable();
        }
    }

    /** 1m bars, available at their end. */
    static final class Bars extends OfSeries<BarSeries> {
        Bars(BarSeries series) {
            super(StreamType.BARS, series);
        }

        @Override
        long time(int i) {
            return series.startMicros(i) + Micros.PER_MINUTE;
        }

        @Override
        void deliver(int i, SymbolChannel ch, Delivery d) {
            d.bar(this, i, ch);
        }
    }

    /** 1m quote bars, available at their end like trade bars. */
    static final class QuoteBars extends OfSeries<QuoteBarSeries> {
        QuoteBars(QuoteBarSeries series) {
            super(StreamType.QUOTE_BARS, series);
        }

        @Override
        long time(int i) {
            return series.startMicros(i) + Micros.PER_MINUTE;
        }

        @Override
        void deliver(int i, SymbolChannel ch, Delivery d) {
            d.quoteBar(this, i, ch);
        }
    }

    /** Quotes. */
    static final class Quotes extends OfSeries<QuoteSeries> {
        Quotes(QuoteSeries series) {
            super(StreamType.QUOTES, series);
        }

        @Override
        void deliver(int i, SymbolChannel ch, Delivery d) {
            d.quote(this, i, ch);
        }
    }

    /** Trades. */
    static final class Trades extends OfSeries<TradeSeries> {
        Trades(TradeSeries series) {
            super(StreamType.TRADES, series);
        }

        @Override
        void deliver(int i, SymbolChannel ch, Delivery d) {
            d.trade(this, i, ch);
        }
    }
}
