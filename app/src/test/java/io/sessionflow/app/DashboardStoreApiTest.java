package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store API over HTTP (the JDK's client) on the LEAN reference store: its JSON shapes and its 400s. */
class DashboardStoreApiTest {

    @TempDir
    static Path dir;

    static LeanDashboard lean;

    @BeforeAll
    static void serve() {
        lean = LeanDashboard.imported(dir);
    }

    @AfterAll
    static void stop() {
        if (lean != null) {
            lean.close();
        }
    }

    @Test
    void symbolsListEveryStoredKindWithItsExtent() throws Exception {
        JsonNode s = lean.json("/api/store/symbols");
        assertThat(s.get("calendar").asText()).isEqualTo("XNYS");
        assertThat(s.get("zone").asText()).isEqualTo("America/New_York");
        assertThat(s.get("symbols")).hasSize(10);
        JsonNode shy = s.get("symbols").get(7);
        assertThat(shy.get("symbol").asText()).isEqualTo("SHY");
        assertThat(shy.get("kinds").get(0).get("kind").asText()).isEqualTo("bars 1m");
        assertThat(shy.get("kinds").get(0).get("rows").asLong()).isEqualTo(652);
        assertThat(shy.get("kinds").get(0).get("firstDate").asText()).isEqualTo("2008-03-07");
    }

    @Test
    void theHeatmapFiltersBySymbolsDatesAndSearch() throws Exception {
        JsonNode h = lean.json("/api/store/heatmap?symbols=shy,goog&from=2008-03-01&to=2015-12-31");
        assertThat(h.get("symbols")).extracting(JsonNode::asText).containsExactly("GOOG", "SHY");
        assertThat(h.get("sessions")).extracting(c -> c.get("date").asText()).containsExactly("2008-03-07",
                "2008-03-10", "2015-12-23", "2015-12-24", "2015-12-28");
        assertThat(h.get("sessions").get(3).get("expected").asInt()).isEqualTo(210);
        assertThat(h.get("sessions").get(3).get("earlyClose").asBoolean()).isTrue();
        JsonNode shy = h.get("rows").get(1);
        assertThat(shy.get("present").get(0).asInt()).isEqualTo(333);
        assertThat(shy.get("quality").get(0).asDouble()).isEqualTo(85.38);
        assertThat(shy.get("present").get(2).isNull()).isTrue();
        JsonNode searched = lean.json("/api/store/heatmap?q=y");
        assertThat(searched.get("symbols")).extracting(JsonNode::asText).containsExactly("SHY", "SPY");
    }

    @Test
    void aSessionHasItsBarsMarksFiguresAndTrailingSessions() throws Exception {
        JsonNode s = lean.json("/api/store/session?symbol=SHY&date=2008-03-07&interval=15&trailing=3");
        assertThat(s.get("zoneLabel").asText()).isEqualTo("ET");
        assertThat(s.get("interval").asInt()).isEqualTo(15);
        assertThat(s.get("bars").get("time")).hasSize(333);
        assertThat(s.get("bars").get("open")).hasSize(333);
        assertThat(s.get("derived").get("time").size()).isBetween(1, 26);
        assertThat(s.get("marks")).hasSize(57);
        assertThat(s.get("marks").get(0).get("local").asText()).isEqualTo("09:49");
        assertThat(s.get("counts").get("missing").asInt()).isEqualTo(57);
        JsonNode f = s.get("figures");
        assertThat(f.get("expected").asInt()).isEqualTo(390);
        assertThat(f.get("present").asInt()).isEqualTo(333);
        assertThat(f.get("confirmedMissing").asInt()).isEqualTo(57);
        assertThat(f.get("quality").asDouble()).isEqualTo(85.38);
        assertThat(s.get("trailing")).extracting(t -> t.get("date").asText()).containsExactly("2008-03-04",
                "2008-03-05", "2008-03-06");
    }

    @Test
    void badParametersAre400JsonNamingTheParameterAndValue() throws Exception {
        String[][] cases = {
            {"/api/store/session?symbol=sp%20y&date=2008-03-07", "symbol 'sp y'"},
            {"/api/store/session?date=2008-03-07", "symbol (none)"},
            {"/api/store/session?symbol=ZZZZ&date=2008-03-07", "symbol 'ZZZZ': the store has no 1m bars"},
            {"/api/store/session?symbol=SHY&date=2008-13-07", "date '2008-13-07': not a date"},
            {"/api/store/session?symbol=SHY&date=2008-03-08", "date '2008-03-08': is not a session of XNYS"},
            {"/api/store/session?symbol=SHY&date=1800-01-02", "date '1800-01-02': is outside the calendar"},
            {"/api/store/session?symbol=SHY&date=2008-03-07&interval=0", "interval '0': must be 1..60"},
            {"/api/store/session?symbol=SHY&date=2008-03-07&interval=abc", "interval 'abc': not a whole number"},
            {"/api/store/session?symbol=SHY&date=2008-03-07&trailing=99", "trailing '99': must be 0..20"},
            {"/api/store/heatmap?symbols=SHY,%3Bdrop", "symbols ';drop'"},
            {"/api/store/heatmap?symbols=NOPE", "symbols 'NOPE': the store has no 1m bars"},
            {"/api/store/heatmap?from=2008-03-10&to=2008-03-07", "from '2008-03-10': is after to 2008-03-07"},
            {"/api/store/heatmap?to=yesterday", "to 'yesterday': not a date"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = lean.get(c[0]);
            assertThat(r.statusCode()).as(c[0] + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type")).as(c[0]).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            assertThat(LeanDashboard.JSON.readTree(r.body()).get("error").asText()).as(c[0]).contains(c[1]);
        }
    }
}
