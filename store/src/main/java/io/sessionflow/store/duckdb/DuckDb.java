package io.sessionflow.store.duckdb;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.store.jdbc.DriverMessages;
import io.sessionflow.store.jdbc.OpenMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.duckdb.DuckDBConnection;

/** Opens the embedded DuckDB store; callers go through {@link io.sessionflow.store.Stores#open(String)}. Stateless. */
public final class DuckDb {

    private DuckDb() {
    }

    /**
     * Opens (creating it and its folder when missing) the DuckDB file {@code file}.
     *
     * @throws IllegalArgumentException naming the path when it cannot be a DuckDB file (a folder, a folder that
     *                                  cannot be created, a file that is not a DuckDB database)
     * @throws StorageException         when the file cannot be opened (locked by another process, I/O error)
     */
    public static MarketDataStore open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new IllegalArgumentException("DuckDB file " + file + " is a folder");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IllegalArgumentException("DuckDB file " + file + " is not a regular file");
        }
        Path parent = path.getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot create the folder " + parent + " of DuckDB file " + file
                    + " (" + reason(e) + ")", e);
        }
        if (!Files.exists(path)) {
            // Create the file here, so that a path where no file can be made is reported as the bad input it is.
            try {
                Files.delete(Files.createFile(path));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create DuckDB file " + file + " (" + reason(e) + ")", e);
            }
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
        return new DuckDbStore(connection, path.toString(), OpenMode.CREATE);
    }

    /** An I/O failure in words, without repeating the path. */
    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage();
    }
}
