package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionflow.coordinator.MarketDataListener;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.upkeep.DropFilter;
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

    @Option(names = "--drop-rate", paramLabel = "X", defaultValue = "0",
            description = "Drop this seeded fraction of the streamed 1m bars before delivery (storage keeps them).")
    double dropRate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of --drop-rate.")
    long seed;

    @Option(names = "--events", paramLabel = "FILE", description = "Write every delivered event as JSON Lines.")
    Path events;

    @Option(names = "--summary", paramLabel = "FILE", description = "Write the JSON summary.")
    Path summary;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "Report on stdout: a table (default) or the JSON summary.")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("table") && !format.equals("json")) {
            throw new UsageException("--format must be table or json, not '" + format + "'");
        }
        DropFilter drop;
        try {
            drop = new DropFilter(dropRate, seed);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--drop-rate " + dropRate + " is not between 0 and 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<MarketDataListener> listeners = new ArrayList<>();
        EventJsonWriter eventWriter = null;
        try (MarketDataStore store = main.stores().open(db.db)) {
            if (events != null) {
                eventWriter = new EventJsonWriter(openForWrite(events, "--events"));
                listeners.add(eventWriter);
            }
            ReplayRunner.Outcome outcome = ReplayRunner.run(store, run, drop, listeners, err);
            if (eventWriter != null) {
                eventWriter.close();
                eventWriter = null;
            }
            var json = SummaryJson.of(outcome);
            if (summary != null) {
                SummaryJson.write(summary, json);
            }
            if (format.equals("json")) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
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
