package io.sessionflow.app;

import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.DashboardStartException;
import io.sessionflow.dashboard.runs.ProgressBoard;
import io.sessionflow.dashboard.runs.RunKind;
import io.sessionflow.dashboard.runs.RunRegistry;
import io.sessionflow.dashboard.runs.RunRoutes;
import io.sessionflow.dashboard.runs.TrackedRun;
import io.sessionflow.time.WallClock;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Option;

/**
 * {@code --dashboard}, {@code --dashboard-port} and {@code --dashboard-wait} of {@code replay} and {@code live}: a
 * dashboard in the command's process that follows its one run (pause, resume, stop from the page). It closes when the
 * run ends, once the open pages have seen the end (up to {@link #GRACE}), or with {@code --dashboard-wait} only on
 * Ctrl-C. Threading: the command's thread.
 */
final class DashboardOptions {

    /** How long a command waits, after its run, for open pages to receive the final state. */
    static final Duration GRACE = Duration.ofSeconds(2);

    @Option(names = "--dashboard", description = "Follow the run in a browser: starts a dashboard on 127.0.0.1 and "
            + "prints its address (with the token for pause, resume and stop) on stderr.")
    boolean enabled;

    @Option(names = "--dashboard-port", paramLabel = "N", defaultValue = "0",
            description = "Port of --dashboard (default: any free port; the address printed names it).")
    int port;

    @Option(names = "--dashboard-wait", description = "With --dashboard: keep the page open after the run, until "
            + "Ctrl-C, to look at its result.")
    boolean waitAfter;

    /** The dashboard of one command's run. Threading: the command's thread. */
    static final class Open implements AutoCloseable {
        private final Dashboard dashboard;
        private final RunRoutes routes;
        private final TrackedRun run;

        private Open(Dashboard dashboard, RunRoutes routes, TrackedRun run) {
            this.dashboard = dashboard;
            this.routes = routes;
            this.run = run;
        }

        TrackedRun run() {
            return run;
        }

        String address() {
            return dashboard.uri() + "#runs/" + run.id() + "&token=" + dashboard.settings().token().reveal();
        }

        @Override
        public void close() {
            routes.registry().close();
            dashboard.close();
        }

        /** After the run: lets open pages see its end, or waits for Ctrl-C when asked to. */
        void afterRun(DashboardOptions options, ShutdownGuard guard, PrintWriter err) throws InterruptedException {
            if (options.waitAfter) {
                err.println("dashboard: the run has ended; the page stays open at " + dashboard.uri()
                        + " until Ctrl-C");
                err.flush();
                CountDownLatch signal = new CountDownLatch(1);
                guard.onRun(signal::countDown);
                signal.await();
            } else {
                routes.awaitIdle(WallClock.system(), GRACE);
            }
        }
    }

    /**
     * Starts the dashboard with one run, {@code description}, attached; null when {@code --dashboard} was not given.
     *
     * @throws UsageException when the port cannot be bound (exit 2, one line)
     */
    Open open(RunKind kind, String description, PrintWriter err) {
        if (!enabled) {
            if (waitAfter || port != 0) {
                throw new UsageException((waitAfter ? "--dashboard-wait" : "--dashboard-port") + " needs --dashboard");
            }
            return null;
        }
        RunRegistry registry = RunRegistry.attachedOnly();
        TrackedRun run = new TrackedRun(registry.newId(), kind, "command", null, description,
                new ProgressBoard(WallClock.system()));
        registry.attach(run);
        RunRoutes routes = new RunRoutes(registry);
        Dashboard dashboard;
        try {
            dashboard = Dashboard.builder().settings(new DashboardSettings(DashboardSettings.LOOPBACK, port,
                    AccessToken.random(new SecureRandom()))).routes(routes).start();
        } catch (DashboardStartException | IllegalArgumentException e) {
            throw new UsageException("--dashboard: " + e.getMessage());
        }
        Open open = new Open(dashboard, routes, run);
        err.println("dashboard: " + open.address());
        err.flush();
        return open;
    }
}
