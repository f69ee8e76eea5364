package io.sessionflow.app;

import io.sessionflow.storage.MarketDataStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code sessionflow gaps}: completeness per symbol and session, measured by a replay of the stored 1m bars with the
 * default completeness settings (no derived bars, no history, nothing dropped).
 */
@Command(name = "gaps", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Per symbol and session: expected, present and missing 1-minute bars and quality %% "
                + "(present / expected), as the coordinator and the upkeep thread see the stored bars.")
final class GapsCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Mixin
    RangeOptions range;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        boolean json = format.json();
        PrintWriter out = context.out();
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore store = context.openExisting()) {
            ReplayRunner.Outcome outcome = ReplayRunner.run(store, range, new ReplayOptions(), List.of(),
                    context.err(), guard);
            out.print(json ? SummaryJson.toJson(SummaryJson.of(outcome)) + "\n" : Reports.gapTable(outcome));
            out.flush();
            return Main.OK;
        }
    }
}
