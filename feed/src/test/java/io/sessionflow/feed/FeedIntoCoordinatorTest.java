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
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A feed pushing into a live coordinator through {@link FeedSink#of}: what the transport sends is delivered. */
class FeedIntoCoordinatorTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();

    @Test
    void barsFromTheTransportReachTheListenersAndCompleteTheDerivedBar() throws InterruptedException {
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(10));
        CountDownLatch fiveMinutes = new CountDownLatch(1);
        List<Bar> firstFive = Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1)).subList(0, 5);
        ScriptedTransport transport = new ScriptedTransport();
        try (DataManager dm = DataManager.builder().live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5))).build()).build()) {
            EventLog log = new EventLog(dm::now);
            dm.register(AAA, StreamType.BARS).subscribe(log).subscribe(new MarketDataListener() {
                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.countDown();
                }
            });
            FeedConnection feed = new FeedConnection("scripted", transport, Credentials.of("key", "secret"),
                    FeedSink.of(dm.publisher("scripted feed", 16)), FeedSettings.DEFAULT, new ManualWallClock(), clock,
                    new SplittableRandom(1));
            dm.start();
            feed.subscribe(Subscription.of(StreamType.BARS, AAA));
            feed.connect();
            feed.doWork();
            transport.server().onOpen();
            feed.doWork();
            transport.server().onMessage(new FeedMessage.Authenticated());
            feed.doWork();
            transport.server().onMessage(new FeedMessage.Subscribed(feed.subscription()));
            feed.doWork();
            assertThat(feed.state()).isEqualTo(FeedState.STREAMING);

            for (Bar b : firstFive) {
                transport.server().onMessage(new FeedMessage.Bars(List.of(b)));
            }
            clock.set(SESSION.open().plus(Duration.ofMinutes(5)).plus(FeedSettings.DEFAULT.grace()));
            feed.doWork();
            assertThat(fiveMinutes.await(10, TimeUnit.SECONDS)).as("the 09:30 5m bar").isTrue();
            assertThat(log.bars(Interval.ONE_MINUTE)).containsExactlyElementsOf(firstFive);
            assertThat(feed.health().events()).isEqualTo(5);
            feed.stop();
            feed.doWork();
            assertThat(feed.state()).isEqualTo(FeedState.STOPPED);
        }
    }
}
