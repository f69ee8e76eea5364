package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.SettableClock;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveFeed}: the connection on its own thread pushes into the data manager's input; closing stops it and
 * joins its thread; the end hook runs once the feed has ended, stopped or failed.
 */
class LiveFeedTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    private static final Subscription BARS = Subscription.of(StreamType.BARS, AAA);

    /** A transport the test plays the server for, across threads: openings and requests go into queues. */
    private static final class QueuedTransport implements FeedTransport {
        final BlockingQueue<Receiver> openings = new LinkedBlockingQueue<>();
        final BlockingQueue<FeedRequest> sent = new LinkedBlockingQueue<>();

        @Override
        public void open(Receiver receiver) {
            openings.add(receiver);
        }

        @Override
        public void send(FeedRequest request) {
            sent.add(request);
        }

        @Override
        public void close() {
        }

        Receiver opened() throws InterruptedException {
            Receiver r = openings.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("the feed opened the transport").isNotNull();
            return r;
        }

        FeedRequest request() throws InterruptedException {
            FeedRequest r = sent.poll(10, TimeUnit.SECONDS);
            assertThat(r).as("the feed sent a request").isNotNull();
            return r;
        }
    }

    @Test
    void barsReachTheListenersFromTheFeedsThreadAndCloseStopsIt() throws Exception {
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(10));
        QueuedTransport transport = new QueuedTransport();
        CountDownLatch fiveMinutes = new CountDownLatch(1);
        CompletableFuture<FeedState> ended = new CompletableFuture<>();
        try (DataManager dm = DataManager.builder().live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5))).build()).build();
             LiveFeed feed = LiveFeed.builder("scripted", transport, Credentials.of("key", "secret"))
                     .wallClock(WallClock.system()).random(new SplittableRandom(1))
                     .whenEnded(c -> ended.complete(c.state())).into(dm, clock)) {
            dm.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.countDown();
                }
            });
            dm.start();
            feed.start(BARS);
            FeedTransport.Receiver server = transport.opened();
            server.onOpen();
            assertThat(transport.request()).isInstanceOf(FeedRequest.Authenticate.class);
            server.onMessage(new FeedMessage.Authenticated());
            assertThat(transport.request()).isEqualTo(new FeedRequest.Subscribe(BARS));
            server.onMessage(new FeedMessage.Subscribed(BARS));
            server.onMessage(new FeedMessage.Bars(Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1))
                    .subList(0, 5)));
            clock.set(SESSION.open().plus(Duration.ofMinutes(5)).plus(FeedSettings.DEFAULT.grace()));
            assertThat(fiveMinutes.await(10, TimeUnit.SECONDS)).as("the 09:30 5m bar, built from the feed's")
                    .isTrue();
            assertThat(ended).as("running").isNotDone();
            assertThat(feed.stop()).as("the feed's thread ended within the bound").isTrue();
            assertThat(ended.get(10, TimeUnit.SECONDS)).isEqualTo(FeedState.STOPPED);
            assertThat(feed.connection().health().events()).isEqualTo(5);
        }
    }

    @Test
    void aRejectedKeyEndsTheFeedAndTheHookSaysWhy() throws Exception {
        SettableClock clock = new SettableClock(SESSION.open());
        QueuedTransport transport = new QueuedTransport();
        CompletableFuture<String> ended = new CompletableFuture<>();
        try (DataManager dm = DataManager.builder().live(clock).build();
             LiveFeed feed = LiveFeed.builder("scripted", transport, Credentials.of("PKTEST1234", "secret"))
                     .whenEnded(c -> ended.complete(c.state() + ": " + c.failure().orElse("?"))).into(dm, clock)) {
            dm.register(AAA, StreamType.BARS);
            dm.start();
            feed.start(BARS);
            FeedTransport.Receiver server = transport.opened();
            server.onOpen();
            assertThat(transport.request()).isInstanceOf(FeedRequest.Authenticate.class);
            server.onMessage(new FeedMessage.AuthRejected("auth failed"));
            assertThat(ended.get(10, TimeUnit.SECONDS)).startsWith("FAILED: scripted: authentication rejected for key …1234")
                    .contains("auth failed").doesNotContain("secret");
            assertThat(feed.stop()).isTrue();
        }
    }
}
