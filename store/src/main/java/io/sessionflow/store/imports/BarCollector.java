package io.sessionflow.store.imports;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;

/**
 * Collects and validates the 1-minute bars of one file, whatever its format: minute alignment, high not below low,
 * then every invariant of a bar (through the series builder). {@link #finish} orders the bars by symbol and start
 * and resolves repeated (symbol, start) keys: an identical repeat is dropped and counted as a duplicate; a repeat with
 * different values is a bad row (the first occurrence is kept, the later one reported).
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class BarCollector {

    private final Interval interval;
    private final BarSeries.Builder bars;
    private long[] lines = new long[4096];
    private final RepeatedKeys repeats = new RepeatedKeys();

    /** A collector of 1m bars. */
    BarCollector() {
        this(Interval.ONE_MINUTE);
    }

    /** A collector of {@code interval} bars (1d bars from LEAN daily files, 60m from hour files). */
    BarCollector(Interval interval) {
        this.interval = interval;
        bars = BarSeries.builder(interval, 4096);
    }

    Interval interval() {
        return interval;
    }

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
        return repeats.duplicates();
    }

    /** The good bars ordered by symbol then start, one per key; conflicting repeats are recorded in {@code bad}. */
    BarSeries finish(BadRows bad) {
        BarSeries all = bars.build();
        return repeats.resolve(all, lines, (a, b) -> all.get(a).sameValues(all.get(b)), bad);
    }
}
