package io.sessionflow.domain;

import java.util.Arrays;
import java.util.Collection;
import java.util.Objects;

/**
 * An immutable columnar list of quote bars of one interval, for one or many symbols, like {@link BarSeries} for
 * trade bars: primitive columns, one {@link QuoteBar} materialised per {@link #get(int)}. An absent side has
 * {@code NaN} prices and size 0 (see {@link QuoteBar}).
 *
 * <p>Immutable after {@link Builder#build()}; safe to share between threads.
 */
public final class QuoteBarSeries extends ColumnSeries<QuoteBar, QuoteBarSeries> {

    private final Interval interval;
    private final double[] bidOpen;
    private final double[] bidHigh;
    private final double[] bidLow;
    private final double[] bidClose;
    private final double[] bidSize;
    private final double[] askOpen;
    private final double[] askHigh;
    private final double[] askLow;
    private final double[] askClose;
    private final double[] askSize;
    /** Null when no row has flags. */
    private final int[] flags;

    private QuoteBarSeries(Interval interval, Symbol[] symbols, int[] symbolIndex, long[] start, double[] bidOpen,
            double[] bidHigh, double[] bidLow, double[] bidClose, double[] bidSize, double[] askOpen,
            double[] askHigh, double[] askLow, double[] askClose, double[] askSize,
                           int[] flags, int from, int to) {
        super(symbols, symbolIndex, start, from, to);
        this.interval = interval;
        this.bidOpen = bidOpen;
        this.bidHigh = bidHigh;
        this.bidLow = bidLow;
        this.bidClose = bidClose;
        this.bidSize = bidSize;
        this.askOpen = askOpen;
        this.askHigh = askHigh;
        this.askLow = askLow;
        this.askClose = askClose;
        this.askSize = askSize;
        this.flags = flags;
    }

    public static Builder builder(Interval interval) {
        return new Builder(interval, 64);
    }

    public static Builder builder(Interval interval, int expectedRows) {
        return new Builder(interval, expectedRows);
    }

    public static QuoteBarSeries empty(Interval interval) {
        return builder(interval, 0).build();
    }

    /** A series of the given quote bars, in the given order; every one must have {@code interval}. */
    public static QuoteBarSeries of(Interval interval, Collection<QuoteBar> bars) {
        Builder b = builder(interval, bars.size());
        bars.forEach(b::add);
        return b.build();
    }

    public Interval interval() {
        return interval;
    }

    @Override
    public QuoteBar get(int i) {
        int r = row(i);
        return new QuoteBar(symbols[symbolIndex[r]], Micros.toInstant(time[r]), interval, bidOpen[r], bidHigh[r],
                bidLow[r], bidClose[r], bidSize[r], askOpen[r], askHigh[r], askLow[r], askClose[r], askSize[r],
                flags == null ? 0 : flags[r]);
    }

    public long startMicros(int i) {
        return time[row(i)];
    }

    /** When row {@code i} becomes available: its start plus the interval. */
    public long endMicros(int i) {
        return time[row(i)] + interval.micros();
    }

    public double bidOpen(int i) {
        return bidOpen[row(i)];
    }

    public double bidHigh(int i) {
        return bidHigh[row(i)];
    }

    public double bidLow(int i) {
        return bidLow[row(i)];
    }

    public double bidClose(int i) {
        return bidClose[row(i)];
    }

    public double bidSize(int i) {
        return bidSize[row(i)];
    }

    public double askOpen(int i) {
        return askOpen[row(i)];
    }

    public double askHigh(int i) {
        return askHigh[row(i)];
    }

    public double askLow(int i) {
        return askLow[row(i)];
    }

    public double askClose(int i) {
        return askClose[row(i)];
    }

    public double askSize(int i) {
        return askSize[row(i)];
    }

    public int flags(int i) {
        return flags == null ? 0 : flags[row(i)];
    }

    @Override
    QuoteBarSeries view(int fromRow, int toRow) {
        return new QuoteBarSeries(interval, symbols, symbolIndex, time, bidOpen, bidHigh, bidLow, bidClose, bidSize,
                askOpen, askHigh, askLow, askClose, askSize, flags, fromRow, toRow);
    }

    @Override
    QuoteBarSeries select(int[] rows) {
        return new QuoteBarSeries(interval, symbols, pickInts(symbolIndex, rows), pickLongs(time, rows),
                pickDoubles(bidOpen, rows), pickDoubles(bidHigh, rows), pickDoubles(bidLow, rows),
                        pickDoubles(bidClose, rows), pickDoubles(bidSize, rows), pickDoubles(askOpen, rows),
                        pickDoubles(askHigh, rows), pickDoubles(askLow, rows), pickDoubles(askClose, rows),
                        pickDoubles(askSize, rows), flags == null ? null : pickInts(flags, rows), 0, rows.length);
    }

