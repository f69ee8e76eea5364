package io.sessionflow.app;

import io.sessionflow.store.Stores;
import picocli.CommandLine.Option;

/** The {@code --db} option shared by every command that reads or writes storage. */
final class DbOption {

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "Store: a DuckDB file (created on first use; default ${DEFAULT-VALUE}) or a "
                    + "jdbc:postgresql://host/db URL.",
            defaultValue = "data/sessionflow.duckdb")
    String db = Stores.DEFAULT_PATH.toString();
}
