package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionflow.dashboard.testing.Browser;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The Store and Session pages in headless Chromium on the LEAN reference store: every heatmap cell has the quality
 * {@code sessionflow gaps} prints, the tooltip of real cells says so, and SHY's 2008-03-07 session shows its 57
 * missing minutes. Screenshots go to target/screenshots.
 */
class DashboardStoreBrowserTest {

    @TempDir
    static Path dir;

    static LeanDashboard lean;
    /** The heatmap's answer, and gaps' lines for its columns, computed once. */
    static JsonNode heatmap;
    static Map<String, LeanDashboard.Gap> gaps;

    @BeforeAll
    static void serve() throws Exception {
        lean = LeanDashboard.imported(dir);
        heatmap = lean.json("/api/store/heatmap");
        List<String> symbols = new ArrayList<>();
        heatmap.get("symbols").forEach(s -> symbols.add(s.asText()));
        List<LocalDate> dates = new ArrayList<>();
        heatmap.get("sessions").forEach(s -> dates.add(LocalDate.parse(s.get("date").asText())));
        lean.stop();  // gaps opens the file itself
        gaps = lean.gaps(symbols, dates);
        lean.start();
    }

    @AfterAll
    static void stop() {
        if (lean != null) {
            lean.close();
        }
    }

    private static Browser open(String hash) {
        Browser b = Browser.open();
        b.driver().get(lean.uri() + "#token=" + lean.token.reveal());
        if (!hash.isEmpty()) {
            b.script("location.hash = arguments[0]", hash);
        }
        return b;
    }

    @Test
    void theHeatmapHasOneCellPerSymbolAndSessionWithTheQualityGapsPrints() {
        try (Browser b = open("")) {
            WebElement canvas = b.until(d -> {
                WebElement c = d.findElement(By.id("heatmap"));
                return "true".equals(c.getAttribute("data-rendered")) ? c : null;
            });
            int rows = heatmap.get("symbols").size();
            int columns = heatmap.get("sessions").size();
            assertThat(rows).isEqualTo(10);
            assertThat(columns).isEqualTo(19);
            assertThat(canvas.getAttribute("data-rows")).isEqualTo(String.valueOf(rows));
            assertThat(canvas.getAttribute("data-columns")).isEqualTo(String.valueOf(columns));
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> cells = (List<Map<String, Object>>) b.script("return window.sfHeatmap.cells");
            assertThat(cells).hasSize(rows * columns);
            int withData = 0;
            for (Map<String, Object> cell : cells) {
                LeanDashboard.Gap g = gaps.get(cell.get("symbol") + " " + cell.get("date"));
                assertThat(g).as("gaps line of %s", cell).isNotNull();
                assertThat(((Number) cell.get("expected")).intValue()).as("expected of %s", cell)
                        .isEqualTo(g.expected());
                if (cell.get("quality") == null) {
                    assertThat(g.present()).as("a cell without data: gaps finds no bar, %s", cell).isZero();
                } else {
                    withData++;
                    assertThat(((Number) cell.get("present")).intValue()).as("present of %s", cell)
                            .isEqualTo(g.present());
                    assertThat(String.format(java.util.Locale.ROOT, "%.2f%%",
                            ((Number) cell.get("quality")).doubleValue())).as("quality of %s", cell)
                            .isEqualTo(g.quality());
                }
            }
            assertThat(withData).isEqualTo(40);
            assertThat(gaps.get("GOOG 2015-12-24").expected()).isEqualTo(210);  // an early close

            assertThat(hover(b, canvas, "SHY", "2008-03-07")).containsExactly("SHY · 2008-03-07",
                    "present 333 / expected 390", "missing 57", "quality 85.38%");
            assertThat(hover(b, canvas, "GOOG", "2015-12-24")).containsExactly("GOOG · 2015-12-24",
                    "present 210 / expected 210", "missing 0", "quality 100.00%");
            assertThat(hover(b, canvas, "SHY", "2013-10-04")).startsWith("SHY · 2013-10-04",
                    "no data (no 1m bar in this session)");
            b.screenshot("store-heatmap");

            new Actions(b.driver()).moveToElement(canvas, offset(b, canvas, "SHY", "2008-03-07")[0],
                    offset(b, canvas, "SHY", "2008-03-07")[1]).click().perform();
            Object opened = b.until(d -> b.script("return location.hash === '#session/SHY/2008-03-07' "
                    + "&& document.getElementById('session-view').dataset.rendered === 'true'"));
            assertThat(opened).isEqualTo(Boolean.TRUE);
        }
    }

