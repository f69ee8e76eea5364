package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during {@code live}, in a real child JVM: the feed and the data manager stop, the events file holds whole
 * JSON lines of what was delivered, the summary says the run was interrupted, and the JVM exits 143 as a replay does.
 * The replay clock starts at 15:50:50 and runs 10 times as fast, so the first bars come 1.2 s after the subscription
 * and the session would end a minute later: the signal, sent once the status line counts the first bars, comes while
 * the session streams.
 */
@EnabledOnOs(OS.LINUX)
class LiveInterruptTest {

    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern EVENTS = Pattern.compile("  ([0-9,]+) events?$");

    @TempDir
    Path dir;

    @Test
    void sigtermStopsTheFeedAndWritesWhatWasDelivered() throws Exception {
        AlpacaLikeServer server = new AlpacaLikeServer(LiveCommandTest.KEY, LiveCommandTest.SECRET,
                LiveCommandTest.sixMinutes()).startAndWait();
        try {
            Path credentials = Files.writeString(dir.resolve("alpaca.properties"), "key_id=" + LiveCommandTest.KEY
                    + "\nsecret_key=" + LiveCommandTest.SECRET + "\n");
            Path events = dir.resolve("events.jsonl");
            Path summary = dir.resolve("summary.json");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "live", "--feed", "server", "--url", server.base().toString(),
                    "--symbols", "AAA,BBB", "--credentials", credentials.toString(), "--replay-clock",
                    LiveCommandTest.FIFTEEN_FIFTY.plusSeconds(50).toString(), "--speed", "10",
                    "--status", "lines", "--status-interval", "200ms",
                    "--events", events.toString(), "--summary", summary.toString());
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("stdout.txt").toFile()).start();
            BlockingQueue<String> err = new LinkedBlockingQueue<>();
            Thread reader = readLines(p, err);
            List<String> seen = new ArrayList<>();
            awaitEvents(err, seen, 3);  // the session start and the first two 1m bars
            assertThat(p.toHandle().destroy()).isTrue();  // SIGTERM
            assertThat(p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("child exits").isTrue();
            reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            err.drainTo(seen);
            assertThat(p.exitValue()).as("stderr: %s", seen).isEqualTo(128 + 15);
            assertThat(seen).anyMatch(l -> l.startsWith("interrupted by a signal: stopped after 0 sessions"));
            assertThat(seen).noneMatch(l -> l.contains(LiveCommandTest.SECRET));

            ObjectMapper mapper = new ObjectMapper();
            String text = Files.readString(events, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            List<JsonNode> lines = new ArrayList<>();
            for (String line : text.lines().toList()) {
                lines.add(mapper.readTree(line));  // throws on a truncated line
            }
            assertThat(lines.get(0).get("type").asText()).isEqualTo("session_start");
            assertThat(lines).filteredOn(n -> n.get("type").asText().equals("bar")).hasSizeGreaterThanOrEqualTo(2);
            assertThat(lines).noneMatch(n -> n.get("type").asText().equals("session_end"));
            JsonNode s = mapper.readTree(summary.toFile());
            assertThat(s.get("interrupted").asBoolean()).isTrue();
            assertThat(s.get("sessions")).isEmpty();
            assertThat(s.get("events").asLong()).isEqualTo(lines.size());
            assertThat(Files.readString(dir.resolve("stdout.txt"))).contains("interrupted: 0 of 1 session ended");
        } finally {
            server.shutdown();
        }
    }

    /** Waits for a status line that counts at least {@code n} delivered events. */
    private static void awaitEvents(BlockingQueue<String> err, List<String> seen, long n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(TIMEOUT_SECONDS).toNanos();
        while (true) {
            String line = err.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            assertThat(line).as("stderr so far: %s", seen).isNotNull();
            seen.add(line);
            Matcher m = EVENTS.matcher(line);
            if (line.startsWith(StatusPrinter.PREFIX) && m.find()
                    && Long.parseLong(m.group(1).replace(",", "")) >= n) {
                return;
            }
        }
    }

    private static Thread readLines(Process p, BlockingQueue<String> lines) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "child-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
