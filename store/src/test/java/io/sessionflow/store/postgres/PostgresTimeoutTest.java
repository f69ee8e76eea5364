package io.sessionflow.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.storage.UpsertResult;
import io.sessionflow.store.Stores;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.postgresql.Driver;

/**
 * Every PostgreSQL store call ends, failed or done, within the configured timeouts: against a server that accepts
 * connections and never answers, and against one that freezes in the middle of a write. The bounds are short here
 * (URL parameters override the defaults); each call still gets a generous time limit only as a guard against a hang.
 */
class PostgresTimeoutTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final Symbol SPY = Symbol.of("SPY");
    private static final Symbol BRK_B = Symbol.of("BRK.B");
    private static final Instant OPEN = Instant.parse("2013-10-07T13:30:00Z");
    /** Far beyond any call's bound: only keeps a broken build from hanging. */
    private static final long HANG_GUARD_SECONDS = 120;

    private static final ExecutorService CALLER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "store caller");
        t.setDaemon(true);
        return t;
    });

    @AfterAll
    static void stopCaller() {
        CALLER.shutdownNow();
    }

    @Test
    void everyConnectionGetsTimeoutDefaultsThatTheUrlOverrides() {
        Properties defaults = Postgres.driverProperties();
        assertThat(defaults).containsEntry("connectTimeout", "10").containsEntry("loginTimeout", "10")
                .containsEntry("socketTimeout", "330")
                .containsEntry("options", "-c statement_timeout=300s -c lock_timeout=60s");

        Properties effective = Driver.parseURL("jdbc:postgresql://db.example/x?socketTimeout=5&user=me", defaults);

        assertThat(effective.getProperty("socketTimeout")).isEqualTo("5");
        assertThat(effective.getProperty("loginTimeout")).isEqualTo("10");
        assertThat(effective.getProperty("options")).isEqualTo(Postgres.SERVER_OPTIONS);
    }

    @Test
    void aServerThatAcceptsAndNeverAnswersFailsTheOpenWithinTheLoginTimeout() throws Exception {
        // Bound and listening, never accepting: the kernel completes the handshake, nobody ever answers.
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String url = "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/db?loginTimeout=1&socketTimeout=1"
                    + "&password=hunter2";

            Throwable failure = failureOf(() -> Stores.open(url));

            assertThat(failure).isInstanceOf(StorageException.class)
                    .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                            + "/db: ")
                    .hasMessageNotContaining("hunter2")
                    .hasMessageNotContaining("\n");
        }
    }

    @Test
    void theServerEndsStatementsAndLockWaitsByDefault() throws Exception {
        String server = TestServer.url();
        String schema = TestServer.createSchema(server);
        try (MarketDataStore store = Stores.open(TestServer.inSchema(server, schema))) {
            Connection c = ((PostgresStore) store).acquire();
            try (Statement s = c.createStatement()) {
                assertThat(setting(s, "statement_timeout")).isEqualTo("5min");
                assertThat(setting(s, "lock_timeout")).isEqualTo("1min");
                c.rollback();
            } finally {
                ((PostgresStore) store).release(c);
            }
        } finally {
            TestServer.dropSchema(server, schema);
        }
    }

    @Test
    void aServerThatFreezesDuringAWriteEndsTheCallAndTheStoreRecoversWhenItThaws() throws Exception {
        String server = TestServer.url();
        String schema = TestServer.createSchema(server);
        Properties target = Driver.parseURL(server, null);
        try (FreezingProxy proxy = new FreezingProxy(target.getProperty("PGHOST"),
                Integer.parseInt(target.getProperty("PGPORT")));
             MarketDataStore store = Stores.open(TestServer.inSchema(throughProxy(server, proxy.port()), schema)
                     + "&socketTimeout=1&loginTimeout=2&connectTimeout=2&sendBufferSize=65536")) {
            store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, List.of(bar(AAPL, 0))));

            // Frozen before the write's first statement is answered: the driver's socket timeout ends the wait.
            proxy.freezeAfter(0);
            Throwable small = failureOf(() -> store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, List.of(bar(MSFT, 0)))));
            assertThat(small).isInstanceOf(StorageException.class).hasMessageNotContaining("\n");
            proxy.thaw();

            // Frozen 1 MB into an 11 MB COPY: the client's writes block until the write timeout aborts them.
            proxy.freezeAfter(1 << 20);
            Throwable big = failureOf(() -> store.upsertBars(many(SPY, 100_000)));
            assertThat(big).isInstanceOf(StorageException.class)
                    .hasMessageContaining("cannot write 100000 bars: the server took no data for 1.0 s (socketTimeout)");
            proxy.thaw();

            assertThat(store.upsertBars(BarSeries.of(Interval.ONE_MINUTE, List.of(bar(BRK_B, 0)))))
                    .isEqualTo(new UpsertResult(1, 0, 0));
            assertThat(store.barCoverage()).extracting(Coverage::symbol).containsExactly(AAPL, BRK_B);
            assertThat(TestServer.strings(server, "SELECT symbol FROM " + schema + ".symbols"))
                    .containsExactlyInAnyOrder("AAPL", "BRK.B");
        } finally {
            TestServer.dropSchema(server, schema);
        }
    }

    /** Runs {@code call} on another thread and returns how it failed; fails the test if it succeeds or hangs. */
    private static Throwable failureOf(Callable<?> call) throws InterruptedException {
        try {
            Object result = CALLER.submit(call).get(HANG_GUARD_SECONDS, TimeUnit.SECONDS);
            if (result instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the test fails below anyway
                }
            }
            throw new AssertionError("expected the call to fail, it returned " + result);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the call did not end within " + HANG_GUARD_SECONDS + " s", e);
        }
    }

    private static String setting(Statement s, String name) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** {@code url} with its host and port replaced by the proxy's. */
    private static String throughProxy(String url, int port) {
        int authority = url.indexOf("//") + 2;
        int path = url.indexOf('/', authority);
        return url.substring(0, authority) + "127.0.0.1:" + port + url.substring(path);
    }

    private static Bar bar(Symbol s, int minute) {
        double p = 100 + minute * 0.01;
        return Bar.of(s, OPEN.plusSeconds(60L * minute), Interval.ONE_MINUTE, p, p + 1, p - 1, p, 1000 + minute);
    }

    private static BarSeries many(Symbol s, int n) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, n);
        for (int i = 0; i < n; i++) {
            b.add(bar(s, i));
        }
        return b.build();
    }
}
