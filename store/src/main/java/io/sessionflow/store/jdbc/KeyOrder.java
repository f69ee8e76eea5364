package io.sessionflow.store.jdbc;

import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of a written series in key order: by symbol name, then time, ties kept in series order. Staging in key
 * order keeps each symbol's rows together on disk, which is what makes the grouped read cheap; the tie order is
 * the sequence number of quotes and trades that share a timestamp.
 *
 * <p>Immutable after construction; used by the writing thread only.
 */
final class KeyOrder {

    /** Distinct symbols of the series, sorted. */
    final Symbol[] symbols;
    /** Series row of each position in key order. */
    final int[] rows;
    /** Index into {@link #symbols} of each position in key order. */
    final int[] symbolAt;
    private final long[] timeAt;

    private KeyOrder(Symbol[] symbols, int[] rows, int[] symbolAt, long[] timeAt) {
        this.symbols = symbols;
        this.rows = rows;
        this.symbolAt = symbolAt;
        this.timeAt = timeAt;
    }

    static KeyOrder of(ColumnSeries<?, ?> series) {
        List<Symbol> distinct = series.symbols();
        Symbol[] symbols = distinct.toArray(new Symbol[0]);
        Arrays.sort(symbols);
        Map<Symbol, Integer> rank = new HashMap<>();
        for (int s = 0; s < symbols.length; s++) {
            rank.put(symbols[s], s);
        }
        int n = series.size();
        int[] rankOfRow = new int[n];
        int[] start = new int[symbols.length + 1];
        Symbol last = null;
        int lastRank = -1;
        for (int i = 0; i < n; i++) {
            Symbol s = series.symbol(i);
            if (s != last) {
                last = s;
                lastRank = rank.get(s);
            }
            rankOfRow[i] = lastRank;
            start[lastRank + 1]++;
        }
        for (int s = 0; s < symbols.length; s++) {
            start[s + 1] += start[s];
        }
        int[] rows = new int[n];
        int[] next = Arrays.copyOf(start, symbols.length);
        for (int i = 0; i < n; i++) {
            rows[next[rankOfRow[i]]++] = i;
        }
        for (int s = 0; s < symbols.length; s++) {
            sortByTime(series, rows, start[s], start[s + 1]);
        }
        int[] symbolAt = new int[n];
        long[] timeAt = new long[n];
        for (int p = 0; p < n; p++) {
            symbolAt[p] = rankOfRow[rows[p]];
            timeAt[p] = series.timeMicros(rows[p]);
        }
        return new KeyOrder(symbols, rows, symbolAt, timeAt);
    }

    int size() {
        return rows.length;
    }

    long timeAt(int position) {
        return timeAt[position];
    }

    /**
     * Fails on the first two rows with the same symbol and time.
     *
     * @throws IllegalArgumentException naming the symbol and time
     */
    void requireUniqueKeys(String what) {
        for (int p = 1; p < rows.length; p++) {
            if (symbolAt[p] == symbolAt[p - 1] && timeAt[p] == timeAt[p - 1]) {
                throw new IllegalArgumentException(what + " " + symbols[symbolAt[p]] + " "
                        + Micros.toInstant(timeAt[p]) + " appears twice in one write");
            }
        }
    }

    /** The sequence of each position among rows with equal symbol and time: 0, 1, ... in series order. */
    int[] sequences() {
        int[] seq = new int[rows.length];
        for (int p = 1; p < rows.length; p++) {
            if (symbolAt[p] == symbolAt[p - 1] && timeAt[p] == timeAt[p - 1]) {
                seq[p] = seq[p - 1] + 1;
            }
        }
        return seq;
    }

    /** Stable sort of {@code rows[from, to)} by time; free when they are already in order, as written series are. */
    private static void sortByTime(ColumnSeries<?, ?> series, int[] rows, int from, int to) {
        for (int p = from + 1; p < to; p++) {
            if (series.timeMicros(rows[p]) < series.timeMicros(rows[p - 1])) {
                Integer[] boxed = Arrays.stream(rows, from, to).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, Comparator.comparingLong(series::timeMicros));
                for (int i = 0; i < boxed.length; i++) {
                    rows[from + i] = boxed[i];
                }
                return;
            }
        }
    }
}
