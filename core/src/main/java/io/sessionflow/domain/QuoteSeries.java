package io.sessionflow.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An immutable columnar list of quotes, for one or many symbols.
 *
 * <p>Immutable after {@link Builder#build()}; safe to share between threads.
 */
public final class QuoteSeries extends ColumnSeries<Quote, QuoteSeries> {

    private final double[] bid;
    private final double[] ask;
    private final double[] bidSize;
    private final double[] askSize;

    private QuoteSeries(Symbol[] symbols, int[] symbolIndex, long[] time, double[] bid, double[] ask, double[] bidSize,
                        double[] askSize, int from, int to) {
        super(symbols, symbolIndex, time, from, to);
        this.bid = bid;
        this.ask = ask;
        this.bidSize = bidSize;
        this.askSize = askSize;
    }

    public static Builder builder() {
        return new Builder(64);
    }

    public static Builder builder(int expectedRows) {
        return new Builder(expectedRows);
    }

    public static QuoteSeries empty() {
        return builder(0).build();
    }

    public static QuoteSeries of(Collection<Quote> quotes) {
        Builder b = builder(quotes.size());
        quotes.forEach(b::add);
        return b.build();
    }

    @Override
    public Quote get(int i) {
        int r = row(i);
        return new Quote(symbols[symbolIndex[r]], Micros.toInstant(time[r]), bid[r], ask[r], bidSize[r], askSize[r]);
    }

    public double bid(int i) {
        return bid[row(i)];
    }

    public double ask(int i) {
        return ask[row(i)];
    }

    public double bidSize(int i) {
        return bidSize[row(i)];
    }

    public double askSize(int i) {
        return askSize[row(i)];
    }

    @Override
    QuoteSeries view(int fromRow, int toRow) {
        return new QuoteSeries(symbols, symbolIndex, time, bid, ask, bidSize, askSize, fromRow, toRow);
    }

    @Override
    QuoteSeries select(int[] rows) {
        return new QuoteSeries(symbols, pickInts(symbolIndex, rows), pickLongs(time, rows), pickDoubles(bid, rows),
                pickDoubles(ask, rows), pickDoubles(bidSize, rows), pickDoubles(askSize, rows), 0, rows.length);
    }

    /**
     * Accumulates quotes; every row is validated like a {@link Quote}.
     *
     * <p>Not thread-safe: one thread builds, then publishes the built series.
     */
    public static final class Builder {
        private final SymbolTable symbolTable = new SymbolTable();
        private int size;
        private int[] symbolIndex;
        private long[] time;
        private double[] bid;
        private double[] ask;
        private double[] bidSize;
        private double[] askSize;

        private Builder(int capacity) {
            int c = Math.max(capacity, 1);
            symbolIndex = new int[c];
            time = new long[c];
            bid = new double[c];
            ask = new double[c];
            bidSize = new double[c];
            askSize = new double[c];
        }

        public Builder add(Quote q) {
            return add(q.symbol(), Micros.of(q.time()), q.bid(), q.ask(), q.bidSize(), q.askSize());
        }

        public Builder add(Symbol symbol, long timeMicros, double b, double a, double bs, double as) {
            Objects.requireNonNull(symbol, "symbol");
            Quote.check(symbol, timeMicros, b, a, bs, as);
            if (size == time.length) {
                int min = size + 1;
                symbolIndex = growInts(symbolIndex, min);
                time = growLongs(time, min);
                bid = growDoubles(bid, min);
                ask = growDoubles(ask, min);
                bidSize = growDoubles(bidSize, min);
                askSize = growDoubles(askSize, min);
            }
            symbolIndex[size] = symbolTable.indexOf(symbol);
            time[size] = timeMicros;
            bid[size] = b;
            ask[size] = a;
            bidSize[size] = bs;
            askSize[size] = as;
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public QuoteSeries build() {
            return new QuoteSeries(symbolTable.toArray(), Arrays.copyOf(symbolIndex, size), Arrays.copyOf(time, size),
                    Arrays.copyOf(bid, size), Arrays.copyOf(ask, size), Arrays.copyOf(bidSize, size),
                    Arrays.copyOf(askSize, size), 0, size);
        }
    }
}
