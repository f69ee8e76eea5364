package io.sessionflow.store.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows read from a {@code ResultSet} into Java arrays, for backends without a columnar export.
 *
 * <p>Owned by one thread at a time.
 */
final class ArrayBatch implements ColumnBatch {

    /** Rows per batch: large enough to amortise the per-batch work, small enough to stay in cache. */
    static final int ROWS = 16_384;

    private final Object[] columns;
    private int rows;

    private ArrayBatch(List<ColumnType> types) {
        columns = new Object[types.size()];
        for (int c = 0; c < columns.length; c++) {
            ColumnType t = types.get(c);
            columns[c] = t == ColumnType.INT ? new int[ROWS] : t.isDouble() ? new double[ROWS] : new long[ROWS];
        }
    }

    /** Reads every row of {@code rs}, handing {@code sink} a batch per {@link #ROWS} rows. */
    static void readAll(ResultSet rs, List<ColumnType> types, BatchSink sink) throws SQLException {
        ArrayBatch batch = new ArrayBatch(types);
        while (rs.next()) {
            if (batch.rows == ROWS) {
                sink.accept(batch);
                batch = new ArrayBatch(types);
            }
            for (int c = 0; c < types.size(); c++) {
                batch.set(c, types.get(c), rs);
            }
            batch.rows++;
        }
        if (batch.rows > 0) {
            sink.accept(batch);
        }
    }

    private void set(int c, ColumnType type, ResultSet rs) throws SQLException {
        switch (type) {
            case INT -> ((int[]) columns[c])[rows] = rs.getInt(c + 1);
            case BIGINT, TIMESTAMP -> ((long[]) columns[c])[rows] = rs.getLong(c + 1);
            case DOUBLE -> ((double[]) columns[c])[rows] = rs.getDouble(c + 1);
            case OPTIONAL_BIGINT -> {
                long v = rs.getLong(c + 1);
                ((long[]) columns[c])[rows] = rs.wasNull() ? ColumnType.ABSENT_LONG : v;
            }
            case OPTIONAL_DOUBLE -> {
                double v = rs.getDouble(c + 1);
                ((double[]) columns[c])[rows] = rs.wasNull() ? Double.NaN : v;
            }
        }
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void copyInts(int column, int from, int length, int[] target, int at) {
        System.arraycopy(columns[column], from, target, at, length);
    }

    @Override
    public void copyLongs(int column, int from, int length, long[] target, int at) {
        System.arraycopy(columns[column], from, target, at, length);
    }

    @Override
    public void copyDoubles(int column, int from, int length, double[] target, int at) {
        System.arraycopy(columns[column], from, target, at, length);
    }

    @Override
    public void close() {
        // heap arrays: nothing to release
    }
}
