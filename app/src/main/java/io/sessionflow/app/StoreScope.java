package io.sessionflow.app;

import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.jdbc.Inventory;
import io.sessionflow.store.jdbc.JdbcStore;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Option;

/**
 * What {@code coverage} and {@code export} select: optional symbols and an optional inclusive range of session dates.
 * Threading: used on the command's thread only.
 */
final class StoreScope {

    @Option(names = "--symbols", split = ",", paramLabel = "SYM",
            description = "Symbols, comma-separated (case-insensitive); default all in the store.")
    List<Symbol> symbols = List.of();

    @Option(names = "--from", paramLabel = "DATE", description = "First session date, YYYY-MM-DD (default: the first "
            + "stored).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE",
            description = "Last session date (inclusive), YYYY-MM-DD (default: the last stored).")
    LocalDate to;

    /** The symbols asked for, sorted; empty for all. */
    Set<Symbol> symbolSet() {
        if (from != null && to != null && from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        return new TreeSet<>(symbols);
    }

    /** The store-management queries of {@code store}; stores that are not SQL stores have none. */
    static Inventory inventory(MarketDataStore store, String command) {
        if (store instanceof JdbcStore jdbc) {
            return jdbc.inventory();
        }
        throw new UsageException(command + " needs a DuckDB or PostgreSQL store, not " + store.description());
    }
}
