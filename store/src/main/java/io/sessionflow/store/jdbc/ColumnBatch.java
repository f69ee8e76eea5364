package io.sessionflow.store.jdbc;

/**
 * A block of query result rows, column by column, in the select list's order: an Arrow record batch on DuckDB, rows
 * copied from a {@code ResultSet} on PostgreSQL. Columns are read by bulk copies into Java arrays; a {@code NULL} in
 * an optional column arrives as the {@link ColumnType} sentinel.
 *
 * <p>Owned by one thread at a time; whoever holds it last closes it.
 */
public interface ColumnBatch extends AutoCloseable {

    int rows();

    /** Copies {@code length} values of an {@link ColumnType#INT} column from row {@code from}. */
    void copyInts(int column, int from, int length, int[] target, int at);

    /** Copies {@code length} values of a BIGINT, TIMESTAMP (epoch micros) or optional BIGINT column. */
    void copyLongs(int column, int from, int length, long[] target, int at);

    /** Copies {@code length} values of a DOUBLE or optional DOUBLE column. */
    void copyDoubles(int column, int from, int length, double[] target, int at);

    /** Releases the batch's memory. */
    @Override
    void close();
}
