package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sessionflow serve}: the address it prints, and exit 2 with one line for a bad --db, port or host. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private Path store() {
        Path db = dir.resolve("s.duckdb");
        CliRun g = CliRun.of("generate", "--db", db.toString(), "--symbols", "1", "--from", "2024-03-04", "--to",
                "2024-03-05");
        assertThat(g.exitCode()).as(g.err()).isZero();
        return db;
    }

    @Test
    void aMissingStoreATakenPortAndABadHostExit2WithOneLine() throws Exception {
        CliRun missing = CliRun.of("serve", "--db", dir.resolve("none.duckdb").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.errLines()).hasSize(1).first().asString().startsWith("sessionflow serve: --db ")
                .contains("does not exist");
        Path db = store();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliRun busy = CliRun.of("serve", "--db", db.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(busy.exitCode()).isEqualTo(2);
            assertThat(busy.errLines()).hasSize(1).first().asString()
                    .contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        CliRun host = CliRun.of("serve", "--db", db.toString(), "--host", "no-such-host.invalid");
        assertThat(host.exitCode()).isEqualTo(2);
        assertThat(host.errLines()).hasSize(1).first().asString().contains("no-such-host.invalid");
        CliRun port = CliRun.of("serve", "--db", db.toString(), "--port", "70000");
        assertThat(port.exitCode()).isEqualTo(2);
        assertThat(port.errLines()).hasSize(1);
        assertThat(missing.out() + host.out() + port.out()).doesNotContain("#token=");
    }

    @Test
    void itPrintsTheAddressWithTheTokenServesThePageAndStopsWhenInterrupted() throws Exception {
        Path db = store();
        CountDownLatch printed = new CountDownLatch(1);
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        OutputStream watched = new OutputStream() {
            @Override
            public synchronized void write(int b) {
                outBytes.write(b);
                if (b == '\n' && outBytes.toString(StandardCharsets.UTF_8).contains("#token=")) {
                    printed.countDown();
                }
            }
        };
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        AtomicInteger code = new AtomicInteger(-1);
        Thread serving = new Thread(() -> code.set(Main.run(new String[] {"serve", "--db", db.toString(), "--port",
            "0"}, new PrintStream(watched, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))), "serve-test");
        serving.start();
        try {
            assertThat(printed.await(60, TimeUnit.SECONDS)).as("address printed; stderr: %s", err).isTrue();
            String out;
            synchronized (watched) {
                out = outBytes.toString(StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)#token=([0-9a-f]{32})").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            HttpResponse<String> heat = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(m.group(1) + "api/store/heatmap")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(heat.body()).contains("\"symbols\":[\"SYM001\"]");
            assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("warning").doesNotContain(m.group(2));
        } finally {
            serving.interrupt();
            serving.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertThat(code.get()).isZero();
    }
}
