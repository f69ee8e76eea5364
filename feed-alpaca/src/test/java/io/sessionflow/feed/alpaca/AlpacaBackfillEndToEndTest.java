package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.MarketDataStores;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A live {@link DataManager} over an empty store wrapped by {@link MarketDataStores#withBarBackfill} over
 * {@link AlpacaHistoricalBars} against {@link FakeAlpacaRest}: a start at 09:42:30 loads the session's earlier
 * minutes from REST (so the first 5m bars are whole), and a minute the feed loses is repaired from REST by the live
 * completeness check. Both land in the store. The data manager runs on its own threads; the test waits on latches.
 */
class AlpacaBackfillEndToEndTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    private static final Interval FIVE = Interval.ofMinutes(5);
    /** The session as Alpaca has it, trade counts and VWAPs included. */
    private static final BarSeries MARKET = market();

    private static BarSeries market() {
        List<Bar> out = new ArrayList<>();
        int m = 0;
        for (Bar b : Bars.session(List.of(SPY), MONDAY, MONDAY.plusDays(1))) {
            out.add(new Bar(SPY, b.start(), b.interval(), b.open(), b.high(), b.low(), b.close(), b.volume(),
                    20 + m++, b.close() - 0.005, 0));
        }
        return BarSeries.of(Interval.ONE_MINUTE, out);
    }

    private static Instant at(int minute) {
        return SESSION.open().plus(Duration.ofMinutes(minute));
    }

    private static double volume(int from, int to) {
        return IntStream.range(from, to).mapToDouble(MARKET::volume).sum();
    }

    @Test
    void anEmptyStoreWarmsUpFromRestAndAMinuteTheFeedLostIsRepairedFromRest() throws Exception {
        List<Bar> oneMinute = new CopyOnWriteArrayList<>();
        List<Bar> fiveMinutes = new CopyOnWriteArrayList<>();
        CountDownLatch warm = new CountDownLatch(12);
        CountDownLatch firstWindows = new CountDownLatch(2);
        CountDownLatch fed = new CountDownLatch(19);
        CountDownLatch repaired = new CountDownLatch(1);
        CountDownLatch wholeTenForty = new CountDownLatch(1);
        double fullTenForty = volume(10, 15);
        InMemoryStore store = new InMemoryStore();
        // 09:42:30: 09:30..09:41 have ended, and nothing of them is stored.
        SettableClock clock = new SettableClock(at(12).plusSeconds(30));
        try (FakeAlpacaRest rest = new FakeAlpacaRest(MARKET)) {
            AlpacaHistoricalBars alpaca = AlpacaHistoricalBars.builder(AlpacaHistoricalBarsTest.CREDENTIALS,
                    AlpacaFeed.IEX).base(rest.base()).wallClock(new ManualWallClock()).build();
            MarketDataStore backfilled = MarketDataStores.withBarBackfill(store, alpaca, Calendars.xnys(), clock);
            try (DataManager dm = DataManager.builder().store(backfilled).live(clock)
                    .config(SessionConfig.builder().derivedIntervals(List.of(FIVE)).build()).build()) {
                dm.register(SPY, StreamType.BARS).subscribe(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        oneMinute.add(bar);
                        warm.countDown();
                        fed.countDown();
                        if (bar.isFilled()) {
                            repaired.countDown();
                        }
                    }

                    @Override
                    public void onDerivedBar(Bar bar) {
                        fiveMinutes.add(bar);
                        firstWindows.countDown();
                        if (bar.start().equals(at(10)) && bar.volume() == fullTenForty) {
                            wholeTenForty.countDown();
                        }
                    }
                });
                EventQueue feed = dm.publisher("alpaca feed", 16);
                dm.start();

                assertThat(warm.await(10, TimeUnit.SECONDS)).as("the twelve earlier minutes").isTrue();
                assertThat(firstWindows.await(10, TimeUnit.SECONDS)).as("09:30 and 09:35").isTrue();
                assertThat(oneMinute).hasSize(12);
                for (int m = 0; m < 12; m++) {
                    assertThat(oneMinute.get(m).sameValues(MARKET.get(m))).as("minute %d as Alpaca has it", m).isTrue();
                    assertThat(oneMinute.get(m).isFilled()).isFalse();
                }
                assertThat(fiveMinutes.subList(0, 2)).allSatisfy(b -> {
                    assertThat(b.isRevised()).as("no revision").isFalse();
                    int first = (int) ((Micros.of(b.start()) - Micros.of(SESSION.open())) / Micros.PER_MINUTE);
                    assertThat(b.volume()).as("the whole window of %s", b.start()).isEqualTo(volume(first, first + 5));
                });
                assertThat(rest.requests()).as("one request for the whole warm start").singleElement()
                        .satisfies(r -> assertThat(r.query()).containsEntry("symbols", "SPY")
                                .containsEntry("start", "2025-11-24T14:30:00Z")
                                .containsEntry("end", "2025-11-24T14:41:59.999999Z"));
                assertThat(store.readBars(SPY, Interval.ONE_MINUTE, new TimeRange(at(0), at(12))))
                        .as("written back for later repairs and tomorrow's history").hasSize(12);

                // The feed brings 09:42..09:49 but loses 09:44.
                int[] rows = IntStream.range(12, 20).filter(m -> m != 14).toArray();
                feed.put(EventBatch.bars(MARKET.reorder(rows)));
                assertThat(fed.await(10, TimeUnit.SECONDS)).as("the fed minutes").isTrue();
                assertThat(oneMinute).noneMatch(Bar::isFilled);

                // A check interval later the completeness check asks for 09:44; the store lacks it, Alpaca has it.
                clock.set(at(20).plusMillis(200));
                assertThat(repaired.await(10, TimeUnit.SECONDS)).as("09:44 repaired").isTrue();
                Bar filled = oneMinute.stream().filter(Bar::isFilled).findFirst().orElseThrow();
                assertThat(filled.start()).isEqualTo(at(14));
                assertThat(filled.sameValues(MARKET.get(14))).isTrue();
                assertThat(wholeTenForty.await(10, TimeUnit.SECONDS)).as("the 09:40 window with 09:44").isTrue();
                assertThat(rest.requests()).hasSize(2).last().satisfies(r -> assertThat(r.query())
                        .containsEntry("start", "2025-11-24T14:44:00Z")
                        .containsEntry("end", "2025-11-24T14:44:59.999999Z"));
                assertThat(store.readBars(SPY, Interval.ONE_MINUTE, new TimeRange(at(14), at(15))))
                        .singleElement().satisfies(b -> assertThat(b.sameValues(MARKET.get(14))).isTrue());
            }
        }
    }
}
