package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.AgentRunner;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.domain.StreamType;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedSink;
import io.sessionflow.feed.FeedState;
import io.sessionflow.feed.Subscription;
import io.sessionflow.testing.SettableClock;
import io.sessionflow.time.WallClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.java_websocket.WebSocket;
import org.junit.jupiter.api.Test;

/**
 * The product's feed (FeedConnection over AlpacaTransport, on its own runner) against hostile servers on real
 * sockets: a flood of frames mixed with malformed ones and unknown message types, a flood faster than the feed's
 * inbox, and a server that accepts and never speaks. Each ends in counted skips or a reconnect, never a hang or a dead
 * thread, and {@code stop()} ends the feed's thread within its bound every time.
 */
class AlpacaFeedHardeningTest {

    private static final int FRAMES = 5_000;
    private static final long WAIT_SECONDS = 30;
    /** The trades are from 2021-02-22 15:51; the market clock is past them, so none is held back. */
    private static final SettableClock CLOCK = new SettableClock(Instant.parse("2021-02-22T21:00:00Z"));

    /** Counts what the feed puts into the coordinator's input. */
    private static class CountingSink implements FeedSink {
        final AtomicLong events = new AtomicLong();

        @Override
        public boolean offer(EventBatch batch) {
            events.addAndGet(batch.size());
            return true;
        }

        @Override
        public void advanceWatermark(Instant t) {
        }

        @Override
        public void markIdle() {
        }
    }

    /** Logs in, acknowledges the subscription, then sends {@code FRAMES} frames: every tenth one broken. */
    private static void flood(WebSocket conn, String text) {
        if (text.contains("\"action\":\"auth\"")) {
            conn.send(ScriptedServer.AUTHENTICATED);
        } else if (text.contains("\"action\":\"subscribe\"")) {
            conn.send("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[],\"bars\":[]}]");
            for (int i = 0; i < FRAMES; i++) {
                conn.send(switch (i % 10) {
                    case 3 -> "[{\"T\":\"t\",\"S\":\"AAPL\"";  // cut short
                    case 7 -> "[{\"T\":\"lulz\",\"S\":\"AAPL\"}]";  // an unknown message type
                    default -> "[" + AlpacaCodecTest.TRADE + "]";
                });
            }
        }
    }

    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            never.await(5, TimeUnit.MILLISECONDS);  // a bounded poll of figures another thread updates
        }
        return true;
    }

    private record Running(FeedConnection feed, AgentRunner runner, AtomicReference<Throwable> crashed) {
        /** Stops the feed: its thread must end within the runner's bound, without a crash. */
        void stopWithinBound() {
            feed.stop();
            assertThat(runner.closeAndJoin()).as("the feed's thread ended within its bound").isTrue();
            assertThat(crashed.get()).as("the feed's thread did not die of an exception").isNull();
            assertThat(feed.state()).isIn(FeedState.STOPPED, FeedState.FAILED);
        }
    }

    private static Running start(ScriptedServer server, FeedSettings settings, FeedSink sink) {
        AlpacaTransport transport = new AlpacaTransport(server.base(), AlpacaFeed.SIP, HttpClient.newHttpClient(),
                new AlpacaCodec(false), Duration.ofSeconds(10));
        FeedConnection feed = new FeedConnection("hostile", transport, AlpacaTransportTest.CREDENTIALS, sink,
                settings, WallClock.system(), CLOCK, new SplittableRandom(3));
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        AgentRunner runner = new AgentRunner(feed, feed.idleStrategy(), crashed::set, 5_000);
        feed.subscribe(Subscription.of(StreamType.TRADES, AlpacaTransportTest.AAPL));
        feed.connect();
        runner.start();
        return new Running(feed, runner, crashed);
    }

    @Test
    void aFloodWithBrokenFramesAndUnknownTypesIsDeliveredAndCounted() throws Exception {
        ScriptedServer server = new ScriptedServer(true, AlpacaFeedHardeningTest::flood).startAndWait();
        CountingSink sink = new CountingSink();
        Running r = start(server, FeedSettings.DEFAULT, sink);
        try {
            int broken = FRAMES / 10 * 2;
            assertThat(await(() -> sink.events.get() == FRAMES - broken && r.feed().health().skipped() == broken))
                    .as("every good trade delivered (%s of %d) and every bad frame skipped (%s of %d)",
                            sink.events, FRAMES - broken, r.feed().health().skipped(), broken).isTrue();
            assertThat(r.feed().state()).isEqualTo(FeedState.STREAMING);
            assertThat(r.feed().health().reconnects()).isZero();
        } finally {
            r.stopWithinBound();
            server.shutdown();
        }
    }

    @Test
    void aFloodFasterThanTheInboxIsAReconnectNotAnOutOfMemory() throws Exception {
        ScriptedServer server = new ScriptedServer(true, AlpacaFeedHardeningTest::flood).startAndWait();
        // The coordinator takes nothing, so the feed stops draining its inbox of 8 and the flood overflows it.
        CountingSink full = new CountingSink() {
            @Override
            public boolean offer(EventBatch batch) {
                return false;
            }
        };
        Running r = start(server, FeedSettings.DEFAULT.withInboxCapacity(8), full);
        try {
            assertThat(await(() -> r.feed().health().lastFailure().orElse("").contains("overflowed")))
                    .as("the overflow was noticed: %s", r.feed().health()).isTrue();
            assertThat(r.feed().state()).isNotEqualTo(FeedState.FAILED);
        } finally {
            r.stopWithinBound();
            server.shutdown();
        }
    }

    @Test
    void aServerThatAcceptsAndNeverSpeaksIsStoppedWithinTheBound() throws Exception {
        ScriptedServer server = new ScriptedServer(false, (conn, text) -> { }).startAndWait();
        Running r = start(server, FeedSettings.DEFAULT, new CountingSink());
        try {
            assertThat(await(() -> server.getConnections().size() == 1)).as("the socket is open").isTrue();
            assertThat(r.feed().state()).as("no welcome: still connecting").isEqualTo(FeedState.CONNECTING);
        } finally {
            r.stopWithinBound();
            server.shutdown();
        }
    }
}
