package io.sessionflow.app;

import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.DashboardStartException;
import io.sessionflow.dashboard.runs.RunRoutes;
import io.sessionflow.dashboard.store.StoreViews;
import io.sessionflow.storage.MarketDataStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sessionflow serve}: the browser dashboard over a store, on 127.0.0.1 unless {@code --host} opens it. Prints
 * the page's address with the token in its fragment (the page keeps it, the browser never sends a fragment) and runs
 * until SIGINT or SIGTERM (or until its thread is interrupted, when embedded). Threading: the command's thread
 * waits; the server's handlers run on Jetty's threads.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The browser dashboard: the store's quality as a heatmap of symbols x sessions, a symbol's "
                + "session with its missing, filled and synthetic minutes, and runs. Prints the address to open "
                + "(with the token for changes) and runs until Ctrl-C.")
final class ServeCommand implements Callable<Integer> {

    /** A token chosen by the environment instead of a random one (scripts that call the API). */
    static final String TOKEN_VARIABLE = "SESSIONFLOW_DASHBOARD_TOKEN";

    @Mixin
    StoreContext context;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port to listen on (default ${DEFAULT-VALUE}; 0 for any free port).")
    int port;

    @Option(names = "--host", defaultValue = DashboardSettings.LOOPBACK, paramLabel = "HOST",
            description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only). Another address "
                    + "makes the dashboard reachable from other machines.")
    String host;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (exchange, session hours and "
            + "quality segments are used here).")
    Path config;

    @Mixin
    CalendarOptions calendarOptions;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) {
            throw new UsageException("--port " + port + " is not in 0..65535");
        }
        SessionConfig cfg = calendarOptions.settings(config, Map.of());
        TradingCalendar calendar = calendarOptions.calendar(cfg);
        AccessToken token = token(System.getenv(TOKEN_VARIABLE), new SecureRandom());
        DashboardSettings settings = new DashboardSettings(host, port, token);
        PrintWriter out = context.out();
        PrintWriter err = context.err();
        boolean interrupted = false;
        try (ShutdownGuard guard = ShutdownGuard.install(); MarketDataStore store = context.openExisting()) {
            StoreScope.inventory(store, "serve");
            boolean loopback = loopback(settings);
            StoreViews views = StoreViews.of(store, calendar, cfg);
            RunRoutes runs = DashboardRuns.routes(store, config, calendarOptions);
            try (Dashboard dashboard = start(settings, views, runs)) {
                // Counted before the address is shown, so the page's first heatmap comes from memory.
                long t0 = System.nanoTime();
                StoreViews.StoreSize size = views.countSessions();
                err.printf(Locale.ROOT, "counted %,d 1m bars of %s in %s in %.1f s%n", size.bars(),
                        Plural.of(size.symbols(), "symbol"), Plural.of(size.sessions(), "session"),
                        (System.nanoTime() - t0) / 1e9);
                err.flush();
                if (!loopback) {
                    err.println("warning: the dashboard is reachable from other machines on " + host + ":"
                            + dashboard.port() + "; anyone who can reach it can read the store (changes still "
                            + "need the token)");
                    err.flush();
                }
                out.println("dashboard of " + store.description() + " on " + calendar.name() + ": open");
                out.println(address(dashboard) + "#token=" + token.reveal());
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                guard.onRun(stopped::countDown);
                try {
                    stopped.await();
                } catch (InterruptedException e) {
                    // an embedding thread asked the command to end: stop the server as a signal would, and keep
                    // the flag down until the server and the store are closed (Jetty's stop waits)
                    interrupted = true;
                }
                // Runs started from the page read the store: they end before it is closed.
                runs.registry().stopActive();
                runs.registry().close();
                err.println("dashboard stopped");
                err.flush();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    private static Dashboard start(DashboardSettings settings, StoreViews views, RunRoutes runs) {
        try {
            return Dashboard.builder().settings(settings).routes(views).routes(runs).start();
        } catch (DashboardStartException e) {
            throw new UsageException(e.getMessage(), e);
        }
    }

    /** The address to open: a wildcard host is shown as 127.0.0.1, which reaches it from this machine. */
    private static String address(Dashboard dashboard) {
        String h = dashboard.settings().host();
        if (h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]")) {
            return "http://127.0.0.1:" + dashboard.port() + "/";
        }
        return dashboard.uri().toString();
    }

    private static boolean loopback(DashboardSettings settings) {
        try {
            return settings.loopbackOnly();
        } catch (IllegalArgumentException e) {
            throw new UsageException("--host " + settings.host() + ": " + e.getMessage());
        }
    }

    /** The token {@code chosen} (the value of {@link #TOKEN_VARIABLE}), or a random one when it is unset or blank. */
    static AccessToken token(String chosen, SecureRandom random) {
        if (chosen == null || chosen.isBlank()) {
            return AccessToken.random(random);
        }
        try {
            return AccessToken.of(chosen);
        } catch (IllegalArgumentException e) {
            throw new UsageException(TOKEN_VARIABLE + ": " + e.getMessage());
        }
    }
}
