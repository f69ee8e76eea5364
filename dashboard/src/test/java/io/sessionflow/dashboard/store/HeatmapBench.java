package io.sessionflow.dashboard.store;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.testing.Browser;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.store.synthetic.SyntheticBars;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;

/**
 * The heatmap benchmark (not a timed test: it prints, asserts nothing about time): 500 symbols x 250 sessions of
 * synthetic 1m bars (0.2 % of minutes missing) in a DuckDB file under target/bench (generated once, about 49 million
 * rows), served, and the page opened in headless Chromium: per run a new server, its first load (cold: the grouped
 * count runs) and its second (warm: the answer cached), each with the page's API time and the time from navigation
 * to the heatmap's rendered mark. Run with
 * {@code mvn -o -q -B -pl dashboard -am test -Dtest=HeatmapBench -Dsurefire.failIfNoSpecifiedTests=false
 * -Dsessionflow.bench=true}. Threading: one test thread.
 */
@EnabledIfSystemProperty(named = "sessionflow.bench", matches = "true")
class HeatmapBench {

    static final int SYMBOLS = 500;
    static final int SESSIONS = 250;
    static final int RUNS = 5;

    @Test
    void heatmapOf500SymbolsBy250Sessions() throws Exception {
        Path file = Path.of("target", "bench", "heatmap-" + SYMBOLS + "x" + SESSIONS + ".duckdb");
        LocalDate from = LocalDate.of(2024, 1, 2);
        List<TradingSession> sessions = Calendars.xnys().sessions(from, from.plusYears(2)).subList(0, SESSIONS);
        LocalDate to = sessions.get(SESSIONS - 1).date();
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            long t0 = System.nanoTime();
            try (MarketDataStore store = Stores.open(file.toString())) {
                SyntheticBars.create(SYMBOLS, 0.002, 7).forEachSession(from, to, (s, bars) -> store.upsertBars(bars));
            }
            System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
        }
        SessionConfig config = SessionConfig.defaults();
        try (MarketDataStore store = Stores.openExisting(file.toString()); Browser browser = Browser.open()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int run = 1; run <= RUNS; run++) {
                // A new server each run: its first page load is cold (the grouped count runs), the second warm (the
                // answer cached while the store's extents stay the same).
                try (Dashboard dashboard = Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0,
                        AccessToken.random(new SecureRandom()))).routes(StoreViews.of(store,
                        config.calendar(Calendars.xnys()), config)).start()) {
                    String cold = load(browser, dashboard);
                    String warm = load(browser, dashboard);
                    long t0 = System.nanoTime();
                    HttpResponse<String> api = http.send(HttpRequest.newBuilder(dashboard.uri()
                            .resolve("/api/store/heatmap")).build(), HttpResponse.BodyHandlers.ofString());
                    System.out.printf(Locale.ROOT, "run %d: cold %s; warm %s; API alone (warm) %.0f ms, %,d bytes%n",
                            run, cold, warm, (System.nanoTime() - t0) / 1e6, api.body().length());
                }
            }
            browser.screenshot("heatmap-bench-500x250");
        }
    }

    /** Opens the page and waits for the heatmap: the page's API time and navigation to rendered, in ms. */
    private static String load(Browser browser, Dashboard dashboard) {
        browser.driver().get("about:blank");
        browser.driver().get(dashboard.uri().toString() + "#store");
        browser.until(d -> "true".equals(d.findElement(By.id("heatmap")).getAttribute("data-rendered")));
        Number rendered = (Number) browser.script("return performance.getEntriesByName('sf-heatmap-rendered')[0]"
                + ".startTime");
        Number api = (Number) browser.script("return window.sfHeatmapApiMs");
        Object cells = browser.script("return window.sfHeatmap.cells.length");
        return String.format(Locale.ROOT, "API %.0f ms, navigation to rendered %.0f ms (%s cells)", api.doubleValue(),
                rendered.doubleValue(), cells);
    }
}
