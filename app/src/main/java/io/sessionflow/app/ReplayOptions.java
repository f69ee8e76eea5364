package io.sessionflow.app;

import io.sessionflow.corporate.AdjustmentBasis;
import io.sessionflow.corporate.CorporateActions;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.store.imports.LeanCorporateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How a backtest runs, mixed into {@code replay} (and filled in by {@code demo}): derived bars, pacing, trailing
 * history, completeness settings, stream kinds, the upkeep thread and the seeded drop of streamed bars. A command
 * that only measures completeness ({@code gaps}) uses the defaults. Threading: used on the command's thread only.
 */
final class ReplayOptions {

    @Option(names = "--intervals", split = ",", paramLabel = "N",
            description = "Derived bar intervals in minutes, e.g. 5,15, or 1d for the session bar (1m is always delivered).")
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
            description = "Stream types per symbol: bars, quote_bars, quotes, trades (default: ${DEFAULT-VALUE}).")
    List<StreamType> streams;

    @Option(names = "--no-upkeep", description = "Run without the data-upkeep thread: sessions load on the "
            + "coordinator thread, no prefetch, no repair (for comparison).")
    boolean noUpkeep;

    @Option(names = "--normalization", paramLabel = "MODE", description = "Prices of symbols with factors: raw "
            + "(default), split-adjusted or adjusted (splits and dividends), on the basis of the run's last session.")
    String normalization;

    @Option(names = "--adjustment-basis", paramLabel = "BASIS", description = "Which prices split-adjusted and "
            + "adjusted keep as traded: run-end (default, the run's last session) or factor-file (LEAN's: the factor "
            + "file's latest row, so prices equal LEAN's).")
    String adjustmentBasis;

    @Option(names = "--factor-files", paramLabel = "FOLDER", description = "LEAN factor files (<symbol>.csv) to "
            + "adjust with, e.g. .../equity/usa/factor_files; default: the factors the store holds.")
    Path factorFiles;

    @Mixin
    DropOptions drop = new DropOptions();

    /**
     * The factors of the run: those of {@code --factor-files} when given, else {@code stored}.
     *
     * @throws UsageException when the folder cannot be listed; a bad file fails with the file, line and field
     */
    /** The basis {@code --adjustment-basis} names, run-end by default. */
    AdjustmentBasis adjustmentBasis() {
        try {
            return adjustmentBasis == null ? AdjustmentBasis.RUN_END : AdjustmentBasis.of(adjustmentBasis);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--" + e.getMessage());
        }
    }

    CorporateActions corporateActions(CorporateActions stored) {
        if (factorFiles == null) {
            return stored;
        }
        List<FactorFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(factorFiles)) {
            for (Path p : list.filter(f -> f.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                files.add(LeanCorporateFiles.factorFile(p));
            }
        } catch (IOException e) {
            throw new UsageException("--factor-files " + factorFiles + " cannot be listed: " + e.getMessage());
        }
        return CorporateActions.of(files);
    }

    /** The stream kinds to register per symbol: bars unless {@code --streams} says otherwise. */
    List<StreamType> streams() {
        return streams == null || streams.isEmpty() ? List.of(StreamType.BARS) : List.copyOf(streams);
    }

    /** The settings these flags override in the defaults and the {@code --config} file. */
    Map<String, String> overrides() {
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
        if (normalization != null) {
            overrides.put("normalization", normalization);
        }
        return overrides;
    }

    private static String join(List<Interval> intervals) {
        return intervals.stream().map(Interval::toString).collect(Collectors.joining(","));
    }
}
