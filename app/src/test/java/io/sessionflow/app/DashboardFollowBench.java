package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.runs.RunHandle;
import io.sessionflow.dashboard.runs.RunRequest;
import io.sessionflow.dashboard.runs.RunRoutes;
import io.sessionflow.dashboard.testing.Browser;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A benchmark, not a test (no timing assertion): whether a page following a full-speed replay slows it. In one JVM it
 * alternates, in rounds, three full-speed replays of the same generated data (200 symbols x the 21 sessions of
 * January 2024, 5m and 15m bars): as {@code sessionflow replay} runs it (no dashboard), as a dashboard run with no
 * page open, and as a dashboard run with headless Chromium open on its panel (event stream, quality table, chart). It
 * prints events/s per run and the ratios of the medians. Run it with
 * {@code mvn -o -q -B -pl app -am verify -Dtest=DashboardFollowBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsessionflow.bench=true}; {@code -Dsessionflow.bench.symbols=N} and {@code -Dsessionflow.bench.rounds=N} change
 * the size.
 */
@EnabledIfSystemProperty(named = "sessionflow.bench", matches = "true")
class DashboardFollowBench {

    private static final LocalDate FROM = LocalDate.of(2024, 1, 2);
    private static final LocalDate TO = LocalDate.of(2024, 1, 31);

    @TempDir
    Path dir;

    @Test
    void aFollowingPageSlowsAFullSpeedReplayBy() throws Exception {
        int symbols = Integer.getInteger("sessionflow.bench.symbols", 200);
        int pairs = Integer.getInteger("sessionflow.bench.rounds", 5);
        String db = dir.resolve("bench.duckdb").toString();
        CliRun gen = CliRun.of("generate", "--db", db, "--symbols", Integer.toString(symbols), "--from",
                FROM.toString(), "--to", TO.toString());
        assertThat(gen.exitCode()).as(gen.err()).isZero();
        int digits = Math.max(3, String.valueOf(symbols).length());  // the generator's names: SYM001, or SYM0001
        List<Symbol> names = IntStream.rangeClosed(1, symbols).mapToObj(i -> Symbol.of(String.format(Locale.ROOT,
                "SYM%0" + digits + "d", i))).toList();
        RunRequest request = new RunRequest(names, FROM, TO, List.of(Interval.ofMinutes(5), Interval.ofMinutes(15)),
                0, 0);
        List<Double> plain = new ArrayList<>();
        List<Double> without = new ArrayList<>();
        List<Double> with = new ArrayList<>();
        try (MarketDataStore store = StoreOpener.stores().openExisting(db, "bench")) {
            RunRoutes routes = DashboardRuns.routes(store);
            try (Dashboard dashboard = Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0,
                    AccessToken.random(new SecureRandom()))).routes(routes).start();
                 Browser browser = Browser.open()) {
                browser.driver().get(dashboard.uri() + "#runs&token=" + dashboard.settings().token().reveal());
                browser.until(d -> d.findElement(By.id("run-start")).isDisplayed());
                run(routes, request, null, null);  // warm-up: the JIT, DuckDB's caches
                plain(store, request);
                for (int i = 0; i < pairs; i++) {
                    // Rotate the order, so that a drift of the machine's load does not favour one case.
                    for (int k = 0; k < 3; k++) {
                        int which = (i + k) % 3;
                        double rate = which == 0 ? plain(store, request)
                                : run(routes, request, which == 2 ? browser : null, which == 2 ? dashboard : null);
                        (which == 0 ? plain : which == 1 ? without : with).add(rate);
                        System.out.printf(Locale.ROOT, "round %d %-32s %,12.0f events/s%n", i + 1, which == 0
                                ? "replay, no dashboard" : which == 1 ? "dashboard run, no page" : "dashboard run, "
                                + "page following", rate);
                    }
                }
            }
        }
        double p = median(plain);
        double a = median(without);
        double b = median(with);
        System.out.printf(Locale.ROOT, "%d symbols x %s..%s, %d rounds, medians: replay %,.0f, dashboard run without "
                + "page %,.0f, with page %,.0f events/s; with page / without page %.3f, with page / replay %.3f%n",
                symbols, FROM, TO, pairs, p, a, b, b / a, b / p);
    }

    /** The same replay as {@code sessionflow replay} runs it, without a dashboard: no sampler, no board. */
    private static double plain(MarketDataStore store, RunRequest request) throws InterruptedException {
        java.io.PrintWriter quiet = new java.io.PrintWriter(java.io.Writer.nullWriter());
        DashboardRuns launcher = DashboardRuns.launcher(store);
        ReplayRunner.Started started = ReplayRunner.start(store, launcher.range(request),
                DashboardRuns.options(request), List.of(), quiet, ReplayRunner.Attach.NONE);
        ReplayRunner.Outcome outcome = ReplayRunner.finish(started, () -> false, () -> false, quiet);
        return ((Number) SummaryJson.of(outcome).get("eventsPerSecond")).doubleValue();
    }

    /** One full-speed replay, followed by the page when {@code browser} is given; its events/s from the summary. */
    private static double run(RunRoutes routes, RunRequest request, Browser browser, Dashboard dashboard)
            throws InterruptedException {
        long cpu0 = browserCpuNanos();
        long wall0 = System.nanoTime();
        RunHandle run = routes.registry().launch(request);
        if (browser != null) {
            // The page is open already (as when a person starts a run from it): it only switches to the new run.
            browser.script("location.hash = arguments[0]", "#runs/" + run.id());
        }
        long seen = -1;
        while (!run.state().ended()) {
            seen = run.board().awaitAfter(seen, 1_000_000_000L);
        }
        assertThat(run.state().code()).as(run.failure().orElse("")).isEqualTo("finished");
        if (browser != null) {
            System.out.printf(Locale.ROOT, "  the browser's processes used %.0f ms of CPU over the run's %.0f ms%n",
                    (browserCpuNanos() - cpu0) / 1e6, (System.nanoTime() - wall0) / 1e6);
        }
        if (browser != null) {
            browser.until(d -> run.id().equals(browser.script("return window.sfRuns.last && window.sfRuns.last.id"))
                    && "finished".equals(d.findElement(By.id("run-state")).getText()));
        }
        return ((Number) run.report().orElseThrow().summary().get("eventsPerSecond")).doubleValue();
    }

    /** CPU time of every Chromium and chromedriver process so far (what the page costs the machine). */
    private static long browserCpuNanos() {
        return ProcessHandle.allProcesses().filter(p -> p.info().command().map(c -> c.contains("chrom")).orElse(false))
                .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L)).sum();
    }

    private static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
