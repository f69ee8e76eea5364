package io.sessionflow.app;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The options that describe a backtest run, shared by {@code replay}, {@code gaps} and {@code demo}. */
final class RunOptions {

    @Option(names = "--symbols", split = ",", paramLabel = "SYM", required = true,
            description = "Symbols to replay, comma-separated (case-insensitive).")
    List<Symbol> symbols;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First session date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE",
            description = "Last session date (inclusive), YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file; flags override it.")
    Path config;

    @Option(names = "--intervals", split = ",", paramLabel = "N",
            description = "Derived bar intervals in minutes, e.g. 5,15 (1m is always delivered).")
    List<Interval> intervals;

    @Option(names = "--speed", paramLabel = "K",
            description = "0 = as fast as possible (default); K = K times real time.")
    Double speed;

    @Option(names = "--trailing-sessions", paramLabel = "N", description = "Trading sessions of history to hold.")
    Integer trailingSessions;

    @Option(names = "--history-intervals", split = ",", paramLabel = "N",
            description = "Intervals the history is held in, e.g. 1,5 (default 1 when history is on).")
    List<Interval> historyIntervals;

    @Option(names = "--check-interval", paramLabel = "DURATION",
            description = "Completeness check period in simulated time (default 60s; whole minutes).")
    String checkInterval;

    @Option(names = "--fill-forward", description = "Give confirmed-missing minutes a flat synthetic bar.")
    boolean fillForward;

    @Option(names = "--no-retry-missing", description = "Only measure completeness; do not look missing minutes up.")
    boolean noRetryMissing;

    @Option(names = "--streams", split = ",", paramLabel = "TYPE", defaultValue = "bars",
            description = "Stream types per symbol: bars, quotes, trades (default: ${DEFAULT-VALUE}).")
    List<StreamType> streams;

    @Option(names = "--no-upkeep", description = "Run without the data-upkeep thread: sessions load on the "
            + "coordinator thread, no prefetch, no repair (for comparison).")
    boolean noUpkeep;

    /** The configuration: defaults, then the file, then these flags. */
    SessionConfig sessionConfig() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (intervals != null) {
            overrides.put("derived-intervals", join(intervals));
        }
        if (speed != null) {
            overrides.put("backtest-speed", speed.toString());
        }
        if (trailingSessions != null) {
            overrides.put("historical-trailing-sessions", trailingSessions.toString());
        }
        if (historyIntervals != null) {
            overrides.put("historical-bar-intervals", join(historyIntervals));
        }
        if (checkInterval != null) {
            overrides.put("upkeep-check-interval", checkInterval);
        }
        if (fillForward) {
            overrides.put("fill-forward", "true");
        }
        if (noRetryMissing) {
            overrides.put("retry-missing-bars", "false");
        }
        return ConfigLoader.load(config, overrides);
    }

    /** The inclusive date range, checked. */
    void validateDates() {
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
    }

    Set<Symbol> symbolSet() {
        return new LinkedHashSet<>(symbols);
    }

    private static String join(List<Interval> intervals) {
        return intervals.stream().map(i -> Integer.toString(i.minutes())).collect(Collectors.joining(","));
    }
}