    /**
     * Accumulates rows column by column; every row is validated like a {@link QuoteBar}. The flags column is only
     * allocated once a row carries flags.
     *
     * <p>Not thread-safe: one thread builds, then publishes the built series.
     */
    public static final class Builder {
        private final Interval interval;
        private final SymbolTable symbolTable = new SymbolTable();
        private int size;
        private int[] symbolIndex;
        private long[] start;
        private double[] bidOpen;
        private double[] bidHigh;
        private double[] bidLow;
        private double[] bidClose;
        private double[] bidSize;
        private double[] askOpen;
        private double[] askHigh;
        private double[] askLow;
        private double[] askClose;
        private double[] askSize;
        private int[] flags;

        private Builder(Interval interval, int capacity) {
            this.interval = Objects.requireNonNull(interval, "interval");
            int c = Math.max(capacity, 1);
            symbolIndex = new int[c];
            start = new long[c];
            bidOpen = new double[c];
            bidHigh = new double[c];
            bidLow = new double[c];
            bidClose = new double[c];
            bidSize = new double[c];
            askOpen = new double[c];
            askHigh = new double[c];
            askLow = new double[c];
            askClose = new double[c];
            askSize = new double[c];
        }

        public Builder add(QuoteBar q) {
            if (!q.interval().equals(interval)) {
                throw new IllegalArgumentException("quote bar " + q.symbol() + " " + q.start() + " has interval "
                        + q.interval() + ", this series holds " + interval);
            }
            return add(q.symbol(), Micros.of(q.start()), q.bidOpen(), q.bidHigh(), q.bidLow(), q.bidClose(),
                    q.bidSize(), q.askOpen(), q.askHigh(), q.askLow(), q.askClose(), q.askSize(), q.flags());
        }

        /** Adds a row without flags: bid open, high, low, close, size, then the same for the ask. */
        public Builder add(Symbol symbol, long startMicros, double bo, double bh, double bl, double bc, double bs,
                double ao, double ah, double al, double ac, double as) {
            return add(symbol, startMicros, bo, bh, bl, bc, bs, ao, ah, al, ac, as, 0);
        }

        public Builder add(Symbol symbol, long startMicros, double bo, double bh, double bl, double bc, double bs,
                double ao, double ah, double al, double ac, double as, int rowFlags) {
            Objects.requireNonNull(symbol, "symbol");
            QuoteBar.check(symbol, startMicros, bo, bh, bl, bc, bs, ao, ah, al, ac, as, rowFlags);
            if (size == start.length) {
                grow();
            }
            symbolIndex[size] = symbolTable.indexOf(symbol);
            start[size] = startMicros;
            bidOpen[size] = bo;
            bidHigh[size] = bh;
            bidLow[size] = bl;
            bidClose[size] = bc;
            bidSize[size] = bs;
            askOpen[size] = ao;
            askHigh[size] = ah;
            askLow[size] = al;
            askClose[size] = ac;
            askSize[size] = as;
            if (rowFlags != 0 || flags != null) {
                if (flags == null) {
                    flags = new int[start.length];
                }
                flags[size] = rowFlags;
            }
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public QuoteBarSeries build() {
            return new QuoteBarSeries(interval, symbolTable.toArray(), Arrays.copyOf(symbolIndex, size),
                    Arrays.copyOf(start, size), Arrays.copyOf(bidOpen, size), Arrays.copyOf(bidHigh, size),
                            Arrays.copyOf(bidLow, size), Arrays.copyOf(bidClose, size), Arrays.copyOf(bidSize, size),
                            Arrays.copyOf(askOpen, size), Arrays.copyOf(askHigh, size), Arrays.copyOf(askLow, size),
                            Arrays.copyOf(askClose, size), Arrays.copyOf(askSize, size),
                    flags == null ? null : Arrays.copyOf(flags, size), 0, size);
        }

        private void grow() {
            int min = size + 1;
            symbolIndex = growInts(symbolIndex, min);
            start = growLongs(start, min);
            bidOpen = growDoubles(bidOpen, min);
            bidHigh = growDoubles(bidHigh, min);
            bidLow = growDoubles(bidLow, min);
            bidClose = growDoubles(bidClose, min);
            bidSize = growDoubles(bidSize, min);
            askOpen = growDoubles(askOpen, min);
            askHigh = growDoubles(askHigh, min);
            askLow = growDoubles(askLow, min);
            askClose = growDoubles(askClose, min);
            askSize = growDoubles(askSize, min);
            if (flags != null) {
                flags = growInts(flags, min);
            }
        }
    }
}
