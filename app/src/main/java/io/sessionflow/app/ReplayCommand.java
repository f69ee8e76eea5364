package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionflow.api.MarketDataListener;
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
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessionflow replay}: a backtest through the coordinator and the upkeep thread. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Replay stored data through the coordinator and the upkeep thread: derived bars, gap repair, "
                + "trailing history. Prints a per-session table; --events and --summary write JSON for machines.")
final class ReplayCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    RunOptions run;

    @Mixin
    DropOptions drop;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every delivered event as JSON Lines.")
    Path events;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary.")
    Path summary;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        boolean json = format.json();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<MarketDataListener> listeners = new ArrayList<>();
        EventJsonWriter eventWriter = null;
        try (MarketDataStore store = main.stores().open(db.db)) {
            if (events != null) {
                eventWriter = new EventJsonWriter(openForWrite(events, "--events"));
                listeners.add(eventWriter);
            }
            ReplayRunner.Outcome outcome = ReplayRunner.run(store, run, drop.filter(), listeners, err);
            if (eventWriter != null) {
                eventWriter.close();
                eventWriter = null;
            }
            var report = SummaryJson.of(outcome);
            if (summary != null) {
                SummaryJson.write(summary, report);
            }
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
            } else {
                out.print(Reports.sessionTable(outcome));
            }
            out.flush();
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
