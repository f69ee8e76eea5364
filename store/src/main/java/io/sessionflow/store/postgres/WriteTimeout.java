package io.sessionflow.store.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Bounds the blocking writes of a bulk COPY. The driver's {@code socketTimeout} bounds reads only: a server that stops
 * reading (frozen, or gone with the network) lets the kernel buffers fill, and the next write then blocks forever.
 * Each chunk is therefore written under a timer of the socket timeout; when it fires, the connection is aborted,
 * which closes its socket and makes the blocked write fail.
 *
 * <p>Thread-safe: one daemon timer thread per store, started on first use, shared by its writers.
 */
final class WriteTimeout implements AutoCloseable {

    /** One blocking write. */
    @FunctionalInterface
    interface Write {
        void run() throws SQLException;
    }

    private final long timeoutMillis;
    private final ScheduledThreadPoolExecutor timer;

    /** @param timeoutMillis the longest one write may block; 0 for no limit (the driver's meaning of 0) */
    WriteTimeout(long timeoutMillis, String name) {
        this.timeoutMillis = timeoutMillis;
        timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "sessionflow write timeout " + name);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(1, TimeUnit.MINUTES);
        timer.allowCoreThreadTimeOut(true);
    }

    /**
     * Runs {@code write}; aborts {@code connection} if it has not returned within the timeout.
     *
     * @throws SQLException the write's failure, saying so when the timeout ended it
     */
    void run(Connection connection, Write write) throws SQLException {
        if (timeoutMillis == 0) {
            write.run();
            return;
        }
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> alarm = timer.schedule(() -> {
            fired.set(true);
            abort(connection);
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            write.run();
        } catch (SQLException e) {
            if (fired.get()) {
                throw new SQLException("the server took no data for " + timeoutMillis / 1000.0 + " s (socketTimeout), "
                        + "the connection was closed", e.getSQLState(), e);
            }
            throw e;
        } finally {
            alarm.cancel(false);
        }
    }

    /** Closes the connection's socket under the blocked writer; the pool then drops the connection. */
    private static void abort(Connection connection) {
        try {
            connection.unwrap(Connection.class).abort(Runnable::run);
        } catch (SQLException e) {
            // already closed: the write fails or has failed on its own
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
