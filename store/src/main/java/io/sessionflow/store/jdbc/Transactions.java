package io.sessionflow.store.jdbc;

import io.sessionflow.storage.StorageException;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Runs work on one borrowed connection inside one transaction: commit when it returns, roll back when it throws, and
 * a driver failure becomes a one-line {@link StorageException} naming the store and the operation.
 *
 * <p>Thread-safe: every call borrows a connection of its own.
 */
final class Transactions {

    /** Work on one connection inside one transaction. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String description;
    private final Backend backend;

    Transactions(String description, Backend backend) {
        this.description = Objects.requireNonNull(description, "description");
        this.backend = Objects.requireNonNull(backend, "backend");
    }

    /** What messages call the store. */
    String description() {
        return description;
    }

    /**
     * Runs {@code work} in a transaction of its own.
     *
     * @param what the operation, for the message of a failure ("cannot " + what)
     * @throws StorageException when the connection cannot be had or the driver fails; other exceptions pass through,
     *                          after the rollback
     */
    <T> T inTransaction(String what, SqlWork<T> work) {
        Connection c;
        try {
            c = backend.acquire();
        } catch (SQLException e) {
            throw failure(what, e);
        }
        try {
            T result = work.run(c);
            c.commit();
            return result;
        } catch (SQLException e) {
            rollback(c, e);
            throw failure(what, e);
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } finally {
            backend.release(c);
        }
    }

    /**
     * A one-line storage failure naming the store and the operation, and the I/O failure under a driver's generic
     * message ("An I/O error occurred ... (Read timed out)").
     */
    StorageException failure(String what, SQLException e) {
        String reason = DriverMessages.firstLine(e.getMessage());
        if (e.getCause() instanceof IOException io && io.getMessage() != null) {
            String detail = DriverMessages.firstLine(io.getMessage());
            if (!reason.contains(detail)) {
                reason += " (" + detail + ")";
            }
        }
        return new StorageException(description + ": cannot " + what + ": " + reason, e);
    }

    /** Runs one statement without parameters or results. */
    static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
