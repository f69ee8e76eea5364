package io.sessionflow.app;

import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every command that uses storage mixes in: the {@code --db} option, the command's output streams and the
 * opening of its store through {@link Main#stores()} (tests substitute an in-memory store there).
 *
 * <p>Threading: used on the command's thread only.
 */
final class StoreContext {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "Store: a DuckDB file (default ${DEFAULT-VALUE}; demo, generate and import create it, "
                    + "replay, gaps, coverage and export need it to exist) or a jdbc:postgresql://host/db URL.",
            defaultValue = "data/sessionflow.duckdb")
    String db = Stores.DEFAULT_PATH.toString();

    PrintWriter out() {
        return mixee.commandLine().getOut();
    }

    PrintWriter err() {
        return mixee.commandLine().getErr();
    }

    /** The store, created with its folder when it does not exist (commands that write data). */
    MarketDataStore openOrCreate() {
        return main().stores().open(db);
    }

    /** The store, which must exist (commands that only read: a typo in {@code --db} must not create one). */
    MarketDataStore openExisting() {
        return main().stores().openExisting(db, mixee.name());
    }

    /** True when {@code --db} is the default store. */
    boolean isDefault() {
        return db.equals(Stores.DEFAULT_PATH.toString());
    }

    private Main main() {
        return (Main) mixee.parent().userObject();
    }
}
