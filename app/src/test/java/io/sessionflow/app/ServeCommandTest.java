package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void theEnvironmentsTokenIsUsedAsGivenAndATooShortOneIsRefusedWithoutPrintingIt() {
        java.security.SecureRandom random = new java.security.SecureRandom();

        io.sessionflow.dashboard.AccessToken chosen = ServeCommand.token("  0123456789abcdef-script  ", random);
        assertThat(chosen.reveal()).isEqualTo("0123456789abcdef-script");
        assertThat(chosen.matches("0123456789abcdef-script")).isTrue();

        io.sessionflow.dashboard.AccessToken unset = ServeCommand.token(null, random);
        io.sessionflow.dashboard.AccessToken blank = ServeCommand.token("  ", random);
        assertThat(unset.reveal()).matches("[0-9a-f]{32}").isNotEqualTo(blank.reveal());

        assertThatThrownBy(() -> ServeCommand.token("short-secret", random))
                .isInstanceOf(UsageException.class)
                .hasMessage("SESSIONFLOW_DASHBOARD_TOKEN: a dashboard token needs at least 16 characters")
                .hasMessageNotContaining("short-secret");
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

    /** A {@code serve} run on a thread of its own, its output watched until it prints the address. */
    private static final class Serving implements AutoCloseable {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger code = new AtomicInteger(-1);
        final CountDownLatch printed = new CountDownLatch(1);
        final Thread thread;

        Serving(String... args) {
            OutputStream watched = new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (outBytes) {
                        outBytes.write(b);
                        if (b == '\n' && outBytes.toString(StandardCharsets.UTF_8).contains("#token=")) {
                            printed.countDown();
                        }
                    }
                }
            };
            thread = new Thread(() -> code.set(Main.run(args, new PrintStream(watched, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))), "serve-test");
            thread.start();
        }

        /** The address and the token printed. */
        Matcher address() throws InterruptedException {
            assertThat(printed.await(60, TimeUnit.SECONDS)).as("address printed; stderr: %s", err()).isTrue();
            String out;
            synchronized (outBytes) {
                out = outBytes.toString(StandardCharsets.UTF_8);
            }
            Matcher m = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)#token=([0-9a-f]{32})").matcher(out);
            assertThat(m.find()).as(out).isTrue();
            return m;
        }

        String err() {
            synchronized (err) {
                return err.toString(StandardCharsets.UTF_8);
            }
        }

        /** Interrupts the command, as a signal would stop it, and returns its exit code. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            return code.get();
        }

        @Override
        public void close() {
            thread.interrupt();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static HttpResponse<String> get(String uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itPrintsTheAddressWithTheTokenServesThePageAndStopsWhenInterrupted() throws Exception {
        Path db = store();
        try (Serving serving = new Serving("serve", "--db", db.toString(), "--port", "0")) {
            Matcher m = serving.address();
            assertThat(get(m.group(1)).statusCode()).isEqualTo(200);
            assertThat(get(m.group(1) + "api/store/heatmap").body()).contains("\"symbols\":[\"SYM001\"]");
            assertThat(serving.err()).doesNotContain("warning").doesNotContain(m.group(2));
            // 2 generated sessions of 390 minutes, 1 symbol: the counts the heatmap is answered from, taken first
            assertThat(serving.err()).containsPattern("counted [0-9,]+ 1m bars of 1 symbol in 2 sessions in [0-9.]+ s");
            assertThat(serving.stop()).isZero();
            assertThat(serving.err()).contains("dashboard stopped");
        }
    }

    @Test
    void aHostOtherThanLoopbackIsWarnedAbout() throws Exception {
        Path db = store();
        // the wildcard address: this test only connects through 127.0.0.1
        try (Serving serving = new Serving("serve", "--db", db.toString(), "--port", "0", "--host", "0.0.0.0")) {
            Matcher m = serving.address();
            assertThat(serving.err()).contains("warning: the dashboard is reachable from other machines on 0.0.0.0:");
            assertThat(get(m.group(1)).statusCode()).isEqualTo(200);
            assertThat(serving.stop()).isZero();
        }
    }
}
