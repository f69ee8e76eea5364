package io.sessionflow.store.duckdb;

import io.sessionflow.errors.ErrorText;
import io.sessionflow.store.jdbc.DriverMessages;
import java.nio.Buffer;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides once per JVM whether DuckDB stores read through Arrow. Arrow's memory module reads {@code java.nio}
 * internals, which the JVM only opens with {@value #FLAG}; without it Arrow's first allocation prints a stack trace
 * and fails with {@code ExceptionInInitializerError: Failed to initialize MemoryUtil}. So the module system is asked
 * first, without touching Arrow, then one tiny Arrow export is tried; when either says no, stores read through plain
 * JDBC and one WARN line names the flag that enables the fast path.
 *
 * <p>Thread-safe: the decision is made under a lock and then only read.
 */
final class ArrowSupport {

    /** The JVM option that opens {@code java.nio} to Arrow on the class path. */
    static final String FLAG = "--add-opens=java.base/java.nio=ALL-UNNAMED";

    private static final Logger LOG = LoggerFactory.getLogger(ArrowSupport.class);
    private static final Object LOCK = new Object();
    private static volatile ReadPath decided;

    private ArrowSupport() {
    }

    /** The read path of this JVM, trying Arrow once on {@code connection} the first time. */
    static ReadPath readPath(DuckDBConnection connection) {
        ReadPath path = decided;
        if (path != null) {
            return path;
        }
        synchronized (LOCK) {
            if (decided == null) {
                String problem = problem(connection);
                if (problem != null) {
                    LOG.warn("DuckDB reads use plain JDBC, slower than Arrow: {}; start Java with {} "
                            + "for the fast path", problem, FLAG);
                }
                decided = problem == null ? ReadPath.ARROW : ReadPath.JDBC;
            }
            return decided;
        }
    }

    /** Whether {@code java.nio} is open to the module Arrow's memory classes are in (the class path's, usually). */
    static boolean javaNioOpenToArrow() {
        return Buffer.class.getModule().isOpen("java.nio", BufferAllocator.class.getModule());
    }

    /** Why Arrow cannot be used, or null when it can. */
    private static String problem(DuckDBConnection connection) {
        if (!javaNioOpenToArrow()) {
            return "java.nio is not open to Arrow in this JVM";
        }
        try (BufferAllocator allocator = new RootAllocator();
             PreparedStatement ps = connection.prepareStatement("SELECT 1::INTEGER AS probe");
             DuckDBResultSet rs = ps.executeQuery().unwrap(DuckDBResultSet.class);
             ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, 1)) {
            while (reader.loadNextBatch()) {
                reader.getVectorSchemaRoot().getRowCount();
            }
            return null;
        } catch (LinkageError | RuntimeException | SQLException | java.io.IOException e) {
            // LinkageError: Arrow's static initialisers and its native C-data library fail that way.
            return "Arrow failed: " + e.getClass().getSimpleName() + ": " + cut(DriverMessages.firstLine(e.getMessage()));
        }
    }

    private static String cut(String s) {
        return ErrorText.cut(s, 200);
    }
}
