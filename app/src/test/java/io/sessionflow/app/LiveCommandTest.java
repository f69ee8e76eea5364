package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sessionflow live --feed server} against a local Alpaca-like server, on a replay clock that starts at
 * 15:50 ET when the subscription is acknowledged and runs 60 times as fast: the bars of 15:50..15:55, sent with the
 * acknowledgement, wait in the feed until the clock passes them (the feed looks at the clock at least once a wall
 * second, a market minute here), and the session ends by the clock ten wall seconds later, three after the last bar
 * is due at the latest. Each run is bounded by a timeout; nothing sleeps.
 */
class LiveCommandTest {

    static final String KEY = "PKTEST0001";
    static final String SECRET = "s3cr3t-do-not-print";
    static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    static final Instant FIFTEEN_FIFTY = SESSION.close().minus(Duration.ofMinutes(10));
    static final Instant FIFTEEN_FIFTY_SIX = SESSION.close().minus(Duration.ofMinutes(4));
    static final String CLOCK = FIFTEEN_FIFTY.toString();
    static final Symbol AAA = Symbol.of("AAA");
    static final Symbol BBB = Symbol.of("BBB");
    private static final long TIMEOUT_SECONDS = 60;

    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final List<AlpacaLikeServer> servers = new ArrayList<>();
    private Path credentials;

    @BeforeEach
    void credentials() throws Exception {
        credentials = dir.resolve("alpaca.properties");
        Files.writeString(credentials, "key_id=" + KEY + "\nsecret_key=" + SECRET + "\n");
    }

    @AfterEach
    void stop() throws Exception {
        executor.shutdownNow();
        for (AlpacaLikeServer s : servers) {
            s.shutdown();
        }
    }

    /** Six minutes, 15:50..15:55, of AAA and BBB. */
    static List<Bar> sixMinutes() {
        long from = Micros.of(FIFTEEN_FIFTY);
        long to = Micros.of(FIFTEEN_FIFTY_SIX);
        return new ArrayList<>(Bars.session(List.of(AAA, BBB), MONDAY, MONDAY.plusDays(1),
                (s, t) -> t < from || t >= to));
    }

    private AlpacaLikeServer server(List<Bar> bars) throws InterruptedException {
        AlpacaLikeServer s = new AlpacaLikeServer(KEY, SECRET, bars).startAndWait();
        servers.add(s);
        return s;
    }

    private List<String> liveArgs(AlpacaLikeServer server, String... more) {
        List<String> args = new ArrayList<>(List.of("live", "--feed", "server", "--url", server.base().toString(),
                "--symbols", "aaa,BBB", "--intervals", "5", "--credentials", credentials.toString(),
                "--replay-clock", CLOCK, "--speed", "60", "--status", "lines", "--status-interval", "1s"));
        args.addAll(List.of(more));
        return args;
    }

    private <T> T bounded(Supplier<T> run) throws Exception {
        Future<T> f = executor.submit(run::get);
        return f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void theSessionEndsWithItsTableAndTheEventsAndSummaryOfAReplay() throws Exception {
        AlpacaLikeServer server = server(sixMinutes());
        Path events = dir.resolve("events.jsonl");
        Path summary = dir.resolve("summary.json");
        CliRun r = bounded(() -> CliRun.of(liveArgs(server, "--events", events.toString(), "--summary",
                summary.toString()).toArray(String[]::new)));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain(SECRET)
                .contains("live: feed-server " + server.base() + "/v2/iex, 2 symbols (bars), until 1 session ended, "
                        + "replay clock from " + CLOCK + " at 60x once subscribed, no store")
                .contains("session 2025-11-24 ended (clock) [1/1]");
        // The table at the session's end: 12 bars of 780 expected minutes, two 5m bars per symbol (15:50, 15:55).
        assertThat(r.outLines()).anySatisfy(l -> assertThat(l.split("\\s+")).containsExactly("2025-11-24", "2",
                "12", "4", "0", "0", "0", "1.54%", "clock", "16:00", "ET"));
        assertThat(r.out()).contains("events delivered in");

        List<JsonNode> lines = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String l : Files.readAllLines(events, StandardCharsets.UTF_8)) {
            lines.add(mapper.readTree(l));
        }
        assertThat(lines.get(0).get("type").asText()).isEqualTo("session_start");
        assertThat(lines.get(lines.size() - 1).get("type").asText()).isEqualTo("session_end");
        assertThat(lines.get(lines.size() - 1).get("reason").asText()).isEqualTo("clock");
        assertThat(lines).filteredOn(n -> n.path("interval").asText().equals("1m")).hasSize(12)
                .extracting(n -> n.get("symbol").asText() + " " + n.get("start").asText())
                .contains("AAA " + FIFTEEN_FIFTY, "BBB " + FIFTEEN_FIFTY_SIX.minus(Duration.ofMinutes(1)));
        assertThat(lines).filteredOn(n -> n.path("interval").asText().equals("5m")).hasSize(4);

        // The run's own summary agrees with the table printed at the session end.
        JsonNode s = mapper.readTree(summary.toFile());
        assertThat(s.get("interrupted").asBoolean(true)).isFalse();
        assertThat(s.has("failure")).isFalse();
        assertThat(s.get("sessions")).hasSize(1);
        JsonNode aaa = s.get("sessions").get(0).get("symbols").get("AAA");
        assertThat(aaa.get("expected").asInt()).isEqualTo(390);
        assertThat(aaa.get("present").asInt()).isEqualTo(6);
        assertThat(aaa.get("derived").get("5m").asInt()).isEqualTo(2);
        assertThat(s.get("events").asLong()).isEqualTo(lines.size());
        assertThat(server.received).as("auth, then one subscription").hasSize(2);
    }

