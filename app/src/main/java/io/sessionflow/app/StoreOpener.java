package io.sessionflow.app;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/** How commands open the store named by {@code --db}; tests substitute an in-memory store. Stateless. */
@FunctionalInterface
public interface StoreOpener {

    /** Opens {@code db}, creating an embedded store that does not exist yet. */
    MarketDataStore open(String db);

    /**
     * Opens {@code db} for a command that only reads it ({@code command} names it in the message): an embedded store
     * must already exist. By default the same as {@link #open(String)}, for stores that are not files.
     *
     * @throws UsageException naming the path when it does not exist
     */
    default MarketDataStore openExisting(String db, String command) {
        return open(db);
    }

    /** The real backends of {@link Stores}, refusing to create a store for a command that only reads. */
    static StoreOpener stores() {
        return new StoreOpener() {
            @Override
            public MarketDataStore open(String db) {
                return Stores.open(db);
            }

            @Override
            public MarketDataStore openExisting(String db, String command) {
                requireExisting(db, command);
                return Stores.openExisting(db);  // creates nothing: no folder, file or tables
            }
        };
    }

    /** A DuckDB path that is not a file is bad input for a command that reads: it would create an empty store. */
    static void requireExisting(String db, String command) {
        if (db == null || db.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
            return;  // Stores.open names a blank value or a bad URL itself; a server is not created by opening it
        }
        Path path;
        try {
            path = Path.of(db.strip());
        } catch (InvalidPathException e) {
            return;  // Stores.open names the bad path
        }
        if (!Files.isRegularFile(path)) {
            throw new UsageException("--db " + db + (Files.exists(path) ? " is not a file" : " does not exist")
                    + " (" + command + " reads an existing store; create one with import, generate or demo)");
        }
    }
}
