package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.bars.TradeBarConfig;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
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

    /** Connects {@code feed}: the scripted server greets, accepts the login and acknowledges the subscription. */
    private static void streaming(FeedConnection feed, ScriptedTransport transport) {
        feed.connect();
        feed.doWork();
        transport.server().onOpen();
        feed.doWork();
        transport.server().onMessage(new FeedMessage.Authenticated());
        feed.doWork();
        transport.server().onMessage(new FeedMessage.Subscribed(feed.subscription()));
        feed.doWork();
        assertThat(feed.state()).isEqualTo(FeedState.STREAMING);
    }

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
            streaming(feed, transport);
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

    @Test
    void aTradesOnlyFeedBuildsTheMinuteBarsFromItsTrades() throws InterruptedException {
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(5));
        CountDownLatch barArrived = new CountDownLatch(2);
        ScriptedTransport transport = new ScriptedTransport();
        Instant open = SESSION.open();
        List<Trade> trades = List.of(new Trade(AAA, open.plusSeconds(10), 10.0, 100),
                new Trade(AAA, open.plusSeconds(20), 10.4, 50), new Trade(AAA, open.plusSeconds(50), 9.9, 30),
                new Trade(AAA, open.plusSeconds(70), 10.1, 10));
        try (DataManager dm = DataManager.builder().live(clock).build()) {
            EventLog log = new EventLog(dm::now);
            dm.register(AAA, StreamType.BARS).subscribe(log).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    barArrived.countDown();
                }
            });
            FeedConnection feed = new FeedConnection("trades", transport, Credentials.of("key", "secret"),
                    FeedSink.of(dm.publisher("trades feed", 16)),
                    FeedSettings.DEFAULT.withBarsFromTrades(TradeBarConfig.DEFAULT), new ManualWallClock(), clock,
                    new SplittableRandom(1));
            dm.start();
            feed.subscribe(Subscription.of(StreamType.TRADES, AAA));
            streaming(feed, transport);
            transport.server().onMessage(new FeedMessage.Trades(trades));
            // 09:32 + grace: the clock closes 09:31 too, which has one trade and no later one to close it.
            clock.set(open.plus(Duration.ofMinutes(2)).plus(FeedSettings.DEFAULT.grace()));
            feed.doWork();
            assertThat(barArrived.await(10, TimeUnit.SECONDS)).as("the 09:30 and 09:31 bars").isTrue();
            List<Bar> bars = log.bars(Interval.ONE_MINUTE);
            assertThat(bars).extracting(Bar::start).containsExactly(open, open.plusSeconds(60));
            Bar first = bars.get(0);
            assertThat(new double[] {first.open(), first.high(), first.low(), first.close()})
                    .containsExactly(10.0, 10.4, 9.9, 9.9);
            assertThat(first.volume()).isEqualTo(180);
            assertThat(first.tradeCount()).isEqualTo(3);
            assertThat(bars.get(1).volume()).isEqualTo(10);
            assertThat(feed.health().events()).as("4 trades and 2 bars").isEqualTo(6);
            feed.stop();
            feed.doWork();
        }
    }
}
