package io.sessionflow.app;

import io.sessionflow.api.DataManager;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.dashboard.runs.ProgressBoard;
import io.sessionflow.dashboard.runs.ProgressSampler;
import io.sessionflow.dashboard.runs.RunKind;
import io.sessionflow.dashboard.runs.RunLauncher;
import io.sessionflow.dashboard.runs.RunRegistry;
import io.sessionflow.dashboard.runs.RunReport;
import io.sessionflow.dashboard.runs.RunRequest;
import io.sessionflow.dashboard.runs.RunRoutes;
import io.sessionflow.dashboard.runs.TrackedRun;
import io.sessionflow.dashboard.runs.RunControls;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's runs over the app's replay: {@link #routes} gives {@code serve} its runs API (replays started from
 * the page go through {@link ReplayRunner}, the path of {@code sessionflow replay}, on the serve command's store),
 * and {@link #track} connects a command's own run to a dashboard.
 *
 * <p>Threading: a launch runs on an HTTP thread up to the data manager's start; each run then ends on a thread of
 * its own ({@code sessionflow-run-ID}), which reports its table to the run's handle.
 */
final class DashboardRuns implements RunLauncher {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardRuns.class);

    private final MarketDataStore store;
    private final Path configFile;
    private final CalendarOptions calendar;
    private final WallClock wall;

    private DashboardRuns(MarketDataStore store, Path configFile, CalendarOptions calendar, WallClock wall) {
        this.store = Objects.requireNonNull(store, "store");
        this.configFile = configFile;
        this.calendar = calendar == null ? new CalendarOptions() : calendar;
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    /**
     * The runs API of {@code serve}: replays on {@code store} with the settings of {@code configFile} (null for the
     * defaults) and the calendar {@code calendar} names (null for the settings' exchange).
     */
    static RunRoutes routes(MarketDataStore store, Path configFile, CalendarOptions calendar) {
        return new RunRoutes(RunRegistry.launching(new DashboardRuns(store, configFile, calendar, WallClock.system())));
    }

    /** The runs API of {@code serve} with the default settings and calendar. */
    static RunRoutes routes(MarketDataStore store) {
        return routes(store, null, null);
    }

    @Override
    public TrackedRun launch(String id, RunRequest request) {
        RangeOptions range = range(request);
        ReplayOptions options = options(request);
        TrackedRun run = new TrackedRun(id, RunKind.REPLAY, "page", request, describe(request),
                new ProgressBoard(wall));
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        ReplayRunner.Started started;
        try {
            started = ReplayRunner.start(store, range, options, List.of(), quiet, track(run, wall));
        } catch (UsageException | IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
        Thread t = new Thread(() -> finish(run, started, quiet), "sessionflow-run-" + id);
        t.setDaemon(true);
        t.start();
        return run;
    }

    /** What {@code replay --symbols --from --to} with this launcher's settings and calendar would read. */
    RangeOptions range(RunRequest request) {
        RangeOptions range = new RangeOptions();
        range.symbols = new ArrayList<>(request.symbols());
        range.from = request.from();
        range.to = request.to();
        range.config = configFile;
        range.calendar = calendar;
        return range;
    }

    /** {@code --intervals} (none: the settings' intervals), {@code --speed} (full: the settings'), {@code --drop-rate}. */
    static ReplayOptions options(RunRequest request) {
        ReplayOptions options = new ReplayOptions();
        options.intervals = request.intervals().isEmpty() ? null : new ArrayList<>(request.intervals());
        options.speed = request.fullSpeed() ? null : request.speed();
        options.drop.rate = request.dropRate();
        return options;
    }

    /** A launcher on {@code store} with the default settings and calendar. */
    static DashboardRuns launcher(MarketDataStore store) {
        return new DashboardRuns(store, null, null, WallClock.system());
    }

    private static void finish(TrackedRun run, ReplayRunner.Started started, PrintWriter quiet) {
        try {
            ReplayRunner.Outcome outcome = ReplayRunner.finish(started, run::stopRequested, () -> false, quiet);
            run.ended(report(outcome), outcome.interrupted());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failed("interrupted while waiting for the run's end");
        } catch (RuntimeException | Error e) {
            LOG.warn("dashboard run {} failed", run.id(), e);
            run.failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * The attach step that connects {@code run} to a data manager: the sampler of its progress (on the
     * coordinator's thread) and the data manager's controls.
     */
    static ReplayRunner.Attach track(TrackedRun run, WallClock wall) {
        return new ReplayRunner.Attach() {
            @Override
            public void to(DataManager dm, Set<Symbol> symbols) {
                dm.subscribe(new ProgressSampler(dm, symbols, wall, run.board(), -1));
                run.controls(controls(dm));
            }

            @Override
            public boolean stopRequested() {
                return run.stopRequested();
            }
        };
    }

    /** The attach step of a live run: its sampler (the plan's sessions as the total) and controls. */
    static LiveRunner.Attach track(TrackedRun run, LiveRunner.Plan plan) {
        return new LiveRunner.Attach() {
            @Override
            public void beforeStart(DataManager dm) {
                Set<Symbol> bars = plan.streams().contains(StreamType.BARS) ? plan.symbols() : Set.of();
                dm.subscribe(new ProgressSampler(dm, bars, plan.wall(), run.board(), plan.sessions()));
            }

            @Override
            public void started(DataManager dm, Runnable stopRun) {
                RunControls dmControls = controls(dm);
                run.controls(new RunControls() {
                    @Override
                    public void pause() {
                        dmControls.pause();
                    }

                    @Override
                    public void resume() {
                        dmControls.resume();
                    }

                    @Override
                    public void stop() {
                        stopRun.run();
                    }
                });
            }
        };
    }

    static RunControls controls(DataManager dm) {
        return new RunControls() {
            @Override
            public void pause() {
                dm.pause();
            }

            @Override
            public void resume() {
                dm.resume();
            }

            @Override
            public void stop() {
                dm.stop();
            }
        };
    }

    /** The table {@code replay} prints and its {@code --summary}. */
    static RunReport report(ReplayRunner.Outcome outcome) {
        return new RunReport(Reports.sessionTable(outcome), SummaryJson.of(outcome));
    }

    static String describe(RunRequest r) {
        return "replay " + r.symbols().stream().limit(10).map(Symbol::value).collect(Collectors.joining(","))
                + (r.symbols().size() > 10 ? ",... (" + r.symbols().size() + " symbols)" : "") + " " + r.from()
                + ".." + r.to() + (r.fullSpeed() ? "" : " at " + r.speed() + "x");
    }

    /** The symbols of a command line's replay, for its description. */
    static String describe(Set<Symbol> symbols) {
        return symbols.stream().limit(10).map(Symbol::value).collect(Collectors.joining(","))
                + (symbols.size() > 10 ? ",..." : "");
    }
}
