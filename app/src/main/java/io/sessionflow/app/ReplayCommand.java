package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.dashboard.runs.RunKind;
import io.sessionflow.time.WallClock;
import io.sessionflow.storage.MarketDataStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow replay}: a backtest through the coordinator and the upkeep thread. On SIGINT or SIGTERM the run
 * stops, the events file keeps every event delivered until then (whole lines) and the summary of the sessions that
 * ended is written, marked interrupted.
 */
@Command(name = "replay", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Replay stored data through the coordinator and the upkeep thread: derived bars, gap repair, "
                + "trailing history. Prints a per-session table; --events and --summary write JSON for machines. "
                + "Ctrl-C (SIGINT) or SIGTERM stops the run and still writes both files, the summary marked "
                + "\"interrupted\":true.")
final class ReplayCommand implements Callable<Integer> {

    @Mixin
    StoreContext context;

    @Mixin
    RangeOptions range;

    @Mixin
    ReplayOptions replay;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every delivered event as JSON Lines.")
    Path events;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary.")
    Path summary;

    @Mixin
    FormatOption format;

    @Mixin
    DashboardOptions dashboard = new DashboardOptions();

    @Override
    public Integer call() throws Exception {
        boolean json = format.json();
        PrintWriter out = context.out();
        List<MarketDataListener> listeners = new ArrayList<>();
        EventJsonWriter eventWriter = null;
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore store = context.openExisting();
             DashboardOptions.Open page = dashboard.open(RunKind.REPLAY, "replay " + DashboardRuns.describe(
                     range.symbolSet()) + " " + range.from + ".." + range.to, context.err())) {
            if (events != null) {
                eventWriter = new EventJsonWriter(openForWrite(events, "--events"));
                listeners.add(eventWriter);
            }
            ReplayRunner.Outcome outcome;
            try {
                outcome = ReplayRunner.run(store, range, replay, listeners, context.err(), guard, page == null
                        ? ReplayRunner.Attach.NONE : DashboardRuns.track(page.run(), WallClock.system()));
            } catch (RuntimeException e) {
                if (page != null) {
                    page.run().failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                }
                throw e;
            }
            if (page != null) {
                page.run().ended(DashboardRuns.report(outcome), outcome.interrupted());
            }
            if (eventWriter != null) {
                eventWriter.close();
                eventWriter = null;
            }
            var report = SummaryJson.of(outcome);
            if (summary != null) {
                SummaryJson.write(summary, report);
            }
            if (json) {
                out.println(SummaryJson.toJson(report));
            } else {
                out.print(Reports.sessionTable(outcome));
            }
            out.flush();
            if (page != null) {
                page.afterRun(dashboard, guard, context.err());
            }
            return Main.OK;
        } finally {
            if (eventWriter != null) {
                eventWriter.close();
            }
        }
    }

    static OutputStream openForWrite(Path file, String option) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " cannot be written: " + e.getMessage());
        }
    }
}
