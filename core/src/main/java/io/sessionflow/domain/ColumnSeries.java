package io.sessionflow.domain;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * What the columnar series share: a symbol dictionary, one time column in epoch microseconds and a view
 * {@code [from, to)} over the columns. Columns are never written after construction.
 *
 * @param <T> the record a row materialises as
 * @param <S> the concrete series type, returned by views
 *
 * <p>Immutable (views share never-written columns); safe to share between threads.
 */
public abstract sealed class ColumnSeries<T, S extends ColumnSeries<T, S>> extends AbstractList<T> implements RandomAccess
        permits BarSeries, QuoteBarSeries, QuoteSeries, TradeSeries {

    final Symbol[] symbols;
    final int[] symbolIndex;
    final long[] time;
    final int from;
    final int to;

    ColumnSeries(Symbol[] symbols, int[] symbolIndex, long[] time, int from, int to) {
        if (from < 0 || to > time.length || from > to) {
            throw new IndexOutOfBoundsException("view [" + from + ", " + to + ") of " + time.length + " rows");
        }
        this.symbols = symbols;
        this.symbolIndex = symbolIndex;
        this.time = time;
        this.from = from;
        this.to = to;
    }

    @Override
    public final int size() {
        return to - from;
    }

    /** The symbol of row {@code i}. */
    public final Symbol symbol(int i) {
        return symbols[symbolIndex[row(i)]];
    }

    /** Index of row {@code i}'s symbol in {@link #symbolTable()}: lets hot loops map symbols once per series. */
    public final int symbolId(int i) {
        return symbolIndex[row(i)];
    }

    /** The series' symbol dictionary; {@link #symbolId(int)} indexes it. May hold symbols no row in a view uses. */
    public final List<Symbol> symbolTable() {
        return List.of(symbols);
    }

    /** The row's time in epoch microseconds: a bar's start, a quote's or trade's own time. */
    public final long timeMicros(int i) {
        return time[row(i)];
    }

    /** Distinct symbols in the order they first appear. */
    public final List<Symbol> symbols() {
        boolean[] seen = new boolean[symbols.length];
        java.util.ArrayList<Symbol> out = new java.util.ArrayList<>();
        for (int r = from; r < to; r++) {
            int s = symbolIndex[r];
            if (!seen[s]) {
                seen[s] = true;
                out.add(symbols[s]);
            }
        }
        return out;
    }

    /**
     * Rows grouped by symbol, each group a view of this series when the rows of a symbol are contiguous, else a
     * copy. Order of the map is the order in which symbols first appear.
     */
    public final Map<Symbol, S> bySymbol() {
        Map<Symbol, S> out = new LinkedHashMap<>();
        int r = from;
        boolean contiguous = true;
        while (r < to) {
            int s = symbolIndex[r];
            int end = r;
            while (end < to && symbolIndex[end] == s) {
                end++;
            }
            if (out.containsKey(symbols[s])) {
                contiguous = false;
                break;
            }
            out.put(symbols[s], view(r, end));
            r = end;
        }
        if (contiguous) {
            return out;
        }
        out.clear();
        int[][] rowsBySymbol = new int[symbols.length][];
        int[] counts = new int[symbols.length];
        for (int i = from; i < to; i++) {
            counts[symbolIndex[i]]++;
        }
        for (int s = 0; s < symbols.length; s++) {
            rowsBySymbol[s] = new int[counts[s]];
        }
        Arrays.fill(counts, 0);
        for (int i = from; i < to; i++) {
            int s = symbolIndex[i];
            rowsBySymbol[s][counts[s]++] = i;
        }
        for (Symbol symbol : symbols()) {
            out.put(symbol, select(rowsBySymbol[indexOf(symbol)]));
        }
        return out;
    }

    /** True when times do not decrease from row to row. */
    public final boolean isTimeOrdered() {
        for (int r = from + 1; r < to; r++) {
            if (time[r] < time[r - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first row (an index into this view) that comes before its predecessor in (time, symbol) order, or -1 when
     * the series is in that order. Symbols compare by their rank in the dictionary, as ints: an ordered series of
     * many symbols per instant costs no string comparison.
     */
    public final int firstOutOfTimeThenSymbolOrder() {
        int[] rank = symbolRanks();
        for (int r = from + 1; r < to; r++) {
            if (compareRows(r - 1, r, rank) > 0) {
                return r - from;
            }
        }
        return -1;
    }

    /** True when rows are grouped by symbol in symbol order, each symbol's times not decreasing. */
    public final boolean isSymbolThenTimeOrdered() {
        int[] rank = symbolRanks();
        for (int r = from + 1; r < to; r++) {
            int a = rank[symbolIndex[r - 1]];
            int b = rank[symbolIndex[r]];
            if (b < a || (a == b && time[r] < time[r - 1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * A copy ordered by time, then symbol, then original order (stable); this series itself when already in that
     * order. Merges the series' time-ordered single-symbol runs, so data read per symbol (symbol, then time) is
     * reordered in O(n log runs).
     */
    @SuppressWarnings("unchecked")
    public final S sortedByTimeThenSymbol() {
        if (firstOutOfTimeThenSymbolOrder() < 0) {
            return (S) this;
        }
        int[] rank = symbolRanks();
        int[] byMinute = countingSortByMinute(rank);
        if (byMinute != null) {
            return select(byMinute);
        }
        int[] runStart = new int[16];
        int runs = 0;
        for (int r = from; r < to; r++) {
            if (r == from || symbolIndex[r] != symbolIndex[r - 1] || time[r] < time[r - 1]) {
                if (runs == runStart.length) {
                    runStart = growInts(runStart, runs + 1);
                }
                runStart[runs++] = r;
            }
        }
        int[] pos = Arrays.copyOf(runStart, runs);
        int[] end = new int[runs];
        for (int k = 0; k < runs; k++) {
            end[k] = k + 1 < runs ? runStart[k + 1] : to;
        }
        // Binary min-heap of run indexes keyed by each run's head row; ties by run index keep the sort stable.
        int[] heap = new int[runs];
        for (int k = 0; k < runs; k++) {
            heap[k] = k;
        }
        for (int k = runs / 2 - 1; k >= 0; k--) {
            siftDown(heap, runs, k, pos, rank);
        }
        int[] order = new int[to - from];
        int n = runs;
        for (int i = 0; i < order.length; i++) {
            int k = heap[0];
            order[i] = pos[k]++;
            if (pos[k] == end[k]) {
                heap[0] = heap[--n];
            }
            siftDown(heap, n, 0, pos, rank);
        }
        return select(order);
    }

    /**
     * The fast path of {@link #sortedByTimeThenSymbol()} for what storage returns: rows grouped by symbol in symbol
     * order, each symbol's times ascending, every time on a whole minute within a span of at most a few minutes per
     * row. A stable counting sort by minute then yields time, then symbol order in two linear passes. Null when the
     * rows are not of that shape.
     */
    private int[] countingSortByMinute(int[] rank) {
        long minute = 60_000_000L;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (int r = from; r < to; r++) {
            long t = time[r];
            if (t % minute != 0) {
                return null;
            }
            if (r > from) {
                int a = rank[symbolIndex[r - 1]];
                int b = rank[symbolIndex[r]];
                if (b < a || (a == b && t <= time[r - 1])) {
                    return null;
                }
            }
            first = Math.min(first, t);
            last = Math.max(last, t);
        }
        long buckets = (last - first) / minute + 1;
        if (buckets > 4L * (to - from) + 1024) {
            return null;
        }
        int[] start = new int[(int) buckets + 1];
        for (int r = from; r < to; r++) {
            start[(int) ((time[r] - first) / minute) + 1]++;
        }
        for (int b = 1; b < start.length; b++) {
            start[b] += start[b - 1];
        }
        int[] order = new int[to - from];
        for (int r = from; r < to; r++) {
            order[start[(int) ((time[r] - first) / minute)]++] = r;
        }
        return order;
    }

    /** Each dictionary entry's position in symbol order: rows then compare as ints, not strings. */
    private int[] symbolRanks() {
        int[] rank = new int[symbols.length];
        boolean sorted = true;
        for (int k = 0; k < rank.length; k++) {
            rank[k] = k;
            sorted &= k == 0 || symbols[k - 1].compareTo(symbols[k]) < 0;
        }
        if (sorted) {
            return rank;  // what storage returns: the dictionary in name order, no sort needed
        }
        Integer[] byName = new Integer[symbols.length];
        for (int k = 0; k < byName.length; k++) {
            byName[k] = k;
        }
        Arrays.sort(byName, (a, b) -> symbols[a].compareTo(symbols[b]));
        for (int k = 0; k < byName.length; k++) {
            rank[byName[k]] = k;
        }
        return rank;
    }

    private void siftDown(int[] heap, int n, int i, int[] pos, int[] rank) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= n) {
                return;
            }
            int c = l + 1 < n && headLess(heap[l + 1], heap[l], pos, rank) ? l + 1 : l;
            if (!headLess(heap[c], heap[i], pos, rank)) {
                return;
            }
            int t = heap[c];
            heap[c] = heap[i];
            heap[i] = t;
            i = c;
        }
    }

    private boolean headLess(int a, int b, int[] pos, int[] rank) {
        int c = compareRows(pos[a], pos[b], rank);
        return c < 0 || (c == 0 && a < b);
    }

    private int compareRows(int a, int b, int[] rank) {
        int c = Long.compare(time[a], time[b]);
        return c != 0 ? c : Integer.compare(rank[symbolIndex[a]], rank[symbolIndex[b]]);
    }

    /** A copy made of rows {@code rows} (indexes into this series), in that order. */
    public final S reorder(int[] rows) {
        int[] absolute = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            absolute[i] = row(rows[i]);
        }
        return select(absolute);
    }

    /** A view of rows {@code [fromRow, toRow)} of this series; shares the columns. */
    public final S subSeries(int fromRow, int toRow) {
        if (fromRow < 0 || toRow > size() || fromRow > toRow) {
            throw new IndexOutOfBoundsException("rows [" + fromRow + ", " + toRow + ") of " + size());
        }
        return view(from + fromRow, from + toRow);
    }

    /** First row whose time is at or after {@code micros}, assuming time-ordered rows; {@code size()} if none. */
    public final int lowerBound(long micros) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo - from;
    }

    final int row(int i) {
        if (i < 0 || i >= to - from) {
            throw new IndexOutOfBoundsException("row " + i + " of " + (to - from));
        }
        return from + i;
    }

    private int indexOf(Symbol symbol) {
        for (int s = 0; s < symbols.length; s++) {
            if (symbols[s].equals(symbol)) {
                return s;
            }
        }
        throw new IllegalArgumentException(symbol.value());
    }

    /** A view over absolute rows {@code [fromRow, toRow)}. */
    abstract S view(int fromRow, int toRow);

    /** A copy made of the given absolute rows, in that order. */
    abstract S select(int[] rows);

    static int[] growInts(int[] a, int min) {
        return Arrays.copyOf(a, Math.max(min, a.length * 2));
    }

    static long[] growLongs(long[] a, int min) {
        return Arrays.copyOf(a, Math.max(min, a.length * 2));
    }

    static double[] growDoubles(double[] a, int min) {
        return Arrays.copyOf(a, Math.max(min, a.length * 2));
    }

    static long[] pickLongs(long[] a, int[] rows) {
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    static double[] pickDoubles(double[] a, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }

    static int[] pickInts(int[] a, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = a[rows[i]];
        }
        return out;
    }
}
