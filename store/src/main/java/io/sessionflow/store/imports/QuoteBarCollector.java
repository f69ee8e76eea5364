package io.sessionflow.store.imports;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;

/**
 * Collects and validates the 1-minute quote bars of one file, as {@link BarCollector} does trade bars: minute
 * alignment, then every invariant of a quote bar (through the series builder). {@link #finish} orders them by symbol
 * and start; an identical repeat of a (symbol, start) key is dropped and counted as a duplicate, a repeat with other
 * values is a bad row (the first occurrence is kept).
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class QuoteBarCollector {

    private final QuoteBarSeries.Builder bars = QuoteBarSeries.builder(Interval.ONE_MINUTE, 4096);
    private long[] lines = new long[4096];
    private final RepeatedKeys repeats = new RepeatedKeys();

    /** Adds one quote bar: bid open, high, low, close, size, then the ask's; an absent side is NaN prices, size 0. */
    void add(long line, Symbol symbol, long startMicros, double[] v) throws BadRow {
        if (Math.floorMod(startMicros, Micros.PER_MINUTE) != 0) {
            throw new BadRow("quote bar start " + Micros.toInstant(startMicros) + " is not on a whole minute");
        }
        int row = bars.size();
        try {
            bars.add(symbol, startMicros, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
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
        return repeats.duplicates();
    }

    /** The good quote bars ordered by symbol then start, one per key; conflicting repeats go to {@code bad}. */
    QuoteBarSeries finish(BadRows bad) {
        QuoteBarSeries all = bars.build();
        return repeats.resolve(all, lines, (a, b) -> all.get(a).sameValues(all.get(b)), bad);
    }
}
