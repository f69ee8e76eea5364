package io.sessionflow.store.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.sessionflow.store.jdbc.BatchSink;
import io.sessionflow.store.jdbc.ColumnType;
import io.sessionflow.store.jdbc.JdbcStore;
import io.sessionflow.store.jdbc.OpenMode;
import io.sessionflow.store.jdbc.StagedRows;
import io.sessionflow.store.jdbc.StatementBinder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The shared-server store: a PostgreSQL database, writes staged with binary COPY, reads through a server-side
 * cursor with a large fetch size.
 *
 * <p>Every call ends within the limits {@link Postgres} sets: the driver's timeouts bound connecting and waiting for
 * the server, {@link WriteTimeout} bounds the bulk writes of a COPY.
 *
 * <p>Thread-safe: each call borrows its own connection from a HikariCP pool; {@link #close()} closes the pool.
 */
final class PostgresStore extends JdbcStore {

    /** Rows per round trip of a read: large, since bulk reads are the prefetch path. */
    static final int FETCH_SIZE = 50_000;

    /** Key of the advisory lock that serialises schema creation by several processes sharing the server. */
    private static final long SCHEMA_LOCK = 0x5E55_1010_F10AL;

    private final HikariDataSource pool;
    private final WriteTimeout writeTimeout;

    /**
     * Takes over {@code pool} (closed on failure) and prepares the schema as {@code mode} says.
     *
     * @param socketTimeoutMillis the driver's socket timeout, which also bounds each write of a COPY
     */
    PostgresStore(HikariDataSource pool, String description, OpenMode mode, long socketTimeoutMillis) {
        super(description);
        this.pool = pool;
        this.writeTimeout = new WriteTimeout(socketTimeoutMillis, description);
        initializeOrClose(mode);
    }

    @Override
    protected Connection acquire() throws SQLException {
        return pool.getConnection();
    }

    @Override
    protected void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // the pool evicts a connection that fails to close; the caller's work is done
        }
    }

    @Override
    protected void stage(Connection connection, StagedRows rows) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + rows.table().stageName() + " FROM STDIN (FORMAT binary)");
        try {
            BinaryCopy.write(rows, (bytes, offset, length) ->
                    writeTimeout.run(connection, () -> copy.writeToCopy(bytes, offset, length)));
            writeTimeout.run(connection, copy::endCopy);
        } catch (SQLException | RuntimeException | Error e) {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException cancel) {
                    e.addSuppressed(cancel);
                }
            }
            throw e;
        }
    }

    @Override
    protected void query(Connection connection, String sql, StatementBinder binder, List<ColumnType> types,
                         BatchSink sink) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setFetchSize(FETCH_SIZE);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                readResultSet(rs, types, sink);
            }
        }
    }

    @Override
    protected String micros(String timestamp) {
        // EXTRACT gives an exact numeric (PostgreSQL 14+) of seconds with six decimals.
        return "(EXTRACT(EPOCH FROM " + timestamp + ") * 1000000)::BIGINT";
    }

    @Override
    protected String epochMicros(String timestamp) {
        return micros(timestamp);
    }

    @Override
    protected void lockSchema(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, SCHEMA_LOCK);
            ps.execute();
        }
    }

    @Override
    protected void closeConnections() {
        pool.close();
        writeTimeout.close();
    }
}
