package io.sessionflow.store.imports;

import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Orders the rows one file gave by (symbol, time) and resolves repeated keys, for every kind of bar a collector
 * builds: an identical repeat is dropped and counted, a repeat with other values is a bad row (the first occurrence,
 * in file order, is kept and the later one reported).
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class RepeatedKeys {

    /** Whether rows {@code a} and {@code b} of the series hold the same values. */
    @FunctionalInterface
    interface SameValues {
        boolean same(int a, int b);
    }

    private long duplicates;

    /** Identical repeats dropped so far. */
    long duplicates() {
        return duplicates;
    }

    /**
     * {@code all} in key order, one row per key; {@code lines[r]} is row r's line in the file.
     */
    <S extends ColumnSeries<?, S>> S resolve(S all, long[] lines, SameValues same, BadRows bad) {
        int n = all.size();
        Comparator<Integer> byKey = Comparator.<Integer, Symbol>comparing(all::symbol)
                .thenComparingLong(all::timeMicros);
        boolean ordered = true;
        for (int r = 1; r < n && ordered; r++) {
            ordered = byKey.compare(r - 1, r) < 0;
        }
        if (ordered) {
            return all;  // the usual file: one symbol, ascending times, no repeats
        }
        // the sort is stable, so among equal keys the first line in the file comes first and is the one kept
        int[] order = IntStream.range(0, n).boxed().sorted(byKey).mapToInt(Integer::intValue).toArray();
        int[] keep = new int[n];
        int kept = 0;
        for (int r : order) {
            int last = kept == 0 ? -1 : keep[kept - 1];
            if (last >= 0 && all.symbol(last).equals(all.symbol(r)) && all.timeMicros(last) == all.timeMicros(r)) {
                if (same.same(last, r)) {
                    duplicates++;
                } else {
                    bad.add(lines[r], "duplicate of line " + lines[last] + " (" + all.symbol(r) + " "
                            + Micros.toInstant(all.timeMicros(r)) + ") with different values");
                }
                continue;
            }
            keep[kept++] = r;
        }
        return all.reorder(Arrays.copyOf(keep, kept));
    }
}
