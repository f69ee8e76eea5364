package io.sessionflow.store.jdbc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the batches of an unordered read into columns grouped by requested symbol (in name order), each symbol's rows
 * ordered by time (then sequence for ticks). The database returns rows in storage order, in which each symbol's rows
 * come as long ordered runs (writes stage rows in key order); this finds the runs while the batches arrive, keeps the
 * batches, and then copies each run into its final place with one bulk copy per column. That replaces an
 * {@code ORDER BY}, which costs DuckDB more than the whole read. Runs that overlap in time fall back to a sort of
 * that symbol's rows, so any storage order gives the right result.
 *
 * <p>The select list is {@code symbol_id, time[, seq], values...}. Rows of symbols that were not requested (the SQL
 * may filter on an id range only) are dropped. Not thread-safe: one reading thread; {@link #close()} releases
 * batches not yet consumed by {@link #finish()}.
 */
final class ColumnGrouper implements BatchSink, AutoCloseable {

    /** Columns assembled by {@link ColumnGrouper#finish()}: symbol rank, time, and the value columns. */
    record Grouped(int size, int[] symbolIndex, long[] time, Object[] values) {
        long[] longs(int valueColumn) {
            return (long[]) values[valueColumn];
        }

        double[] doubles(int valueColumn) {
            return (double[]) values[valueColumn];
        }
    }

    private final int[] rankById;
    private final int symbolCount;
    private final boolean sequenced;
    private final List<ColumnType> valueTypes;
    private final int firstValue;
    private final List<ColumnBatch> batches = new ArrayList<>();
    private final long[] rowsOfRank;

    private int runs;
    private int[] runBatch = new int[64];
    private int[] runFrom = new int[64];
    private int[] runLength = new int[64];
    private int[] runRank = new int[64];
    private long[] runFirstTime = new long[64];
    private long[] runLastTime = new long[64];
    private int[] runFirstSeq = new int[64];
    private int[] runLastSeq = new int[64];

    private int[] ids = new int[0];
    private long[] times = new long[0];
    private int[] seqs = new int[0];

    /**
     * @param rankById  index of each symbol id among the requested symbols, -1 when not requested
     * @param sequenced whether column 2 is a sequence that orders rows with equal times
     * @param types     the select list's types
     */
    ColumnGrouper(int[] rankById, int symbolCount, boolean sequenced, List<ColumnType> types) {
        this.rankById = rankById;
        this.symbolCount = symbolCount;
        this.sequenced = sequenced;
        this.firstValue = sequenced ? 3 : 2;
        this.valueTypes = List.copyOf(types.subList(firstValue, types.size()));
        this.rowsOfRank = new long[symbolCount];
    }

    @Override
    public void accept(ColumnBatch batch) {
        batches.add(batch);
        int b = batches.size() - 1;
        int m = batch.rows();
        if (ids.length < m) {
            ids = new int[m];
            times = new long[m];
            seqs = new int[sequenced ? m : 0];
        }
        batch.copyInts(0, 0, m, ids, 0);
        batch.copyLongs(1, 0, m, times, 0);
        if (sequenced) {
            batch.copyInts(2, 0, m, seqs, 0);
        }
        int i = 0;
        while (i < m) {
            int rank = rankOf(ids[i]);
            if (rank < 0) {
                i++;
                continue;
            }
            int j = i + 1;
            while (j < m && ids[j] == ids[i] && before(times[j - 1], seq(j - 1), times[j], seq(j))) {
                j++;
            }
            addRun(b, i, j - i, rank);
            i = j;
        }
    }

    /** Copies the runs into their final places and releases the batches. */
    Grouped finish() {
        long total = Arrays.stream(rowsOfRank).sum();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("a read of " + total + " rows does not fit one series");
        }
        int n = (int) total;
        // Plan: where each run goes, and which symbols' runs overlap in time (and need a sort after the copy).
        int[] order = runsByRank();
        int[] runAt = new int[runs];
        int[] symbolIndex = new int[n];
        List<int[]> unordered = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < runs; ) {
            int rank = runRank[order[k]];
            int from = at;
            boolean ordered = true;
            for (int first = k; k < runs && runRank[order[k]] == rank; k++) {
                int r = order[k];
                if (k > first) {
                    int prev = order[k - 1];
                    ordered &= before(runLastTime[prev], runLastSeq[prev], runFirstTime[r], runFirstSeq[r]);
                }
                runAt[r] = at;
                at += runLength[r];
            }
            Arrays.fill(symbolIndex, from, at, rank);
            if (!ordered) {
                unordered.add(new int[] {from, at});
            }
        }
        // Copy column by column: one bulk copy per run, one destination array at a time.
        long[] time = new long[n];
        copyRuns(order, runAt, (b, from, len, to) -> b.copyLongs(1, from, len, time, to));
        int[] seq = sequenced ? new int[n] : null;
        if (seq != null) {
            copyRuns(order, runAt, (b, from, len, to) -> b.copyInts(2, from, len, seq, to));
        }
        Object[] values = new Object[valueTypes.size()];
        for (int v = 0; v < values.length; v++) {
            int column = firstValue + v;
            if (valueTypes.get(v).isDouble()) {
                double[] d = new double[n];
                copyRuns(order, runAt, (b, from, len, to) -> b.copyDoubles(column, from, len, d, to));
                values[v] = d;
            } else {
                long[] l = new long[n];
                copyRuns(order, runAt, (b, from, len, to) -> b.copyLongs(column, from, len, l, to));
                values[v] = l;
            }
        }
        close();
        for (int[] segment : unordered) {
            sortSegment(segment[0], segment[1], time, seq, values);
        }
        return new Grouped(n, symbolIndex, time, values);
    }

    /** Copies rows of one column out of a batch. */
    @FunctionalInterface
    private interface RunCopy {
        void copy(ColumnBatch batch, int from, int length, int at);
    }

    private void copyRuns(int[] order, int[] runAt, RunCopy copy) {
        for (int r : order) {
            copy.copy(batches.get(runBatch[r]), runFrom[r], runLength[r], runAt[r]);
        }
    }

    @Override
    public void close() {
        batches.forEach(ColumnBatch::close);
        batches.clear();
    }

    private int rankOf(int id) {
        return id >= 0 && id < rankById.length ? rankById[id] : -1;
    }

    private int seq(int row) {
        return sequenced ? seqs[row] : 0;
    }

    private static boolean before(long t1, int s1, long t2, int s2) {
        return t1 < t2 || (t1 == t2 && s1 < s2);
    }

    private void addRun(int batch, int from, int length, int rank) {
        if (runs == runBatch.length) {
            int c = runs * 2;
            runBatch = Arrays.copyOf(runBatch, c);
            runFrom = Arrays.copyOf(runFrom, c);
            runLength = Arrays.copyOf(runLength, c);
            runRank = Arrays.copyOf(runRank, c);
            runFirstTime = Arrays.copyOf(runFirstTime, c);
            runLastTime = Arrays.copyOf(runLastTime, c);
            runFirstSeq = Arrays.copyOf(runFirstSeq, c);
            runLastSeq = Arrays.copyOf(runLastSeq, c);
        }
        int last = from + length - 1;
        runBatch[runs] = batch;
        runFrom[runs] = from;
        runLength[runs] = length;
        runRank[runs] = rank;
        runFirstTime[runs] = times[from];
        runLastTime[runs] = times[last];
        runFirstSeq[runs] = seq(from);
        runLastSeq[runs] = seq(last);
        runs++;
        rowsOfRank[rank] += length;
    }

    /** Run indices ordered by rank, arrival order within a rank (a stable counting sort). */
    private int[] runsByRank() {
        int[] next = new int[symbolCount + 1];
        for (int r = 0; r < runs; r++) {
            next[runRank[r] + 1]++;
        }
        for (int s = 0; s < symbolCount; s++) {
            next[s + 1] += next[s];
        }
        int[] order = new int[runs];
        for (int r = 0; r < runs; r++) {
            order[next[runRank[r]]++] = r;
        }
        return order;
    }

    /** Sorts rows {@code [from, to)} of every column by time, then sequence. */
    private static void sortSegment(int from, int to, long[] time, int[] seq, Object[] values) {
        Integer[] perm = new Integer[to - from];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = from + i;
        }
        Comparator<Integer> byKey = Comparator.comparingLong(r -> time[r]);
        Arrays.sort(perm, seq == null ? byKey : byKey.thenComparingInt(r -> seq[r]));
        permute(time, perm, from);
        for (Object column : values) {
            if (column instanceof double[] d) {
                permute(d, perm, from);
            } else {
                permute((long[]) column, perm, from);
            }
        }
    }

    private static void permute(double[] column, Integer[] perm, int from) {
        double[] copy = Arrays.copyOfRange(column, from, from + perm.length);
        for (int i = 0; i < perm.length; i++) {
            column[from + i] = copy[perm[i] - from];
        }
    }

    private static void permute(long[] column, Integer[] perm, int from) {
        long[] copy = Arrays.copyOfRange(column, from, from + perm.length);
        for (int i = 0; i < perm.length; i++) {
            column[from + i] = copy[perm[i] - from];
        }
    }
}
