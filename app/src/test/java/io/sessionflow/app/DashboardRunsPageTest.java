package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.dashboard.testing.Browser;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import java.security.SecureRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Runs started from the dashboard's page in headless Chromium, on the LEAN reference equities imported by {@code
 * sessionflow import}: the page's final table is the command line's, and Pause, Resume and Stop drive the run.
 * Screenshots go to {@code target/screenshots/}.
 */
class DashboardRunsPageTest {

    private static final String SYMBOLS = "SPY,IBM,BAC,AIG";
    private static final String FROM = "2013-10-07";
    private static final String TO = "2013-10-11";

    @TempDir
    static Path dir;
    private static String db;

    @BeforeAll
    static void importLeanEquities() {
        Path lean = ReferenceData.require("marketdata/lean/equity");
        db = dir.resolve("lean.duckdb").toString();
        CliRun r = CliRun.of("import", "--format", "lean", "--db", db, lean.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** The footer's first line gives the run's wall time; everything else must be the same text. */
    static String withoutTiming(String table) {
        return table.replaceAll("delivered in [0-9.]+ s \\([0-9,]+ events/s\\)", "delivered in T s (R events/s)");
    }

    @Test
    void aReplayStartedFromThePageEndsWithTheTableTheCommandLinePrints() {
        String pageTable;
        try (MarketDataStore store = StoreOpener.stores().openExisting(db, "test");
             Dashboard dashboard = start(store); Browser browser = Browser.open()) {
            open(browser, dashboard);
            type(browser, "run-symbols", SYMBOLS.toLowerCase(java.util.Locale.ROOT));
            type(browser, "run-from", FROM);
            type(browser, "run-to", TO);
            type(browser, "run-intervals", "5,15");
            type(browser, "run-drop", "0.1");
            browser.driver().findElement(By.id("run-start")).click();
            browser.until(d -> "finished".equals(text(browser, "run-state")));
            WebElement pre = browser.until(d -> {
                WebElement e = d.findElement(By.id("run-table"));
                return e.isDisplayed() && !e.getText().isBlank() ? e : null;
            });
            pageTable = (String) browser.script("return document.getElementById('run-table').textContent");
            assertThat(browser.driver().findElements(By.cssSelector("#run-quality tr[data-symbol]"))).hasSize(4);
            assertThat(pre.getText()).contains("2013-10-11");
            browser.screenshot("runs-finished");
        }
        CliRun cli = CliRun.of("replay", "--db", db, "--symbols", SYMBOLS, "--from", FROM, "--to", TO, "--intervals",
                "5,15", "--drop-rate", "0.1");
        assertThat(cli.exitCode()).as(cli.err()).isZero();
        assertThat(withoutTiming(pageTable)).isEqualTo(withoutTiming(cli.out()));
        assertThat(cli.out().lines().filter(l -> l.startsWith("2013-10-")).count()).isEqualTo(5);
    }

    @Test
    void pauseHoldsTheProgressResumeContinuesItAndStopEndsTheRunAsStopped() {
        try (MarketDataStore store = StoreOpener.stores().openExisting(db, "test");
             Dashboard dashboard = start(store); Browser browser = Browser.open()) {
            open(browser, dashboard);
            type(browser, "run-symbols", SYMBOLS);
            type(browser, "run-from", FROM);
            type(browser, "run-to", TO);
            type(browser, "run-speed", "1200");  // a session of 390 minutes takes about 20 s
            browser.driver().findElement(By.id("run-start")).click();
            browser.until(d -> "running".equals(text(browser, "run-state")) && events(browser) > 0);
            browser.screenshot("runs-running");

            browser.driver().findElement(By.id("run-pause")).click();
            browser.until(d -> "paused".equals(text(browser, "run-state")));
            long settled = snapshots(browser) + 2;  // a snapshot published as the pause took effect has arrived
            browser.until(d -> snapshots(browser) >= settled);
            long held = events(browser);
            long later = snapshots(browser) + 3;
            browser.until(d -> snapshots(browser) >= later);
            assertThat(events(browser)).as("events while paused").isEqualTo(held);
            assertThat(browser.script("return window.sfRuns.last.state")).isEqualTo("paused");
            browser.screenshot("runs-paused");

            browser.driver().findElement(By.id("run-resume")).click();
            browser.until(d -> "running".equals(text(browser, "run-state")) && events(browser) > held);

            browser.driver().findElement(By.id("run-stop")).click();
            try {
                browser.until(d -> "stopped".equals(text(browser, "run-state")));
            } catch (RuntimeException e) {
                browser.screenshot("runs-stop-failed");
                throw new AssertionError("last view: " + browser.script("return JSON.stringify(window.sfRuns.last)")
                        + ", snapshots " + snapshots(browser), e);
            }
            String table = browser.until(d -> {
                String t = (String) browser.script("return document.getElementById('run-table').textContent");
                return t.isBlank() ? null : t;
            });
            assertThat(table).contains("interrupted:");
            browser.screenshot("runs-stopped");
        }
    }

    private static Dashboard start(MarketDataStore store) {
        return Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0, AccessToken.random(
                new SecureRandom()))).routes(DashboardRuns.routes(store)).start();
    }

    private static void open(Browser browser, Dashboard dashboard) {
        browser.driver().get(dashboard.uri() + "#runs&token=" + dashboard.settings().token().reveal());
        browser.until(d -> d.findElement(By.id("run-start")).isDisplayed());
    }

    private static void type(Browser browser, String id, String value) {
        WebElement e = browser.driver().findElement(By.id(id));
        e.clear();
        e.sendKeys(value);
    }

    private static String text(Browser browser, String id) {
        return browser.driver().findElement(By.id(id)).getText();
    }

    private static long events(Browser browser) {
        Object v = browser.script("const r = window.sfRuns.last; return r ? r.progress.events : 0");
        return ((Number) v).longValue();
    }

    private static long snapshots(Browser browser) {
        return ((Number) browser.script("return window.sfRuns.snapshots")).longValue();
    }

}
