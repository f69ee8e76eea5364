package io.sessionflow.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * An immutable columnar list of bars of one interval, for one or many symbols. It is what storage returns and what
 * SessionData hands to readers: primitive columns, one {@link Bar} materialised per {@link #get(int)}.
 *
 * <p>Immutable after {@link Builder#build()}; safe to share between threads.
 */
public final class BarSeries extends ColumnSeries<Bar, BarSeries> {

    private final Interval interval;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private final long[] tradeCount;
    private final double[] vwap;
    private final int[] flags;

    private BarSeries(Interval interval, Symbol[] symbols, int[] symbolIndex, long[] start, double[] open,
                      double[] high, double[] low, double[] close, double[] volume, long[] tradeCount, double[] vwap,
                      int[] flags, int from, int to) {
        super(symbols, symbolIndex, start, from, to);
        this.interval = interval;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.tradeCount = tradeCount;
        this.vwap = vwap;
        this.flags = flags;
    }

    public static Builder builder(Interval interval) {
        return new Builder(interval, 64);
    }

    public static Builder builder(Interval interval, int expectedRows) {
        return new Builder(interval, expectedRows);
    }

    public static BarSeries empty(Interval interval) {
        return builder(interval, 0).build();
    }

    /** A series of the given bars, in the given order; every bar must have {@code interval}. */
    public static BarSeries of(Interval interval, Collection<Bar> bars) {
        Builder b = builder(interval, bars.size());
        for (Bar bar : bars) {
            b.add(bar);
        }
        return b.build();
    }

    /**
     * A series over ready columns, which it takes over without copying (the caller must not touch them afterwards):
     * the bulk path of storage reads, where a row-by-row builder costs as much as the read itself. Row {@code r} has
     * symbol {@code symbols[symbolIndex[r]]}; {@code tradeCount} and {@code vwap} may be {@code null} when no row has
     * them. Every row is validated like a {@link Bar}; the series carries no flags.
     *
     * @throws IllegalArgumentException when the columns differ in length, the symbols repeat or a row is invalid
     */
    public static BarSeries ofColumns(Interval interval, Symbol[] symbols, int[] symbolIndex, long[] start,
                                      double[] open, double[] high, double[] low, double[] close, double[] volume,
                                      long[] tradeCount, double[] vwap) {
        Objects.requireNonNull(interval, "interval");
        int n = start.length;
        if (symbolIndex.length != n || open.length != n || high.length != n || low.length != n
                || close.length != n || volume.length != n || (tradeCount != null && tradeCount.length != n)
                || (vwap != null && vwap.length != n)) {
            throw new IllegalArgumentException("bar columns differ in length");
        }
        if (new java.util.HashSet<>(Arrays.asList(symbols)).size() != symbols.length
                || Arrays.asList(symbols).contains(null)) {
            throw new IllegalArgumentException("bar symbols must be distinct and non-null: "
                    + Arrays.toString(symbols));
        }
        for (int r = 0; r < n; r++) {
            int s = symbolIndex[r];
            if (s < 0 || s >= symbols.length) {
                throw new IllegalArgumentException("bar row " + r + " has symbol index " + s + " of "
                        + symbols.length);
            }
            Bar.check(symbols[s], start[r], open[r], high[r], low[r], close[r], volume[r],
                    tradeCount == null ? Bar.NO_TRADE_COUNT : tradeCount[r], vwap == null ? Double.NaN : vwap[r], 0);
        }
        return new BarSeries(interval, symbols.clone(), symbolIndex, start, open, high, low, close, volume,
                tradeCount, vwap, null, 0, n);
    }

    public Interval interval() {
        return interval;
    }

    @Override
    public Bar get(int i) {
        int r = row(i);
        return new Bar(symbols[symbolIndex[r]], Micros.toInstant(time[r]), interval, open[r], high[r], low[r],
                close[r], volume[r], tradeCount == null ? Bar.NO_TRADE_COUNT : tradeCount[r],
                vwap == null ? Double.NaN : vwap[r], flags == null ? 0 : flags[r]);
    }

    /**
     * Row {@code i} as a bar whose start is {@code start}, an instant the caller holds already (a run of bars of one
     * minute then shares one instead of allocating one each).
     *
     * @throws IllegalArgumentException when {@code start} is not the row's start
     */
    public Bar get(int i, Instant start) {
        int r = row(i);
        if (Micros.of(start) != time[r]) {
            throw new IllegalArgumentException("row " + i + " starts at " + Micros.toInstant(time[r]) + ", not "
                    + start);
        }
        return new Bar(symbols[symbolIndex[r]], start, interval, open[r], high[r], low[r], close[r], volume[r],
                tradeCount == null ? Bar.NO_TRADE_COUNT : tradeCount[r], vwap == null ? Double.NaN : vwap[r],
                flags == null ? 0 : flags[r]);
    }

    public long startMicros(int i) {
        return time[row(i)];
    }

    /** When row {@code i} becomes available: its start plus the interval. */
    public long endMicros(int i) {
        return time[row(i)] + interval.micros();
    }

    public double open(int i) {
        return open[row(i)];
    }

    public double high(int i) {
        return high[row(i)];
    }

    public double low(int i) {
        return low[row(i)];
    }

    public double close(int i) {
        return close[row(i)];
    }

    public double volume(int i) {
        return volume[row(i)];
    }

    public long tradeCount(int i) {
        return tradeCount == null ? Bar.NO_TRADE_COUNT : tradeCount[row(i)];
    }

    public double vwap(int i) {
        return vwap == null ? Double.NaN : vwap[row(i)];
    }

    public int flags(int i) {
        return flags == null ? 0 : flags[row(i)];
    }

    /** A copy sorted by symbol, then start; stable. Returns this series when it is already in that order. */
    public BarSeries sortedBySymbolThenStart() {
        if (isSymbolThenTimeOrdered()) {
            return this;  // what storage returns: checked with int ranks, not a comparator per row
        }
        Comparator<Integer> order = Comparator.<Integer, Symbol>comparing(r -> symbols[symbolIndex[r]])
                .thenComparingLong(r -> time[r]);
        return sorted(order);
    }

    /** A copy sorted by start, then symbol; stable. Returns this series when it is already in that order. */
    public BarSeries sortedByStartThenSymbol() {
        return sortedByTimeThenSymbol();
    }

    private BarSeries sorted(Comparator<Integer> order) {
        boolean ordered = true;
        for (int r = from + 1; r < to && ordered; r++) {
            ordered = order.compare(r - 1, r) <= 0;
        }
        if (ordered) {
            return this;
        }
        int[] rows = IntStream.range(from, to).boxed().sorted(order).mapToInt(Integer::intValue).toArray();
        return select(rows);
    }

    @Override
    BarSeries view(int fromRow, int toRow) {
        return new BarSeries(interval, symbols, symbolIndex, time, open, high, low, close, volume, tradeCount, vwap,
                flags, fromRow, toRow);
    }

    @Override
    BarSeries select(int[] rows) {
        return new BarSeries(interval, symbols, pickInts(symbolIndex, rows), pickLongs(time, rows),
                pickDoubles(open, rows), pickDoubles(high, rows), pickDoubles(low, rows), pickDoubles(close, rows),
                pickDoubles(volume, rows), tradeCount == null ? null : pickLongs(tradeCount, rows),
                vwap == null ? null : pickDoubles(vwap, rows), flags == null ? null : pickInts(flags, rows),
                0, rows.length);
    }

    /**
     * Accumulates rows column by column. Every row is validated like a {@link Bar}. Optional columns (trade count,
     * VWAP, flags) are only allocated once a row carries them.
     *
     * <p>Not thread-safe: one thread builds, then publishes the built series.
     */
    public static final class Builder {
        private final Interval interval;
        private final SymbolTable symbolTable = new SymbolTable();
        private int size;
        private int[] symbolIndex;
        private long[] start;
        private double[] open;
        private double[] high;
        private double[] low;
        private double[] close;
        private double[] volume;
        private long[] tradeCount;
        private double[] vwap;
        private int[] flags;

        private Builder(Interval interval, int capacity) {
            this.interval = Objects.requireNonNull(interval, "interval");
            int c = Math.max(capacity, 1);
            symbolIndex = new int[c];
            start = new long[c];
            open = new double[c];
            high = new double[c];
            low = new double[c];
            close = new double[c];
            volume = new double[c];
        }

        public Builder add(Bar bar) {
            if (!bar.interval().equals(interval)) {
                throw new IllegalArgumentException("bar " + bar.symbol() + " " + bar.start() + " has interval "
                        + bar.interval() + ", this series holds " + interval);
            }
            return add(bar.symbol(), Micros.of(bar.start()), bar.open(), bar.high(), bar.low(), bar.close(),
                    bar.volume(), bar.tradeCount(), bar.vwap(), bar.flags());
        }

        public Builder add(Symbol symbol, long startMicros, double o, double h, double l, double c, double v) {
            return add(symbol, startMicros, o, h, l, c, v, Bar.NO_TRADE_COUNT, Double.NaN, 0);
        }

        public Builder add(Symbol symbol, long startMicros, double o, double h, double l, double c, double v,
                           long trades, double vw, int barFlags) {
            Objects.requireNonNull(symbol, "symbol");
            Bar.check(symbol, startMicros, o, h, l, c, v, trades, vw, barFlags);
            if (size == start.length) {
                grow();
            }
            symbolIndex[size] = symbolTable.indexOf(symbol);
            start[size] = startMicros;
            open[size] = o;
            high[size] = h;
            low[size] = l;
            close[size] = c;
            volume[size] = v;
            if (trades != Bar.NO_TRADE_COUNT || tradeCount != null) {
                tradeCount = optionalLongs(tradeCount, Bar.NO_TRADE_COUNT);
                tradeCount[size] = trades;
            }
            if (!Double.isNaN(vw) || vwap != null) {
                vwap = optionalDoubles(vwap);
                vwap[size] = vw;
            }
            if (barFlags != 0 || flags != null) {
                flags = optionalInts(flags);
                flags[size] = barFlags;
            }
            size++;
            return this;
        }

        public int size() {
            return size;
        }

        public BarSeries build() {
            return new BarSeries(interval, symbolTable.toArray(), Arrays.copyOf(symbolIndex, size),
                    Arrays.copyOf(start, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
                    Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size),
                    tradeCount == null ? null : Arrays.copyOf(tradeCount, size),
                    vwap == null ? null : Arrays.copyOf(vwap, size),
                    flags == null ? null : Arrays.copyOf(flags, size), 0, size);
        }

        private void grow() {
            int min = size + 1;
            symbolIndex = growInts(symbolIndex, min);
            start = growLongs(start, min);
            open = growDoubles(open, min);
            high = growDoubles(high, min);
            low = growDoubles(low, min);
            close = growDoubles(close, min);
            volume = growDoubles(volume, min);
            if (tradeCount != null) {
                tradeCount = growLongs(tradeCount, min);
            }
            if (vwap != null) {
                vwap = growDoubles(vwap, min);
            }
            if (flags != null) {
                flags = growInts(flags, min);
            }
        }

        private long[] optionalLongs(long[] column, long absent) {
            if (column != null) {
                return column;
            }
            long[] c = new long[start.length];
            Arrays.fill(c, 0, size, absent);
            return c;
        }

        private double[] optionalDoubles(double[] column) {
            if (column != null) {
                return column;
            }
            double[] c = new double[start.length];
            Arrays.fill(c, 0, size, Double.NaN);
            return c;
        }

        private int[] optionalInts(int[] column) {
            return column != null ? column : new int[start.length];
        }
    }
}
