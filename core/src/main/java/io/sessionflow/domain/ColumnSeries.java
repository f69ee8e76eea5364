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
 */
public abstract sealed class ColumnSeries<T, S extends ColumnSeries<T, S>> extends AbstractList<T> implements RandomAccess
        permits BarSeries, QuoteSeries, TradeSeries {

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
