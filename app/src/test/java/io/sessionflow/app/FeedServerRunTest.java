package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
 * {@code sessionflow feed-server} as a user runs it, in a child JVM: it prints its URL, lets in only the key of the
 * environment, streams the stored minutes with their original timestamps at 300x to the product's Alpaca client,
 * and stops on SIGTERM, closing the connection (1001) and saying so, without the secret in any output.
 */
@EnabledOnOs(OS.LINUX)
class FeedServerRunTest {

    private static final long TIMEOUT_SECONDS = 60;
    private static final String KEY = "AKCHILDTEST0001";
    private static final String SECRET = "child-secret-never-printed-7f3a";
    private static final Pattern URL = Pattern.compile("^feed-server: (ws://127\\.0\\.0\\.1:(\\d+)/v2/iex) serving "
            + "1 session \\(2025-11-28\\) of SYM001,SYM002 at 300x, bars with the original timestamps; the open of "
            + "2025-11-28 \\(2025-11-28T14:30:00Z\\) plays when the first client subscribes; Ctrl-C stops$");

    @TempDir
    Path dir;

    @Test
    void theCommandServesTheStoredSessionToTheAlpacaClientAndStopsOnSigterm() throws Exception {
        Path db = dir.resolve("store.duckdb");
        CliRun generate = CliRun.of("generate", "--db", db.toString(), "--symbols", "2", "--from", "2025-11-28",
                "--to", "2025-11-28");
        assertThat(generate.exitCode()).as(generate.err()).isZero();

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "feed-server", "--db", db.toString(), "--symbols", "SYM001,SYM002",
                "--from", "2025-11-28", "--to", "2025-11-28", "--speed", "300", "--port", "0").directory(dir.toFile());
        pb.environment().put(FeedServerCommand.KEY_VARIABLE, KEY);
        pb.environment().put(FeedServerCommand.SECRET_VARIABLE, SECRET);
        Process child = pb.start();
        Lines out = new Lines(child.getInputStream(), "child-stdout");
        Lines err = new Lines(child.getErrorStream(), "child-stderr");
        AlpacaTransport transport = null;
        try {
            String first = out.next();
            Matcher m = URL.matcher(first);
            assertThat(m.matches()).as("the start line: %s (stderr %s)", first, err.seen).isTrue();

            transport = new AlpacaTransport(URI.create("ws://127.0.0.1:" + m.group(2)), AlpacaFeed.IEX,
                    HttpClient.newHttpClient(), new AlpacaCodec(false), Duration.ofSeconds(TIMEOUT_SECONDS));
            BlockingQueue<Object> got = new LinkedBlockingQueue<>();
            transport.open(new FeedTransport.Receiver() {
                @Override
                public void onOpen() {
                    got.add("open");
                }

                @Override
                public void onMessage(FeedMessage message) {
                    got.add(message);
                }

                @Override
                public void onClosed(String reason) {
                    got.add("closed: " + reason);
                }
            });
            assertThat(poll(got)).isEqualTo("open");
            transport.send(new FeedRequest.Authenticate(Credentials.of(KEY, "a-wrong-secret")));
            assertThat(poll(got)).isInstanceOf(FeedMessage.AuthRejected.class);
            transport.send(new FeedRequest.Authenticate(Credentials.of(KEY, SECRET)));
            assertThat(poll(got)).isEqualTo(new FeedMessage.Authenticated());
            Subscription sym001 = Subscription.of(StreamType.BARS, Symbol.of("SYM001"));
            transport.send(new FeedRequest.Subscribe(sym001));
            assertThat(poll(got)).isEqualTo(new FeedMessage.Subscribed(sym001));

            List<Bar> bars = new ArrayList<>();
            while (bars.size() < 20) {
                Object o = poll(got);
                assertThat(o).isInstanceOf(FeedMessage.Bars.class);
                bars.addAll(((FeedMessage.Bars) o).bars());
            }
            Instant open = Instant.parse("2025-11-28T14:30:00Z");
            Instant earlyClose = Instant.parse("2025-11-28T18:00:00Z");
            // The schedule started with the subscription: the session from its first minute (the generator leaves
            // a few minutes out, so the first one stored is within the first few).
            assertThat(bars.get(0).start()).isBefore(open.plusSeconds(5 * 60));
            for (int i = 0; i < bars.size(); i++) {
                Bar b = bars.get(i);
                assertThat(b.symbol()).isEqualTo(Symbol.of("SYM001"));
                assertThat(b.start()).as("original timestamps inside the session").isAfterOrEqualTo(open)
                        .isBefore(earlyClose);
                assertThat(b.start().getEpochSecond() % 60).isZero();
                if (i > 0) {
                    assertThat(b.start()).isAfter(bars.get(i - 1).start());
                }
            }

            assertThat(child.toHandle().destroy()).isTrue();  // SIGTERM
            assertThat(child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("the child exits").isTrue();
            assertThat(child.exitValue()).as("stderr %s", err.seen).isEqualTo(128 + 15);
            Object last;
            do {
                last = poll(got);
            } while (last instanceof FeedMessage.Bars);
            assertThat(last).asString().startsWith("closed: ").contains("1001");
            out.join();
            err.join();
            assertThat(err.seen).contains("only the key …0001 from APCA_API_KEY_ID logs in", "feed-server stopped");
            assertThat(String.join("\n", out.seen) + String.join("\n", err.seen)).doesNotContain(SECRET);
        } finally {
            if (transport != null) {
                transport.close();
            }
            child.destroyForcibly().waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static Object poll(BlockingQueue<Object> q) throws InterruptedException {
        Object o = q.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertThat(o).as("a report from the client within %d s", TIMEOUT_SECONDS).isNotNull();
        return o;
    }

    /** A child's stream read line by line on a thread of its own. */
    private static final class Lines {
        final BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        final List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Lines(InputStream in, String name) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        seen.add(line);
                        queue.add(line);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, name);
            reader.setDaemon(true);
            reader.start();
        }

        String next() throws InterruptedException {
            String line = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(line).as("a line from the child within %d s", TIMEOUT_SECONDS).isNotNull();
            return line;
        }

        void join() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
            assertThat(reader.isAlive()).as("end of the child's stream").isFalse();
        }
    }
}
