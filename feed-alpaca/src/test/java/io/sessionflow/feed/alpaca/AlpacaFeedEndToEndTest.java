package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionflow.agent.AgentRunner;
import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.FeedConnection;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.FeedSettings;
import io.sessionflow.feed.FeedSink;
import io.sessionflow.feed.FeedState;
import io.sessionflow.feed.FeedTransport;
import io.sessionflow.feed.Subscription;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import io.sessionflow.time.WallClock;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A {@link FeedConnection} over an {@link AlpacaTransport} against a local Alpaca-like server, feeding a live
 * {@link DataManager}: the bars the server sends as JSON are the bars the listeners get, and they complete the 5m bar.
 * The WebSocket runs on the JDK's threads and the feed on its own runner, so the test waits on latches.
 */
class AlpacaFeedEndToEndTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A bar as an Alpaca {@code "b"} element; the time is the bar's start. */
    static ObjectNode alpacaBar(Bar b) {
        ObjectNode o = JSON.createObjectNode();
        o.put("T", "b").put("S", b.symbol().value()).put("o", b.open()).put("h", b.high()).put("l", b.low())
                .put("c", b.close()).put("v", b.volume()).put("t", b.start().toString());
        if (b.hasTradeCount()) {
            o.put("n", b.tradeCount());
        }
        if (b.hasVwap()) {
            o.put("vw", b.vwap());
        }
        return o;
    }

    /**
     * Passes everything through; after a report reached the connection's inbox it is put into {@code arrived} (an
     * {@code "open"}, a {@link FeedMessage} or a {@code "closed: ..."}), so a test knows when a doWork will see it.
     */
    private static FeedTransport watched(FeedTransport inner, LinkedBlockingQueue<Object> arrived) {
        return new FeedTransport() {
            @Override
            public void open(Receiver r) {
                inner.open(new Receiver() {
                    @Override
                    public void onOpen() {
                        r.onOpen();
                        arrived.add("open");
                    }

                    @Override
                    public void onMessage(FeedMessage m) {
                        r.onMessage(m);
                        arrived.add(m);
                    }

                    @Override
                    public void onClosed(String reason) {
                        r.onClosed(reason);
                        arrived.add("closed: " + reason);
                    }
                });
            }

            @Override
            public void send(FeedRequest request) {
                inner.send(request);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Test
    void barsFromTheServerReachTheListenersAndCompleteTheDerivedBar() throws Exception {
        List<Bar> firstFive = Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1)).subList(0, 5);
        ArrayNode frame = JSON.createArrayNode();
        firstFive.forEach(b -> frame.add(alpacaBar(b)));
        String bars = JSON.writeValueAsString(frame);
        ScriptedServer server = new ScriptedServer(true, (conn, text) -> {
            if (text.equals(AlpacaTransportTest.AUTH_JSON)) {
                conn.send(ScriptedServer.AUTHENTICATED);
            } else if (text.equals("{\"action\":\"subscribe\",\"bars\":[\"AAA\"]}")) {
                conn.send("[{\"T\":\"subscription\",\"trades\":[],\"quotes\":[],\"bars\":[\"AAA\"]}]");
                conn.send(bars);
            } else {
                conn.send("[{\"T\":\"error\",\"code\":400,\"msg\":\"invalid syntax\"}]");
            }
        }).startAndWait();
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(10));
        LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        CountDownLatch fiveMinutes = new CountDownLatch(1);
        AtomicReference<Throwable> crashed = new AtomicReference<>();
        AlpacaTransport alpaca = new AlpacaTransport(server.base(), AlpacaFeed.IEX, HttpClient.newHttpClient(),
                new AlpacaCodec(false), Duration.ofSeconds(10));
        try (DataManager dm = DataManager.builder().live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5))).build()).build()) {
            EventLog log = new EventLog(dm::now);
            dm.register(AAA, StreamType.BARS).subscribe(log).subscribe(new MarketDataListener() {
                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.countDown();
                }
            });
            FeedConnection feed = new FeedConnection("alpaca", watched(alpaca, arrived),
                    AlpacaTransportTest.CREDENTIALS, FeedSink.of(dm.publisher("alpaca feed", 16)),
                    FeedSettings.DEFAULT, WallClock.system(), clock, new SplittableRandom(1));
            dm.start();
            feed.subscribe(Subscription.of(StreamType.BARS, AAA));
            feed.connect();
            AgentRunner runner = new AgentRunner(feed, feed.idleStrategy(), crashed::set, 5_000);
            runner.start();
            try {
                assertThat(next(arrived)).isEqualTo("open");
                assertThat(next(arrived)).isEqualTo(new FeedMessage.Authenticated());
                assertThat(next(arrived)).isInstanceOf(FeedMessage.Subscribed.class);
                assertThat(next(arrived)).as("the bars reached the feed").isInstanceOf(FeedMessage.Bars.class);
                assertThat(feed.state()).isEqualTo(FeedState.STREAMING);
                clock.set(SESSION.open().plus(Duration.ofMinutes(5)).plus(FeedSettings.DEFAULT.grace()));
                feed.idleStrategy().wake();
                assertThat(fiveMinutes.await(10, TimeUnit.SECONDS)).as("the 09:30 5m bar").isTrue();
                assertThat(log.bars(Interval.ONE_MINUTE)).containsExactlyElementsOf(firstFive);
                assertThat(feed.health().events()).isEqualTo(5);
                assertThat(feed.health().skipped()).isZero();
            } finally {
                feed.stop();
                assertThat(runner.closeAndJoin()).as("the feed's thread ended").isTrue();
                server.shutdown();
            }
            assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
            assertThat(feed.failure()).isEmpty();
            assertThat(crashed.get()).isNull();
        }
    }

    private static Object next(LinkedBlockingQueue<Object> arrived) throws InterruptedException {
        Object o = arrived.poll(10, TimeUnit.SECONDS);
        assertThat(o).as("a report from the transport within 10 s").isNotNull();
        return o;
    }

    /** The connection driven by doWork on the test thread, with a manual wall clock, against a scripted server. */
    private FeedConnection handDriven(ScriptedServer server, LinkedBlockingQueue<Object> arrived) {
        AlpacaTransport alpaca = new AlpacaTransport(server.base(), AlpacaFeed.SIP, HttpClient.newHttpClient(),
                new AlpacaCodec(false), Duration.ofSeconds(10));
        return new FeedConnection("alpaca", watched(alpaca, arrived), AlpacaTransportTest.CREDENTIALS,
                new FeedSink() {
                    @Override
                    public boolean offer(io.sessionflow.coordinator.EventBatch batch) {
                        return true;
                    }

                    @Override
                    public void advanceWatermark(java.time.Instant t) {
                    }

                    @Override
                    public void markIdle() {
                    }
                }, FeedSettings.DEFAULT, new ManualWallClock(), new SettableClock(SESSION.open()),
                new SplittableRandom(1));
    }

    @Test
    void refusedCredentialsFailTheFeedWithoutRetryingAndWithoutTheSecret() throws Exception {
        ScriptedServer server = new ScriptedServer(true,
                (conn, text) -> conn.send("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]"))
                .startAndWait();
        LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        FeedConnection feed = handDriven(server, arrived);
        try {
            feed.connect();
            feed.doWork();
            assertThat(next(arrived)).isEqualTo("open");
            // The server refuses at once, so the refusal may reach the feed within the same duty cycle
            // that sent the credentials: wait for it to arrive, then let the feed act on it.
            feed.doWork();
            assertThat(next(arrived)).isInstanceOf(FeedMessage.AuthRejected.class);
            feed.doWork();
            assertThat(feed.state()).isEqualTo(FeedState.FAILED);
            feed.doWork();
            assertThat(feed.state()).as("a refusal is final: no reconnect").isEqualTo(FeedState.FAILED);
            assertThat(server.received).as("the credentials were sent once").hasSize(1);
            assertThat(feed.failure()).hasValueSatisfying(f -> assertThat(f).contains("402").contains("auth failed")
                    .contains("…0001").doesNotContain(AlpacaTransportTest.SECRET));
            assertThat(server.clientClosed.await(10, TimeUnit.SECONDS)).as("the socket was closed").isTrue();
        } finally {
            feed.stop();
            server.shutdown();
        }
    }

    @Test
    void theConnectionLimitBacksOffToReconnect() throws Exception {
        ScriptedServer server = new ScriptedServer(true, (conn, text) ->
                conn.send("[{\"T\":\"error\",\"code\":406,\"msg\":\"connection limit exceeded\"}]"))
                .startAndWait();
        LinkedBlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
        FeedConnection feed = handDriven(server, arrived);
        try {
            feed.connect();
            feed.doWork();
            assertThat(next(arrived)).isEqualTo("open");
            feed.doWork();
            assertThat(next(arrived)).isInstanceOf(FeedMessage.ServerError.class);
            feed.doWork();
            assertThat(feed.state()).isEqualTo(FeedState.BACKOFF);
            assertThat(feed.health().lastFailure()).hasValueSatisfying(f -> assertThat(f)
                    .contains("406").contains("connection limit exceeded"));
            assertThat(feed.failure()).isEmpty();
        } finally {
            feed.stop();
            feed.doWork();
            server.shutdown();
        }
    }
}
