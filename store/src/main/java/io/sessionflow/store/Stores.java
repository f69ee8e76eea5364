package io.sessionflow.store;

import io.sessionflow.storage.MarketDataStore;
import java.nio.file.Path;

/** Opens the store named by a {@code --db} value. */
public final class Stores {

    /** The embedded default, relative to the working directory. */
    public static final Path DEFAULT_PATH = Path.of("data", "sessionflow.duckdb");

    private Stores() {
    }

    /**
     * Opens {@code db}: a {@code jdbc:postgresql://} URL opens PostgreSQL, anything else is a DuckDB file path
     * (created with its folder on first use).
     *
     * @throws IllegalArgumentException naming the value when it cannot be opened as asked (bad URL, a path that
     *                                  cannot be created)
     */
    public static MarketDataStore open(String db) {
        throw new UnsupportedOperationException("storage backends are not built yet: cannot open " + db);
    }
}
