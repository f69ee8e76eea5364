package io.sessionflow.coordinator;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Results of completeness checks, one row per (check time, symbol) that found something: the 1m bars storage
 * supplied for missing minutes (delivered flagged {@link Bar#FILLED}), fill-forward bars ({@link Bar#SYNTHETIC})
 * and the minutes storage lacks too (confirmed missing). The coordinator applies a row when simulated time reaches
 * its check time, after every stream event of that instant: that is when a repair becomes visible.
 *
 * <p>Immutable after {@link Builder#build()}.
 */
public final class CheckBatch extends EventBatch {

    private final long[] time;
    private final Symbol[] symbols;
    private final int[] barFrom;
    private final BarSeries bars;
    private final int[] missingFrom;
    private final long[] missing;
    private final List<Symbol> table;

    private CheckBatch(long[] time, Symbol[] symbols, int[] barFrom, BarSeries bars, int[] missingFrom,
                       long[] missing) {
        super(CHECK_TYPE);
        this.time = time;
        this.symbols = symbols;
        this.barFrom = barFrom;
        this.bars = bars;
        this.missingFrom = missingFrom;
        this.missing = missing;
        this.table = List.of(symbols);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int size() {
        return time.length;
    }

    @Override
    long time(int i) {
        return time[i];
    }

    @Override
    Symbol symbol(int i) {
        return symbols[i];
    }

    @Override
    int symbolId(int i) {
        return i;
    }

    @Override
    List<Symbol> symbolTable() {
        return table;
    }

    @Override
    void deliver(int i, SymbolChannel ch, Delivery d) {
        d.check(this, i, ch);
    }

    /** Row {@code i}'s repair bars (filled and synthetic), ordered by start. */
    BarSeries bars(int i) {
        return bars.subSeries(barFrom[i], barFrom[i + 1]);
    }

    /** Row {@code i}'s confirmed-missing minute starts, epoch microseconds. */
    long[] missing(int i) {
        return Arrays.copyOfRange(missing, missingFrom[i], missingFrom[i + 1]);
    }

    /**
     * Accumulates rows in delivery order (check time, then symbol).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final List<Long> time = new ArrayList<>();
        private final List<Symbol> symbols = new ArrayList<>();
        private final List<Integer> barFrom = new ArrayList<>(List.of(0));
        private final List<Integer> missingFrom = new ArrayList<>(List.of(0));
        private final BarSeries.Builder bars = BarSeries.builder(Interval.ONE_MINUTE);
        private long[] missing = new long[16];
        private int missingCount;

        private Builder() {
        }

        /**
         * Adds the row of {@code symbol} at check time {@code checkMicros}: repair bars (each flagged FILLED or
         * SYNTHETIC, ordered by start) and confirmed-missing minute starts.
         *
         * @throws IllegalArgumentException when rows are out of order or a bar is not a repair bar of the symbol
         */
        public Builder add(long checkMicros, Symbol symbol, List<Bar> repairs, long[] confirmedMissing) {
            int n = time.size();
            if (n > 0 && (checkMicros < time.get(n - 1)
                    || (checkMicros == time.get(n - 1) && symbol.compareTo(symbols.get(n - 1)) <= 0))) {
                throw new IllegalArgumentException("check rows out of order: " + symbol + " at "
                        + Micros.toInstant(checkMicros) + " after " + symbols.get(n - 1) + " at "
                        + Micros.toInstant(time.get(n - 1)));
            }
            long previous = Long.MIN_VALUE;
            for (Bar b : repairs) {
                long start = Micros.of(b.start());
                if (!b.symbol().equals(symbol) || (b.flags() & (Bar.FILLED | Bar.SYNTHETIC)) == 0
                        || start <= previous || start + Micros.PER_MINUTE > checkMicros) {
                    throw new IllegalArgumentException("not a repair bar of " + symbol + " due by "
                            + Micros.toInstant(checkMicros) + ": " + b);
                }
                previous = start;
                bars.add(b);
            }
            for (long m : confirmedMissing) {
                if (missingCount == missing.length) {
                    missing = Arrays.copyOf(missing, missing.length * 2);
                }
                missing[missingCount++] = m;
            }
            time.add(checkMicros);
            symbols.add(symbol);
            barFrom.add(bars.size());
            missingFrom.add(missingCount);
            return this;
        }

        public boolean isEmpty() {
            return time.isEmpty();
        }

        public CheckBatch build() {
            return new CheckBatch(time.stream().mapToLong(Long::longValue).toArray(),
                    symbols.toArray(new Symbol[0]), barFrom.stream().mapToInt(Integer::intValue).toArray(),
                    bars.build(), missingFrom.stream().mapToInt(Integer::intValue).toArray(),
                    Arrays.copyOf(missing, missingCount));
        }
    }
}
