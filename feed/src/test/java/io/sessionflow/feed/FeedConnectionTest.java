package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.agent.AgentRunner;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The connection state machine, driven by doWork with manual clocks and a scripted transport. */
class FeedConnectionTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final Instant T0930 = Instant.parse("2025-11-24T14:30:00Z");
    private static final long SEED = 7;
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    private static final FeedSettings SETTINGS = FeedSettings.DEFAULT.withBackoff(BACKOFF);

    private final ManualWallClock wall = new ManualWallClock();
    private final SettableClock clock = new SettableClock(T0930);
    private final ScriptedTransport transport = new ScriptedTransport();
    private final RecordingSink sink = new RecordingSink();
    private final Credentials credentials = Credentials.of(CredentialsTest.KEY, CredentialsTest.SECRET);

    private FeedConnection feed(FeedSettings settings) {
        return new FeedConnection("test", transport, credentials, sink, settings, wall, clock,
                new SplittableRandom(SEED));
    }

    private FeedConnection streaming(Subscription s) {
        FeedConnection f = feed(SETTINGS);
        f.subscribe(s);
        f.connect();
        f.doWork();
        handshake(f);
        assertThat(f.state()).isEqualTo(FeedState.STREAMING);
        return f;
    }

    private void handshake(FeedConnection f) {
        assertThat(f.state()).isEqualTo(FeedState.CONNECTING);
        transport.server().onOpen();
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.AUTHENTICATING);
        assertThat(transport.lastSent()).isEqualTo(new FeedRequest.Authenticate(credentials));
        transport.server().onMessage(new FeedMessage.Authenticated());
        f.doWork();
        if (f.state() == FeedState.SUBSCRIBING) {
            transport.server().onMessage(new FeedMessage.Subscribed(f.subscription()));
            f.doWork();
        }
    }

    private static Bar bar(Symbol s, Instant start) {
        return new Bar(s, start, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 100, Bar.NO_TRADE_COUNT, Double.NaN, 0);
    }

    @Test
    void connectsAuthenticatesSubscribesAndStreams() {
        Subscription s = Subscription.of(StreamType.BARS, AAA, BBB);
        FeedConnection f = feed(SETTINGS);
        f.subscribe(s);
        f.doWork();
        assertThat(f.state()).as("nothing before connect()").isEqualTo(FeedState.DISCONNECTED);
        assertThat(transport.openings).isEmpty();
        f.connect();
        f.doWork();
        transport.server().onOpen();
        f.doWork();
        transport.server().onMessage(new FeedMessage.Authenticated());
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.SUBSCRIBING);
        assertThat(transport.lastSent()).isEqualTo(new FeedRequest.Subscribe(s));
        transport.server().onMessage(new FeedMessage.Subscribed(s));
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.STREAMING);

        f.subscribe(Subscription.of(StreamType.TRADES, AAA));
        f.unsubscribe(Subscription.of(StreamType.BARS, BBB));
        f.doWork();
        assertThat(transport.sent.subList(2, transport.sent.size())).containsExactly(
                new FeedRequest.Unsubscribe(Subscription.of(StreamType.BARS, BBB)),
                new FeedRequest.Subscribe(Subscription.of(StreamType.TRADES, AAA)));
    }

    @Test
    void reconnectsAfterTheJitteredBackoffAndResubscribesEverything() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        f.subscribe(Subscription.of(StreamType.TRADES, BBB));
        f.doWork();
        FeedTransport.Receiver old = transport.server();
        old.onClosed("server restart");
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
        assertThat(f.health().lastFailure()).hasValueSatisfying(r -> assertThat(r).contains("server restart"));
        assertThat(sink.log).endsWith("idle");

        long delay = BACKOFF.delayNanos(1, new SplittableRandom(SEED));
        assertThat(delay).isBetween(0L, BACKOFF.ceilingNanos(1) - 1);
        wall.advanceNanos(delay - 1);
        f.doWork();
        assertThat(f.state()).as("still backing off one nanosecond early").isEqualTo(FeedState.BACKOFF);
        wall.advanceNanos(1);
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.CONNECTING);
        assertThat(transport.openings).hasSize(2);
        assertThat(f.health().reconnects()).isEqualTo(1);

        old.onMessage(new FeedMessage.Authenticated());  // a straggler from the closed opening
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.CONNECTING);

        int before = transport.sent.size();
        handshake(f);
        assertThat(transport.sent.subList(before, transport.sent.size())).containsExactly(
                new FeedRequest.Authenticate(credentials),
                new FeedRequest.Subscribe(Subscription.of(StreamType.BARS, AAA)
                        .plus(Subscription.of(StreamType.TRADES, BBB))));
        assertThat(f.state()).isEqualTo(FeedState.STREAMING);
    }

    @Test
    void consecutiveFailuresBackOffWithinGrowingCeilings() {
        FeedConnection f = feed(SETTINGS);
        f.connect();
        f.doWork();
        SplittableRandom expected = new SplittableRandom(SEED);
        for (int n = 1; n <= 7; n++) {
            transport.server().onClosed("refused");
            f.doWork();
            assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
            long delay = BACKOFF.delayNanos(n, expected);
            assertThat(delay).isLessThan(Math.min(BACKOFF.ceilingNanos(n), Duration.ofSeconds(2).toNanos()));
            assertThat(f.wakeAtNanos()).isLessThanOrEqualTo(wall.nanoTime() + delay);
            wall.advanceNanos(delay - 1);
            f.doWork();
            assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
            wall.advanceNanos(1);
            f.doWork();
            assertThat(f.state()).isEqualTo(FeedState.CONNECTING);
        }
        assertThat(f.health().reconnects()).isEqualTo(7);
    }

    @Test
    void rejectedCredentialsAreTerminalWithAClearMessageAndNoSecretInLogs() {
        Logger logger = (Logger) LoggerFactory.getLogger(FeedConnection.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            FeedConnection f = feed(SETTINGS);
            f.connect();
            f.doWork();
            transport.server().onOpen();
            f.doWork();
            transport.server().onMessage(new FeedMessage.AuthRejected("auth failed (402)"));
            f.doWork();
            assertThat(f.state()).isEqualTo(FeedState.FAILED);
            assertThat(f.isDone()).isTrue();
            assertThat(f.failure()).hasValueSatisfying(m -> assertThat(m)
                    .contains("authentication rejected", "auth failed (402)", "ABCD", "not retrying")
                    .doesNotContain(CredentialsTest.SECRET).doesNotContain(CredentialsTest.KEY));
            wall.advanceNanos(Duration.ofHours(1).toNanos());
            for (int i = 0; i < 10; i++) {
                f.doWork();
            }
            assertThat(transport.openings).as("no retry storm").hasSize(1);
            assertThat(sink.log).endsWith("idle");
            assertThat(logs.list).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage())
                    .doesNotContain(CredentialsTest.SECRET).doesNotContain(CredentialsTest.KEY));
            assertThat(f.health().toString()).doesNotContain(CredentialsTest.SECRET);
        } finally {
            logger.detachAppender(logs);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FeedState.class, names = {"DISCONNECTED", "CONNECTING", "AUTHENTICATING", "SUBSCRIBING",
            "STREAMING", "BACKOFF"})
    void stopsCleanlyFromAnyState(FeedState from) {
        FeedConnection f = feed(SETTINGS);
        f.subscribe(Subscription.of(StreamType.BARS, AAA));
        if (from != FeedState.DISCONNECTED) {
            f.connect();
            f.doWork();
        }
        if (from.compareTo(FeedState.AUTHENTICATING) >= 0) {
            transport.server().onOpen();
            f.doWork();
        }
        if (from.compareTo(FeedState.SUBSCRIBING) >= 0) {
            transport.server().onMessage(new FeedMessage.Authenticated());
            f.doWork();
        }
        if (from.compareTo(FeedState.STREAMING) >= 0) {
            transport.server().onMessage(new FeedMessage.Subscribed(f.subscription()));
            f.doWork();
            transport.server().onMessage(new FeedMessage.Bars(List.of(bar(AAA, T0930))));
            f.doWork();
        }
        if (from == FeedState.BACKOFF) {
            transport.server().onClosed("gone");
            f.doWork();
        }
        assertThat(f.state()).isEqualTo(from);
        int closes = transport.closes;
        f.stop();
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.STOPPED);
        assertThat(f.isDone()).isTrue();
        assertThat(f.failure()).isEmpty();
        if (from.compareTo(FeedState.CONNECTING) >= 0 && from != FeedState.BACKOFF) {
            assertThat(transport.closes).isGreaterThan(closes);
        }
        if (from == FeedState.STREAMING) {
            assertThat(sink.batches).as("the held bar is given back on stop").hasSize(1);
        }
        assertThat(sink.log).endsWith("idle");
        wall.advanceNanos(Duration.ofHours(1).toNanos());
        f.doWork();
        assertThat(transport.openings).hasSize(from == FeedState.DISCONNECTED ? 0 : 1);
    }

    @Test
    void minuteBarsAreHeldUntilTheMinuteEndPlusGraceThenPutWithTheWatermark() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA, BBB));
        sink.log.clear();
        clock.set(T0930.plusSeconds(60).plusMillis(300));
        transport.server().onMessage(new FeedMessage.Bars(List.of(bar(BBB, T0930))));
        transport.server().onMessage(new FeedMessage.Bars(List.of(bar(AAA, T0930))));
        f.doWork();
        assertThat(sink.batches).as("held within the grace").isEmpty();
        assertThat(sink.log).as("the heartbeat watermark stays behind them")
                .containsExactly("wm " + T0930.plusSeconds(60).plusMillis(300).minus(SETTINGS.grace()));
        sink.log.clear();

        clock.set(T0930.plusSeconds(60).plus(SETTINGS.grace()));
        f.doWork();
        assertThat(sink.log).containsExactly("batch 2", "wm " + T0930.plusSeconds(60));

        // A bar for a minute already promised is late: put at once and counted.
        transport.server().onMessage(new FeedMessage.Bars(List.of(bar(Symbol.of("CCC"), T0930))));
        f.doWork();
        assertThat(sink.log).endsWith("batch 1");
        assertThat(f.health().lateEvents()).isEqualTo(1);
    }

    @Test
    void aHeartbeatKeepsAQuietConnectionAliveAndIsNoMessage() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        long messages = f.health().messages();
        wall.advanceNanos(SETTINGS.silenceTimeout().toNanos() - 1);
        transport.server().onMessage(new FeedMessage.Heartbeat());
        f.doWork();
        wall.advanceNanos(SETTINGS.silenceTimeout().toNanos() - 1);
        f.doWork();
        assertThat(f.state()).as("silent for less than the timeout since the ping").isEqualTo(FeedState.STREAMING);
        assertThat(f.health().messages()).isEqualTo(messages);
        wall.advanceNanos(1);
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
    }

    @Test
    void aWatermarkAloneIsNoWorkSoAQuietFeedIdlesUntilItsNextClockPoll() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        f.doWork();
        sink.log.clear();
        clock.set(T0930.plusSeconds(30));
        assertThat(f.doWork()).as("only the watermark moved").isZero();
        assertThat(sink.log).containsExactly("wm " + T0930.plusSeconds(30).minus(SETTINGS.grace()));
    }

    @Test
    void aStreamingFeedLooksAtTheMarketClockEveryPollWithoutAnyMessage() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        assertThat(f.wakeAtNanos()).as("the market clock does not signal: the feed polls it")
                .isEqualTo(wall.nanoTime() + FeedConnection.CLOCK_POLL_NANOS);
        transport.server().onMessage(new FeedMessage.Bars(List.of(bar(AAA, T0930))));
        f.doWork();
        assertThat(f.wakeAtNanos()).as("a held bar: the clock is looked at more often")
                .isEqualTo(wall.nanoTime() + FeedConnection.HELD_POLL_NANOS);
        sink.log.clear();
        clock.set(T0930.plusSeconds(60).plus(SETTINGS.grace()));  // no message comes: only the clock moved
        wall.advanceNanos(FeedConnection.HELD_POLL_NANOS);
        f.doWork();
        assertThat(sink.log).containsExactly("batch 1", "wm " + T0930.plusSeconds(60));
    }

    @Test
    void aFullInputHoldsTheBatchesAndTheWatermarkBack() {
        FeedConnection f = streaming(Subscription.of(StreamType.TRADES, AAA));
        transport.server().onMessage(new FeedMessage.Trades(List.of(new Trade(AAA, T0930, 10, 5))));
        f.doWork();
        sink.log.clear();
        sink.full = true;
        clock.set(T0930.plusSeconds(10));
        f.doWork();
        assertThat(sink.log).isEmpty();
        sink.full = false;
        f.doWork();
        assertThat(sink.log).containsExactly("batch 1", "wm " + T0930.plusSeconds(8));
    }

    @Test
    void aClosedCoordinatorInputFailsTheFeed() {
        FeedConnection f = streaming(Subscription.of(StreamType.TRADES, AAA));
        sink.closed = true;
        transport.server().onMessage(new FeedMessage.Trades(List.of(new Trade(AAA, T0930, 10, 5))));
        clock.set(T0930.plusSeconds(10));
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.FAILED);
        assertThat(f.failure()).hasValueSatisfying(m -> assertThat(m).contains("closed"));
    }

    @Test
    void healthFiguresFollowTheClocks() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        long messagesBefore = f.health().messages();
        clock.set(T0930.plusSeconds(61));
        for (int i = 0; i < 4; i++) {
            transport.server().onMessage(new FeedMessage.Bars(List.of(bar(AAA, T0930))));
        }
        transport.server().onMessage(new FeedMessage.Skipped("malformed frame"));
        f.doWork();
        FeedHealth h = f.health();
        assertThat(h.messages() - messagesBefore).isEqualTo(5);
        assertThat(h.events()).isEqualTo(4);
        assertThat(h.skipped()).isEqualTo(1);
        assertThat(h.lastMessage()).contains(T0930.plusSeconds(61));
        assertThat(h.currentLag()).contains(Duration.ofSeconds(1));
        assertThat(h.state()).isEqualTo(FeedState.STREAMING);

        wall.advanceNanos(Duration.ofSeconds(1).toNanos());
        f.doWork();
        assertThat(f.health().messagesPerSecond()).isEqualTo(h.messages());  // all of them within the first second
        wall.advanceNanos(Duration.ofSeconds(1).toNanos());
        f.doWork();
        assertThat(f.health().messagesPerSecond()).isZero();
    }

    @Test
    void aSilentServerOrAFloodingOneIsReconnected() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        wall.advanceNanos(SETTINGS.silenceTimeout().toNanos());
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
        assertThat(f.health().lastFailure()).hasValueSatisfying(r -> assertThat(r).contains("silent"));

        FeedConnection g = new FeedConnection("flood", transport, credentials, sink, SETTINGS.withInboxCapacity(2),
                wall, clock, new SplittableRandom(SEED));
        g.connect();
        g.doWork();
        for (int i = 0; i < 5; i++) {
            transport.server().onMessage(new FeedMessage.Skipped("x"));
        }
        g.doWork();
        assertThat(g.state()).isEqualTo(FeedState.BACKOFF);
        assertThat(g.health().skipped()).isEqualTo(3);
        assertThat(g.health().lastFailure()).hasValueSatisfying(r -> assertThat(r).contains("overflowed"));
    }

    @Test
    void aServerThatAcceptsAndNeverSpeaksTimesOut() {
        FeedConnection f = feed(SETTINGS);
        f.connect();
        f.doWork();
        transport.server().onOpen();
        f.doWork();
        assertThat(f.wakeAtNanos()).isLessThanOrEqualTo(wall.nanoTime() + SETTINGS.answerTimeout().toNanos());
        wall.advanceNanos(SETTINGS.answerTimeout().toNanos());
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
        assertThat(transport.closes).isEqualTo(1);
    }

    @Test
    void aFatalServerErrorFailsAndANonFatalOneReconnects() {
        FeedConnection f = streaming(Subscription.of(StreamType.BARS, AAA));
        transport.server().onMessage(new FeedMessage.ServerError(406, "connection limit exceeded", false));
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
        FeedConnection g = streaming(Subscription.of(StreamType.BARS, AAA));
        transport.server().onMessage(new FeedMessage.ServerError(400, "invalid syntax", true));
        g.doWork();
        assertThat(g.state()).isEqualTo(FeedState.FAILED);
        assertThat(g.failure()).hasValueSatisfying(m -> assertThat(m).contains("400", "invalid syntax"));
    }

    @Test
    void theFailureCountResetsOnlyAfterAStableStream() {
        FeedConnection f = feed(SETTINGS);
        f.subscribe(Subscription.of(StreamType.BARS, AAA));
        f.connect();
        f.doWork();
        SplittableRandom expected = new SplittableRandom(SEED);
        for (int n = 1; n <= 3; n++) {
            transport.server().onClosed("dropped");
            f.doWork();
            wall.advanceNanos(BACKOFF.delayNanos(n, expected));
            f.doWork();
        }
        handshake(f);
        assertThat(f.state()).isEqualTo(FeedState.STREAMING);
        wall.advanceNanos(SETTINGS.stableAfter().toNanos());
        f.doWork();
        transport.server().onClosed("dropped after a stable stream");
        f.doWork();
        long delay = BACKOFF.delayNanos(1, expected);
        assertThat(delay).as("drawn as a first failure again").isLessThan(BACKOFF.ceilingNanos(1));
        wall.advanceNanos(delay - 1);
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.BACKOFF);
        wall.advanceNanos(1);
        f.doWork();
        assertThat(f.state()).isEqualTo(FeedState.CONNECTING);
    }

    @Test
    void aRunnerStopsTheFeedWithinItsBound() {
        FeedConnection f = feed(SETTINGS);
        f.connect();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AgentRunner runner = new AgentRunner(f, f.idleStrategy(), thrown::set, 5_000);
        runner.start();
        f.stop();
        assertThat(runner.closeAndJoin()).isTrue();
        assertThat(f.state()).isEqualTo(FeedState.STOPPED);
        assertThat(runner.isAlive()).isFalse();
        assertThat(thrown.get()).isNull();
    }
}
