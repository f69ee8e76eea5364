package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.dashboard.AccessToken;
import io.sessionflow.testing.ReferenceData;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessionflow replay --dashboard}: the address on stderr, the one attached run, its Stop from the API. */
class ReplayDashboardCommandTest {

    private static final Pattern ADDRESS = Pattern.compile(
            "dashboard: (http://127\\.0\\.0\\.1:\\d+/)#runs/(run-\\d+)&token=([0-9a-f]+)");

    @TempDir
    static Path dir;
    private static String db;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void importLean() {
        Path lean = ReferenceData.require("marketdata/lean/equity");
        db = dir.resolve("lean.duckdb").toString();
        CliRun r = CliRun.of("import", "--format", "lean", "--db", db, lean.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    /** Stderr that tells when the dashboard's address has been printed. */
    static final class Watched extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CountDownLatch printed = new CountDownLatch(1);
        volatile Matcher address;

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n' && address == null) {
                Matcher m = ADDRESS.matcher(text());
                if (m.find()) {
                    address = m;
                    printed.countDown();
                }
            }
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReplayRunsBehindItsDashboardAndItsStopEndsTheCommandWithTheInterruptedTable() throws Exception {
        Watched err = new Watched();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"replay", "--db",
            db, "--symbols", "SPY,IBM", "--from", "2013-10-07", "--to", "2013-10-08", "--speed", "1200",
            "--dashboard"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertThat(err.printed.await(60, TimeUnit.SECONDS)).as(err.text()).isTrue();
        URI base = URI.create(err.address.group(1));
        String id = err.address.group(2);
        String token = err.address.group(3);

        JsonNode runs = json.readTree(http.send(HttpRequest.newBuilder(base.resolve("/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertThat(runs.get("canLaunch").asBoolean()).isFalse();
        assertThat(runs.get("runs")).hasSize(1);
        assertThat(runs.get("runs").get(0).get("origin").asText()).isEqualTo("command");
        assertThat(runs.get("runs").get(0).get("description").asText()).isEqualTo(
                "replay SPY,IBM 2013-10-07..2013-10-08");
        HttpResponse<String> launch = post(base, "/api/runs", token, "{\"symbols\":\"SPY\",\"from\":\"2013-10-07\","
                + "\"to\":\"2013-10-07\"}");
        assertThat(launch.statusCode()).isEqualTo(409);
        assertThat(post(base, "/api/runs/" + id + "/stop", null, "").statusCode()).isEqualTo(401);
        HttpResponse<String> stop = post(base, "/api/runs/" + id + "/stop", token, "");
        assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

        assertThat(exit.get(60, TimeUnit.SECONDS)).as(err.text()).isZero();
        String table = out.toString(StandardCharsets.UTF_8);
        assertThat(table).contains("interrupted: ");
        assertThat(err.text()).contains("interrupted by the dashboard's Stop: stopped after ");
        assertThat(http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/runs")).build(),
                HttpResponse.BodyHandlers.ofString()).handle((r, t) -> t != null).get(30, TimeUnit.SECONDS))
                .as("the dashboard closed with the command").isTrue();
    }

    @Test
    void theDashboardsOtherOptionsNeedDashboard() {
        CliRun r = CliRun.of("replay", "--db", db, "--symbols", "SPY", "--from", "2013-10-07", "--to", "2013-10-07",
                "--dashboard-wait");
        assertThat(r.exitCode()).isEqualTo(Main.USAGE);
        assertThat(r.errLines()).containsExactly("sessionflow replay: --dashboard-wait needs --dashboard");
    }

    private HttpResponse<String> post(URI base, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers
                .ofString(body));
        if (token != null) {
            b.header(AccessToken.HEADER, token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
