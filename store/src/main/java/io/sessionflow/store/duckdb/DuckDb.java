package io.sessionflow.store.duckdb;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.store.jdbc.DriverMessages;
import io.sessionflow.store.jdbc.OpenMode;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/**
 * Opens the embedded DuckDB store; callers usually go through {@link io.sessionflow.store.Stores}. Stateless.
 *
 * <p>Bulk reads go through DuckDB's Arrow export when the JVM runs with
 * {@code --add-opens=java.base/java.nio=ALL-UNNAMED}; without it they fall back to plain JDBC (the same results,
 * about half as fast) and the first store opened logs one WARN line naming the flag.
 */
public final class DuckDb {

    private DuckDb() {
    }

    /**
     * Opens the DuckDB file {@code file}, creating it, its folder and the tables when missing: for commands that
     * write.
     *
     * @throws IllegalArgumentException naming the path when it cannot be a DuckDB file (a folder, a folder that
     *                                  cannot be created, a file that is not a DuckDB database)
     * @throws StorageException         when the file cannot be opened (locked by another process, I/O error)
     */
    public static MarketDataStore open(Path file) {
        return open(file, OpenMode.CREATE, null);
    }

    /**
     * Opens the DuckDB store in {@code file} only if it exists, creating nothing (no folder, no file, no tables): for
     * read-only use, where a mistyped path must fail instead of leaving an empty database behind.
     *
     * @throws IllegalArgumentException with one line naming the path when there is no such file, it is a folder, or it
     *                                  is not a DuckDB database or not a sessionflow store
     * @throws StorageException         when the file cannot be opened (locked by another process, I/O error)
     */
    public static MarketDataStore openExisting(Path file) {
        return open(file, OpenMode.EXISTING, null);
    }

    /** {@link #open} or {@link #openExisting}, with the read path forced (tests) or null to let the JVM decide. */
    static MarketDataStore open(Path file, OpenMode mode, ReadPath readPath) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("DuckDB file " + file + " is a folder");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("DuckDB file " + file + " is not a regular file");
        }
        if (mode == OpenMode.EXISTING) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException("DuckDB file " + file + " does not exist");
            }
        } else {
            create(file, path);
        }
        DuckDBConnection connection;
        try {
            connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + path);
        } catch (SQLException e) {
            String reason = DriverMessages.firstLine(e.getMessage());
            if (reason.contains("not a valid DuckDB database file")) {
                throw new IllegalArgumentException(file + " is not a DuckDB database file", e);
            }
            throw new StorageException("cannot open DuckDB file " + file + ": " + reason, e);
        }
        return new DuckDbStore(connection, path.toString(), mode, readPath);
    }

    /**
     * {@code file} as a SQL string literal for statements that take no parameter there ({@code COPY ... TO}): the
     * absolute path, quotes doubled, so that no path can end the literal; control characters are refused.
     *
     * @throws IllegalArgumentException naming the path when it holds a control character
     */
    public static String pathLiteral(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        if (path.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("path " + path.replaceAll("\\p{Cntrl}", "?")
                    + " holds a control character");
        }
        return "'" + path.replace("'", "''") + "'";
    }

    /** Creates the folder and checks that a file can be made, so that a bad path is reported as the input it is. */
    private static void create(Path file, Path path) {
        Path parent = path.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the folder " + parent + " of DuckDB file " + file
                    + " (" + reason(e) + ")", e);
        }
        if (!Files.exists(path)) {
            try {
                Files.delete(Files.createFile(path));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create DuckDB file " + file + " (" + reason(e) + ")", e);
            }
        }
    }

    /** An I/O failure in words, without repeating the path. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
