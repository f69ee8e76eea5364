package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Backoff;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedSink;
import io.sessionflow.feed.FeedState;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.feed.alpaca.AlpacaTransport;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.time.WallClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The product's live feed ({@link FeedConnection} over {@link AlpacaTransport}) against a server that is stopped
 * mid-session and started again with the same plan: the connection backs off, reconnects, logs in and subscribes
 * again by itself, and receives the minutes after the restart; the ones played while the server was down never
 * come (a live run repairs them from storage or REST). The market clock is the plan's.
 */
class FeedServerReconnectTest {

    static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    static final Symbol SPY = Symbol.of("SPY");

    /** Counts the events the feed puts into the coordinator's input. */
    static final class CountingSink implements FeedSink {
        final AtomicLong events = new AtomicLong();
        volatile Instant watermark = Instant.MIN;

        @Override
        public boolean offer(EventBatch batch) {
            events.addAndGet(batch.size());
            return true;
        }

        @Override
        public void advanceWatermark(Instant t) {
            watermark = t;
        }

        @Override
        public void markIdle() {
        }
    }

    @Test
    void theLiveFeedReconnectsToARestartedServerAndGetsWhatPlaysAfterTheRestart() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(Bars.session(List.of(SPY), DAY, DAY.plusDays(1)));
        TradingSession session = Calendars.xnys().session(DAY).orElseThrow();
        SteppedWallClock serverWall = new SteppedWallClock();
        ReplayPlan plan = ReplayPlan.of(List.of(session), List.of(SPY)).withSpeed(60)
                .withAnchorNanos(Duration.ofSeconds(1).toNanos());
        FeedServerSettings settings = FeedServerSettings.DEFAULT.withPort(0).withCredentials(TestClient.KEY);
        FeedServer server = FeedServer.builder(store, plan).settings(settings).wallClock(serverWall).start();
        int port = server.port();

        CountingSink sink = new CountingSink();
        FeedSettings feedSettings = new FeedSettings(new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)),
                Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(30),
                Duration.ZERO, 65_536, Duration.ofSeconds(1));
        AlpacaTransport transport = new AlpacaTransport(server.baseUri(), AlpacaFeed.IEX, HttpClient.newHttpClient(),
                new AlpacaCodec(true), Duration.ofSeconds(10));
        FeedConnection feed = new FeedConnection("feed-server", transport, TestClient.KEY, sink, feedSettings,
                WallClock.system(), plan.marketClock(serverWall), new SplittableRandom(7));
        AgentRunner runner = new AgentRunner(feed, feed.idleStrategy(), t -> { }, 5_000);
        try {
            runner.start();
            feed.subscribe(Subscription.of(StreamType.BARS, SPY));
            feed.connect();
            await(() -> feed.state() == FeedState.STREAMING, "streaming");
            serverWall.setNanos(plan.dueNanos(session.open().plusSeconds(10 * 60)) + 1);  // ten minutes played
            await(() -> sink.events.get() == 10, "the first ten minutes");

            server.close();
            await(() -> feed.state() != FeedState.STREAMING, "the feed notices the server is gone");
            serverWall.advanceNanos(Duration.ofSeconds(5).toNanos());  // five minutes at 60x play to no one
            server = FeedServer.builder(store, plan).settings(settings.withPort(port)).wallClock(serverWall).start();
            await(() -> feed.state() == FeedState.STREAMING, "streaming again");
            assertThat(feed.health().reconnects()).isPositive();

            serverWall.setNanos(plan.dueNanos(session.open().plusSeconds(20 * 60)) + 1);
            await(() -> sink.events.get() == 10 + 5, "the five minutes after the restart");
            assertThat(sink.events.get()).as("the five missed minutes never came").isEqualTo(15);
            assertThat(feed.health().skipped()).isZero();
        } finally {
            feed.stop();
            runner.close();
            server.close();
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
            TimeUnit.MILLISECONDS.sleep(5);  // polls state another thread sets; nothing is timed
        }
    }
}