    @Test
    void recordWritesTheLiveBarsIntoTheStore() throws Exception {
        AlpacaLikeServer server = server(sixMinutes());
        InMemoryStore store = new InMemoryStore();
        CommandRun r = bounded(() -> CommandRun.of(store, liveArgs(server, "--db", "memory", "--record")
                .toArray(String[]::new)));

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.opened()).containsExactly("memory");
        assertThat(r.out()).contains("recorded 12 1m bars into " + store.description());
        TimeRange range = TimeRange.of(SESSION.open(), SESSION.close());
        assertThat(store.readBars(List.of(AAA, BBB), Interval.ONE_MINUTE, range))
                .containsExactlyInAnyOrderElementsOf(sixMinutes());
    }

    @Test
    void refusedCredentialsEndTheRunWithTheCauseButNotTheSecret() throws Exception {
        AlpacaLikeServer server = new AlpacaLikeServer(KEY, "another-secret", List.of()).startAndWait();
        servers.add(server);
        Path summary = dir.resolve("summary.json");
        CliRun r = bounded(() -> CliRun.of(liveArgs(server, "--summary", summary.toString(), "--format", "json")
                .toArray(String[]::new)));

        assertThat(r.exitCode()).isEqualTo(Main.FAILURE);
        assertThat(r.err()).doesNotContain(SECRET);
        assertThat(r.errLines()).anySatisfy(l -> assertThat(l).startsWith("sessionflow live: error: feed-server: "
                + "authentication rejected for key …0001").contains("auth failed"));
        assertThat(server.received).as("the credentials were sent once: a refusal is final").hasSize(1);
        JsonNode s = new ObjectMapper().readTree(summary.toFile());
        assertThat(s.get("sessions")).isEmpty();
        assertThat(s.get("failure").asText()).contains("authentication rejected").doesNotContain(SECRET);
        assertThat(new ObjectMapper().readTree(r.out())).as("--format json: the summary on stdout").isEqualTo(s);
    }

    @Test
    void badOptionsAreUsageErrors() {
        record Case(String why, List<String> args, String message) {
        }
        List<Case> cases = List.of(
                new Case("no feed", List.of("--symbols", "AAA"), "Missing required option: '--feed"),
                new Case("unknown feed", List.of("--feed", "polygon", "--symbols", "AAA"), "--feed"),
                new Case("no symbols", List.of("--feed", "server"), "--symbols"),
                new Case("speed without a replay clock", List.of("--feed", "server", "--symbols", "AAA", "--speed",
                        "60"), "--speed 60.0 needs --replay-clock"),
                new Case("a clock that is no instant", List.of("--feed", "server", "--symbols", "AAA",
                        "--replay-clock", "yesterday"), "--replay-clock yesterday is not an instant"),
                new Case("a zero speed", List.of("--feed", "server", "--symbols", "AAA", "--replay-clock",
                        CLOCK, "--speed", "0"), "--speed 0.0 is not a positive number"),
                new Case("ticks without recording", List.of("--feed", "server", "--symbols", "AAA",
                        "--streams", "bars,trades", "--record-ticks"), "--record-ticks needs --record"),
                new Case("negative sessions", List.of("--feed", "server", "--symbols", "AAA", "--sessions", "-1"),
                        "--sessions -1 is negative"),
                new Case("no WebSocket URL", List.of("--feed", "server", "--symbols", "AAA", "--url",
                        "http://127.0.0.1:8765"), "--url http://127.0.0.1:8765 is not a ws:// or wss:// URL"),
                new Case("missing credentials file", List.of("--feed", "alpaca", "--symbols", "AAA",
                        "--credentials", "/nonexistent/alpaca.properties"),
                        "--credentials /nonexistent/alpaca.properties does not exist"),
                new Case("bad status mode", List.of("--feed", "server", "--symbols", "AAA", "--status", "blink"),
                        "--status"));
        for (Case c : cases) {
            List<String> args = new ArrayList<>(List.of("live"));
            args.addAll(c.args());
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.exitCode()).as(c.why() + ": " + r.err()).isEqualTo(Main.USAGE);
            assertThat(r.errLines()).as(c.why()).hasSize(1);
            assertThat(r.err()).as(c.why()).startsWith("sessionflow live: ").contains(c.message());
            assertThat(r.out()).as(c.why()).isEmpty();
        }
    }
}
