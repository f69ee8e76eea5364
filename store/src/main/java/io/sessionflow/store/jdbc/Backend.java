package io.sessionflow.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * What the shared SQL code asks of a backend: the hooks {@link JdbcStore} declares, seen by the parts it is made of.
 *
 * <p>Implementations are thread-safe: every call brings the connection it works on.
 */
interface Backend {

    /** A connection with auto-commit off, for the calling thread only until {@link #release}. */
    Connection acquire() throws SQLException;

    /** Gives back a connection from {@link #acquire()}; its transaction is already committed or rolled back. */
    void release(Connection connection);

    /** Loads {@code rows} into the empty temporary table {@code rows.table().stageName()}. */
    void stage(Connection connection, StagedRows rows) throws SQLException;

    /** Runs a query and hands its result to {@code sink} in batches; TIMESTAMP columns come through {@link #micros}. */
    void query(Connection connection, String sql, StatementBinder binder, List<ColumnType> types, BatchSink sink)
            throws SQLException;

    /** The select-list expression that delivers a TIMESTAMP expression to {@link #query} as epoch micros. */
    String micros(String timestamp);

    /** Serialises concurrent schema creation by several processes, where the backend needs it. */
    void lockSchema(Connection connection) throws SQLException;
}
