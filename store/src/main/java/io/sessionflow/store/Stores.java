package io.sessionflow.store;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.store.duckdb.DuckDb;
import io.sessionflow.store.jdbc.OpenMode;
import io.sessionflow.store.postgres.Postgres;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the store named by a {@code --db} value: the one public entry to the backends. Stateless. */
public final class Stores {

    /** The embedded default, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("data", "sessionflow.duckdb");

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";

    private Stores() {
    }

    /**
     * Opens {@code db}: a {@code jdbc:postgresql://} URL opens PostgreSQL, anything else is a DuckDB file path
     * (created with its folder on first use). For commands that write.
     *
     * @throws IllegalArgumentException naming the value when it cannot be opened as asked (bad URL, a path that
     *                                  cannot be created, another kind of JDBC URL)
     * @throws StorageException         naming the value when the database cannot be reached or read
     */
    public static MarketDataStore open(String db) {
        return open(db, OpenMode.CREATE);
    }

    /**
     * Opens {@code db} like {@link #open}, but only a store that already exists, creating nothing: for read-only
     * commands, where a mistyped {@code --db} must fail with one line naming it instead of leaving a new folder and an
     * empty database behind. See {@link DuckDb#openExisting} and {@link Postgres#openExisting}.
     *
     * @throws IllegalArgumentException naming the value when it is not an existing store (no such file, not a
     *                                  sessionflow store), or cannot be opened as asked
     * @throws StorageException         naming the value when the database cannot be reached or read
     */
    public static MarketDataStore openExisting(String db) {
        return open(db, OpenMode.EXISTING);
    }

    private static MarketDataStore open(String db, OpenMode mode) {
        if (db == null || db.isBlank()) {
            throw new IllegalArgumentException("the store must be a DuckDB file path or a jdbc:postgresql:// URL, "
                    + "not blank");
        }
        String value = db.strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.startsWith(POSTGRES_PREFIX)) {
            return mode == OpenMode.CREATE ? Postgres.open(value) : Postgres.openExisting(value);
        }
        if (lower.startsWith("jdbc:")) {
            throw new IllegalArgumentException("store '" + Postgres.withoutSecrets(value) + "' is not supported: use a "
                    + "DuckDB file path or a jdbc:postgresql:// URL");
        }
        Path path;
        try {
            path = Path.of(value);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("store path '" + value + "' is not a valid path: " + e.getReason(), e);
        }
        return mode == OpenMode.CREATE ? DuckDb.open(path) : DuckDb.openExisting(path);
    }
}
