package io.sessionflow.store.imports;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Collects and validates the 1-minute bars of one file, whatever its format: minute alignment, high not below low,
 * then every invariant of a bar (through the series builder). {@link #finish} orders the bars by symbol and start
 * and resolves repeated (symbol, start) keys: an identical repeat is dropped and counted as a duplicate; a repeat with
 * different values is a bad row (the first occurrence is kept, the later one reported).
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class BarCollector {

    private final BarSeries.Builder bars = BarSeries.builder(Interval.ONE_MINUTE, 4096);
    private long[] lines = new long[4096];
    private long duplicates;

    void add(long line, Symbol symbol, long startMicros, double open, double high, double low, double close,
             double volume, long tradeCount, double vwap) throws BadRow {
        if (Math.floorMod(startMicros, Micros.PER_MINUTE) != 0) {
            throw new BadRow("bar start " + Micros.toInstant(startMicros) + " is not on a whole minute");
        }
        if (high < low) {
            throw new BadRow("high " + high + " is below low " + low);
        }
        int row = bars.size();
        try {
            bars.add(symbol, startMicros, open, high, low, close, volume, tradeCount, vwap, 0);
        } catch (IllegalArgumentException e) {
            throw new BadRow(e.getMessage());
        }
        if (row == lines.length) {
            lines = Arrays.copyOf(lines, row * 2);
        }
        lines[row] = line;
    }

    /** Identical repeats dropped by {@link #finish}. */
    long duplicates() {
        return duplicates;
    }

    /** The good bars ordered by symbol then start, one per key; conflicting repeats are recorded in {@code bad}. */
    BarSeries finish(BadRows bad) {
        BarSeries all = bars.build();
        int n = all.size();
        Comparator<Integer> byKey = Comparator.<Integer, Symbol>comparing(all::symbol)
                .thenComparingLong(all::startMicros);
        boolean ordered = true;
        for (int r = 1; r < n && ordered; r++) {
            ordered = byKey.compare(r - 1, r) < 0;
        }
        if (ordered) {
            return all;  // the usual file: one symbol, ascending times, no repeats
        }
        // the sort is stable, so among equal keys the first line in the file comes first and is the one kept
        int[] order = IntStream.range(0, n).boxed().sorted(byKey).mapToInt(Integer::intValue).toArray();
        BarSeries.Builder out = BarSeries.builder(Interval.ONE_MINUTE, n);
        int kept = -1;
        for (int r : order) {
            if (kept >= 0 && all.symbol(kept).equals(all.symbol(r)) && all.startMicros(kept) == all.startMicros(r)) {
                if (all.get(kept).sameValues(all.get(r))) {
                    duplicates++;
                } else {
                    bad.add(lines[r], "duplicate of line " + lines[kept] + " (" + all.symbol(r) + " "
                            + Micros.toInstant(all.startMicros(r)) + ") with different values");
                }
                continue;
            }
            kept = r;
            out.add(all.symbol(r), all.startMicros(r), all.open(r), all.high(r), all.low(r), all.close(r),
                    all.volume(r), all.tradeCount(r), all.vwap(r), 0);
        }
        return out.build();
    }
}