    /** Moves the mouse over the cell of {@code symbol} x {@code date} and returns the tooltip's lines. */
    private static List<String> hover(Browser b, WebElement canvas, String symbol, String date) {
        int[] at = offset(b, canvas, symbol, date);
        new Actions(b.driver()).moveToElement(canvas, at[0], at[1]).perform();
        String text = b.until(d -> {
            WebElement tip = d.findElement(By.id("heatmap-tip"));
            return tip.isDisplayed() && tip.getText().startsWith(symbol + " · " + date) ? tip.getText() : null;
        });
        return text.lines().toList();
    }

    /** The cell's centre as an offset from the canvas's centre (how Selenium 4 moves to an element). */
    private static int[] offset(Browser b, WebElement canvas, String symbol, String date) {
        List<String> symbols = new ArrayList<>();
        heatmap.get("symbols").forEach(s -> symbols.add(s.asText()));
        List<String> dates = new ArrayList<>();
        heatmap.get("sessions").forEach(s -> dates.add(s.get("date").asText()));
        @SuppressWarnings("unchecked")
        Map<String, Number> c = (Map<String, Number>) b.script("return window.sfHeatmap.cellCenter(arguments[0], "
                + "arguments[1])", symbols.indexOf(symbol), dates.indexOf(date));
        return new int[] {(int) Math.round(c.get("x").doubleValue() - canvas.getSize().getWidth() / 2.0),
            (int) Math.round(c.get("y").doubleValue() - canvas.getSize().getHeight() / 2.0)};
    }

    @Test
    void shy20080307Shows57MarkedMinutesWithTheirTimes() {
        try (Browser b = open("#session/SHY/2008-03-07/5")) {
            b.until(d -> "true".equals(d.findElement(By.id("session-view")).getAttribute("data-rendered")));
            List<WebElement> marks = b.driver().findElements(By.cssSelector("#session-marks li"));
            assertThat(marks).hasSize(57);
            assertThat(marks).allSatisfy(m -> assertThat(m.getAttribute("data-kind")).isEqualTo("missing"));
            List<String> times = marks.stream().map(m -> m.getAttribute("data-time")).toList();
            // 09:49, 09:58 and 10:10 ET (EST, UTC-5, before the 2008-03-09 change to daylight time)
            assertThat(times).contains("2008-03-07T14:49:00Z", "2008-03-07T14:58:00Z", "2008-03-07T15:10:00Z")
                    .doesNotContain("2008-03-07T14:30:00Z");
            assertThat(b.driver().findElement(By.id("count-missing")).getText()).isEqualTo("57");
            assertThat(b.driver().findElement(By.cssSelector("#session-price .uplot")).getAttribute(
                    "data-drawn-marks")).isEqualTo("57");
            assertThat(b.driver().findElement(By.cssSelector("#session-figures")).getText())
                    .contains("expected 390", "present 333", "missing 57", "confirmed missing 57", "quality 85.38%");
            assertThat(b.driver().findElements(By.cssSelector("#session-trailing tr"))).hasSize(1 + 5 + 1);
            assertThat(b.driver().findElement(By.id("session-status")).getText()).contains("times in ET");
            b.screenshot("session-shy-2008-03-07");
        }
    }
}
