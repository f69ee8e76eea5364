package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.dashboard.AccessToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessionflow live --dashboard} against a local Alpaca-like server: the live run is attached to the dashboard,
 * its progress reaches the event stream, and the page's Pause, Resume and Stop call the data manager's controls; the
 * Stop ends the command as a signal would. The feed plays 15:50..15:55 at 60 times real time from 15:50.
 */
class LiveDashboardCommandTest {

    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aLiveRunIsFollowedPausedResumedAndStoppedFromItsDashboard() throws Exception {
        AlpacaLikeServer server = new AlpacaLikeServer(LiveCommandTest.KEY, LiveCommandTest.SECRET,
                LiveCommandTest.sixMinutes()).startAndWait();
        try {
            Path credentials = Files.writeString(dir.resolve("alpaca.properties"), "key_id=" + LiveCommandTest.KEY
                    + "\nsecret_key=" + LiveCommandTest.SECRET + "\n");
            ReplayDashboardCommandTest.Watched err = new ReplayDashboardCommandTest.Watched();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(new String[] {"live",
                "--feed", "server", "--url", server.base().toString(), "--symbols", "AAA,BBB", "--credentials",
                credentials.toString(), "--replay-clock", LiveCommandTest.CLOCK, "--speed", "60", "--status", "off",
                "--dashboard", "--dashboard-port", "0"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertThat(err.printed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(err.text()).isTrue();
            URI base = URI.create(err.address.group(1));
            String id = err.address.group(2);
            String token = err.address.group(3);

            JsonNode runs = json.readTree(get(base, "/api/runs"));
            assertThat(runs.get("runs")).hasSize(1);
            assertThat(runs.get("runs").get(0).get("kind").asText()).isEqualTo("live");
            assertThat(runs.get("runs").get(0).get("origin").asText()).isEqualTo("command");

            JsonNode streaming = firstView(base, id, v -> v.get("progress").get("events").asLong() >= 2);
            assertThat(streaming.get("state").asText()).isEqualTo("running");
            assertThat(streaming.get("progress").get("session").asText()).isEqualTo(LiveCommandTest.MONDAY
                    .toString());

            assertThat(post(base, "/api/runs/" + id + "/pause", token).statusCode()).isEqualTo(200);
            assertThat(json.readTree(get(base, "/api/runs/" + id)).get("state").asText()).isEqualTo("paused");
            assertThat(post(base, "/api/runs/" + id + "/resume", token).statusCode()).isEqualTo(200);
            assertThat(json.readTree(get(base, "/api/runs/" + id)).get("state").asText()).isEqualTo("running");
            HttpResponse<String> stop = post(base, "/api/runs/" + id + "/stop", token);
            assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);

            assertThat(exit.get(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as(err.text()).isZero();
            assertThat(err.text()).contains("interrupted by the dashboard's Stop")
                    .doesNotContain(LiveCommandTest.SECRET);
            assertThat(err.text().split(token, -1)).as("the token is printed once, in the address").hasSize(2);
        } finally {
            server.shutdown();
        }
    }

    /** The first view on the run's event stream that {@code wanted} accepts. */
    private JsonNode firstView(URI base, String id, Predicate<JsonNode> wanted) throws Exception {
        HttpResponse<Stream<String>> r = http.sendAsync(HttpRequest.newBuilder(base.resolve("/api/runs/" + id
                + "/events")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        try (Stream<String> lines = r.body()) {
            for (Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.startsWith("data:")) {
                    JsonNode view = json.readTree(line.substring("data:".length()));
                    if (wanted.test(view)) {
                        return view;
                    }
                }
            }
        }
        throw new AssertionError("the event stream of " + id + " ended without the view wanted");
    }

    private String get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private HttpResponse<String> post(URI base, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header(AccessToken.HEADER, token)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
