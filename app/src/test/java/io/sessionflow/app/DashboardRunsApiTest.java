package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.DashboardSettings;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.testing.ReferenceData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runs API over HTTP on the LEAN reference equities: the token, bad requests, unknown runs, the event stream. */
class DashboardRunsApiTest {

    @TempDir
    static Path dir;
    private static MarketDataStore store;
    private static Dashboard dashboard;
    private static final AccessToken TOKEN = AccessToken.random(new SecureRandom());
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        Path lean = ReferenceData.require("marketdata/lean/equity");
        String db = dir.resolve("lean.duckdb").toString();
        CliRun r = CliRun.of("import", "--format", "lean", "--db", db, lean.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        store = StoreOpener.stores().openExisting(db, "test");
        dashboard = Dashboard.builder().settings(new DashboardSettings("127.0.0.1", 0, TOKEN))
                .routes(DashboardRuns.routes(store)).start();
    }

    @AfterAll
    static void stop() {
        if (dashboard != null) {
            dashboard.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private HttpResponse<String> post(String path, String body, boolean withToken) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(dashboard.uri().resolve(path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (withToken) {
            b.header(AccessToken.HEADER, TOKEN.reveal());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(dashboard.uri().resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String request(String symbols, String from, String speed) {
        return "{\"symbols\":\"" + symbols + "\",\"from\":\"" + from + "\",\"to\":\"2013-10-08\",\"intervals\":\"5\","
                + "\"speed\":" + speed + "}";
    }

    @Test
    void startingARunWithoutTheTokenIs401AndStartsNothing() throws Exception {
        HttpResponse<String> r = post("/api/runs", request("SPY", "2013-10-07", "\"full\""), false);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(json.readTree(r.body()).get("error").asText()).contains(AccessToken.HEADER);
        assertThat(json.readTree(get("/api/runs").body()).get("runs")).allSatisfy(run ->
                assertThat(run.get("origin").asText()).isEqualTo("page"));
        assertThat(post("/api/runs/run-1/stop", "", false).statusCode()).isEqualTo(401);
    }

    @Test
    void aBadSymbolDateOrSpeedIs400WithJsonNamingIt() throws Exception {
        String[][] cases = {
            {request("SP Y", "2013-10-07", "\"full\""), "symbols 'SP Y'"},
            {request("ZZZZ", "2013-10-07", "\"full\""), "ZZZZ"},
            {request("SPY", "2013-13-07", "\"full\""), "from '2013-13-07': not a date"},
            {request("SPY", "2013-10-09", "\"full\""), "after to 2013-10-08"},
            {request("SPY", "2013-10-07", "\"fast\""), "speed 'fast'"},
            {request("SPY", "2013-10-07", "-3"), "speed '-3'"},
            {"not json", "not JSON"},
        };
        for (String[] c : cases) {
            HttpResponse<String> r = post("/api/runs", c[0], true);
            assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(json.readTree(r.body()).get("error").asText()).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void anUnknownRunIs404AsJson() throws Exception {
        for (HttpResponse<String> r : java.util.List.of(get("/api/runs/run-999"), get("/api/runs/run-999/events"),
                post("/api/runs/run-999/pause", "", true), post("/api/runs/..%2F..%2Fetc/stop", "", true))) {
            assertThat(r.statusCode()).as(r.uri().toString()).isEqualTo(404);
            assertThat(json.readTree(r.body()).get("error").asText()).as(r.uri().toString()).isNotBlank();
        }
    }

    @Test
    void aRunStartedOverHttpStreamsItsProgressAndEndsWithItsReport() throws Exception {
        HttpResponse<String> started = post("/api/runs", request("spy,ibm", "2013-10-07", "0"), true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        String id = json.readTree(started.body()).get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/runs/" + id);
        HttpResponse<java.io.InputStream> events = http.send(HttpRequest.newBuilder(dashboard.uri().resolve(
                "/api/runs/" + id + "/events")).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(events.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        JsonNode last = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    assertThat(event).isEqualTo("progress");
                    last = json.readTree(line.substring(6));
                }
            }
        }
        assertThat(last).isNotNull();
        assertThat(last.get("state").asText()).isEqualTo("finished");
        assertThat(last.get("progress").get("sessionsDone").asInt()).isEqualTo(2);
        assertThat(last.get("progress").get("symbols")).hasSize(2);
        assertThat(last.get("report").get("table").asText()).contains("2013-10-07").contains("2013-10-08");
        assertThat(last.get("report").get("summary").get("sessions")).hasSize(2);
        HttpResponse<String> again = post("/api/runs/" + id + "/pause", "", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json.readTree(again.body()).get("error").asText()).contains("finished");
    }
}
