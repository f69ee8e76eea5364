package io.sessionflow.store.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

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

    /** A BIGINT expression of a TIMESTAMP expression's epoch micros, for arithmetic (unlike {@link #micros}). */
    String epochMicros(String timestamp);

    /**
     * Writes a query's rows to a new file itself, where the backend can ({@code COPY ... TO}); returns the rows
     * written, or -1 when the backend cannot, and then has written nothing.
     *
     * @param select     the query, given a template ({@code %s} the time column) of its time column's expression
     * @param withMicros whether times need their microseconds (ticks) or whole seconds suffice (bars)
     */
    long copyToFile(Connection connection, Function<String, String> select, StatementBinder binder,
                    Path out, ExportFormat format, boolean withMicros) throws SQLException;

    /** Serialises concurrent schema creation by several processes, where the backend needs it. */
    void lockSchema(Connection connection) throws SQLException;
}
