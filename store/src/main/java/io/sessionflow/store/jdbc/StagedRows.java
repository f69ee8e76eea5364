package io.sessionflow.store.jdbc;

/**
 * The rows of one write, ready to stage: one value per column of {@link #table()}, in key order. Longs carry INT,
 * BIGINT and TIMESTAMP (epoch micros) columns; absent optional values are the {@link ColumnType} sentinels.
 *
 * <p>Read by the writing thread only.
 */
public interface StagedRows {

    Table table();

    int size();

    long longAt(int row, int column);

    double doubleAt(int row, int column);
}
