package io.sessionflow.store.duckdb;

import io.sessionflow.store.jdbc.BatchSink;
import io.sessionflow.store.jdbc.Column;
import io.sessionflow.store.jdbc.ColumnType;
import io.sessionflow.store.jdbc.ExportFormat;
import io.sessionflow.store.jdbc.JdbcStore;
import io.sessionflow.store.jdbc.OpenMode;
import io.sessionflow.store.jdbc.StagedRows;
import io.sessionflow.store.jdbc.StatementBinder;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Function;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * The embedded store: one DuckDB file, bulk reads through DuckDB's Arrow export, writes staged with DuckDB's
 * appender. Where the JVM does not let Arrow run ({@link ArrowSupport}), bulk reads go through the plain JDBC result
 * set instead: the same results, more slowly.
 *
 * <p>Thread-safe: each call borrows a connection from a pool of duplicates of one database connection (DuckDB
 * connections are not safe for concurrent use, duplicates share the database), so the loader and the upkeep thread
 * read in parallel; the pool grows to the number of threads calling at once. {@link #close()} closes them all.
 */
final class DuckDbStore extends JdbcStore {

    /** Rows per Arrow batch: measured fastest; larger batches fall out of the CPU caches before they are copied. */
    static final int ARROW_BATCH_ROWS = 16_384;

    private final DuckDBConnection database;
    private final ReadPath readPath;
    /** Arrow's memory, on the Arrow path only: creating it is what fails where Arrow cannot run. */
    private final BufferAllocator allocator;
    private final ConcurrentLinkedDeque<DuckDBConnection> idle = new ConcurrentLinkedDeque<>();
    private final Set<DuckDBConnection> all = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Takes over {@code database} (closed on failure) and prepares the schema as {@code mode} says.
     *
     * @param readPath how bulk reads run; null to use Arrow when the JVM allows it
     */
    DuckDbStore(DuckDBConnection database, String description, OpenMode mode, ReadPath readPath) {
        super(description);
        this.database = database;
        ReadPath path;
        try {
            path = readPath != null ? readPath : ArrowSupport.readPath(database);
        } catch (RuntimeException e) {
            closeQuietly(database);
            throw e;
        }
        this.readPath = path;
        this.allocator = path == ReadPath.ARROW ? new RootAllocator() : null;
        initializeOrClose(mode);
    }

    /** How this store reads bulk results. */
    ReadPath readPath() {
        return readPath;
    }

    @Override
    protected Connection acquire() throws SQLException {
        if (closed) {
            throw new SQLException("the store is closed");
        }
        DuckDBConnection c = idle.poll();
        if (c == null) {
            c = database.duplicate();
            c.setAutoCommit(false);
            all.add(c);
        }
        return c;
    }

    @Override
    protected void release(Connection connection) {
        idle.push((DuckDBConnection) connection);
    }

    @Override
    protected void stage(Connection connection, StagedRows rows) throws SQLException {
        List<Column> columns = rows.table().columns();
        ColumnType[] types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
        try (DuckDBAppender appender = ((DuckDBConnection) connection)
                .createAppender("temp", DuckDBConnection.DEFAULT_SCHEMA, rows.table().stageName())) {
            for (int r = 0; r < rows.size(); r++) {
                appender.beginRow();
                for (int c = 0; c < types.length; c++) {
                    switch (types[c]) {
                        case INT -> appender.append((int) rows.longAt(r, c));
                        case BIGINT -> appender.append(rows.longAt(r, c));
                        case TIMESTAMP -> appender.appendEpochMicros(rows.longAt(r, c));
                        case DOUBLE -> appender.append(rows.doubleAt(r, c));
                        case OPTIONAL_BIGINT -> {
                            long v = rows.longAt(r, c);
                            if (v == ColumnType.ABSENT_LONG) {
                                appender.appendNull();
                            } else {
                                appender.append(v);
                            }
                        }
                        case OPTIONAL_DOUBLE -> {
                            double v = rows.doubleAt(r, c);
                            if (Double.isNaN(v)) {
                                appender.appendNull();
                            } else {
                                appender.append(v);
                            }
                        }
                    }
                }
                appender.endRow();
            }
        }
    }

    @Override
    protected void query(Connection connection, String sql, StatementBinder binder, List<ColumnType> types,
                         BatchSink sink) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            if (readPath == ReadPath.JDBC) {
                try (ResultSet rs = ps.executeQuery()) {
                    readResultSet(rs, types, sink);
                }
                return;
            }
            try (DuckDBResultSet rs = ps.executeQuery().unwrap(DuckDBResultSet.class);
                 ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, ARROW_BATCH_ROWS)) {
                while (reader.loadNextBatch()) {
                    ArrowBatch batch = ArrowBatch.takeOver(reader.getVectorSchemaRoot(), types, allocator);
                    if (batch.rows() == 0) {
                        batch.close();
                    } else {
                        sink.accept(batch);
                    }
                }
            } catch (java.io.IOException e) {
                throw new SQLException("Arrow export failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    protected String micros(String timestamp) {
        // Arrow carries a TIMESTAMP as epoch microseconds already; a JDBC result set needs the number.
        return readPath == ReadPath.ARROW ? timestamp : "epoch_us(" + timestamp + ")";
    }

    @Override
    protected String epochMicros(String timestamp) {
        return "epoch_us(" + timestamp + ")";
    }

    /** DuckDB's {@code COPY (query) TO 'file'}: Parquet with UTC timestamps, or CSV with ISO-8601 UTC text. */
    @Override
    protected long copyToFile(Connection connection, Function<String, String> select, StatementBinder binder,
                              Path out, ExportFormat format, boolean withMicros) throws SQLException {
        String time = format == ExportFormat.PARQUET ? "timezone('UTC', %s)"
                : withMicros ? "strftime(%s, '%%Y-%%m-%%dT%%H:%%M:%%S.%%fZ')"
                : "strftime(%s, '%%Y-%%m-%%dT%%H:%%M:%%SZ')";
        String sql = "COPY (" + select.apply(time) + ") TO " + DuckDb.pathLiteral(out) + " ("
                + (format == ExportFormat.PARQUET ? "FORMAT PARQUET" : "FORMAT CSV, HEADER") + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    @Override
    protected void closeConnections() {
        closed = true;
        for (DuckDBConnection c : all) {
            closeQuietly(c);
        }
        all.clear();
        idle.clear();
        closeQuietly(database);
        if (allocator != null) {
            allocator.close();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // closing: nothing left to do with a connection that fails to close
        }
    }
}
