package io.sessionflow.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An immutable columnar list of trades, for one or many symbols.
 *
 * <p>Immutable after {@link Builder#build()}; safe to share between threads.
 */
public final class TradeSeries extends ColumnSeries<Trade, TradeSeries> {

    private final double[] price;
    private final double[] size;

    private TradeSeries(Symbol[] symbols, int[] symbolIndex, long[] time, double[] price, double[] size, int from,
                        int to) {
        super(symbols, symbolIndex, time, from, to);
        this.price = price;
        this.size = size;
    }

    public static Builder builder() {
        return new Builder(64);
    }

    public static Builder builder(int expectedRows) {
        return new Builder(expectedRows);
    }

    public static TradeSeries empty() {
        return builder(0).build();
    }

    public static TradeSeries of(Collection<Trade> trades) {
        Builder b = builder(trades.size());
        trades.forEach(b::add);
        return b.build();
    }

    @Override
    public Trade get(int i) {
        int r = row(i);
        return new Trade(symbols[symbolIndex[r]], Micros.toInstant(time[r]), price[r], size[r]);
    }

    public double price(int i) {
        return price[row(i)];
    }

    public double tradeSize(int i) {
        return size[row(i)];
    }

    @Override
    TradeSeries view(int fromRow, int toRow) {
        return new TradeSeries(symbols, symbolIndex, time, price, size, fromRow, toRow);
    }

    @Override
    TradeSeries select(int[] rows) {
        return new TradeSeries(symbols, pickInts(symbolIndex, rows), pickLongs(time, rows), pickDoubles(price, rows),
                pickDoubles(size, rows), 0, rows.length);
    }

    /**
     * Accumulates trades; every row is validated like a {@link Trade}.
     *
     * <p>Not thread-safe: one thread builds, then publishes the built series.
     */
    public static final class Builder {
        private final SymbolTable symbolTable = new SymbolTable();
        private int count;
        private int[] symbolIndex;
        private long[] time;
        private double[] price;
        private double[] size;

        private Builder(int capacity) {
            int c = Math.max(capacity, 1);
            symbolIndex = new int[c];
            time = new long[c];
            price = new double[c];
            size = new double[c];
        }

        public Builder add(Trade t) {
            return add(t.symbol(), Micros.of(t.time()), t.price(), t.size());
        }

        public Builder add(Symbol symbol, long timeMicros, double p, double s) {
            Objects.requireNonNull(symbol, "symbol");
            Trade.check(symbol, timeMicros, p, s);
            if (count == time.length) {
                int min = count + 1;
                symbolIndex = growInts(symbolIndex, min);
                time = growLongs(time, min);
                price = growDoubles(price, min);
                size = growDoubles(size, min);
            }
            symbolIndex[count] = symbolTable.indexOf(symbol);
            time[count] = timeMicros;
            price[count] = p;
            size[count] = s;
            count++;
            return this;
        }

        public int size() {
            return count;
        }

        public TradeSeries build() {
            return new TradeSeries(symbolTable.toArray(), Arrays.copyOf(symbolIndex, count), Arrays.copyOf(time, count),
                    Arrays.copyOf(price, count), Arrays.copyOf(size, count), 0, count);
        }
    }
}
