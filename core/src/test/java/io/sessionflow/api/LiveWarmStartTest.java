package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A live start in the middle of a session first loads the session's earlier minutes from storage: the derived bars
 * are whole from the first delivery, never delivered with one of their minutes and revised four times.
 */
class LiveWarmStartTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final Interval FIVE = Interval.ofMinutes(5);

    @Test
    void derivedBarsAreWholeFromTheFirstDeliveryAfterAStartAtTenPastTen() throws InterruptedException {
        TradingSession session = Calendars.xnys().session(MONDAY).orElseThrow();
        BarSeries all = Bars.session(List.of(SPY), MONDAY, MONDAY.plusDays(1));
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(all);
        // 09:42:30: the bars of 09:30..09:41 have ended; the feed sends from 09:42 on.
        SettableClock clock = new SettableClock(session.open().plus(Duration.ofSeconds(12 * 60 + 30)));
        List<Bar> oneMinute = new CopyOnWriteArrayList<>();
        List<Bar> fiveMinutes = new CopyOnWriteArrayList<>();
        CountDownLatch warm = new CountDownLatch(2);
        CountDownLatch stored = new CountDownLatch(12);
        CountDownLatch third = new CountDownLatch(1);
        try (DataManager dm = DataManager.builder().store(store).live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(FIVE)).build()).build()) {
            dm.register(SPY, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    oneMinute.add(bar);
                    stored.countDown();
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.add(bar);
                    warm.countDown();
                    if (fiveMinutes.size() == 3) {
                        third.countDown();
                    }
                }
            });
            EventQueue feed = dm.publisher("feed", 16);
            dm.start();
            assertThat(warm.await(10, TimeUnit.SECONDS)).as("09:30 and 09:35 from storage").isTrue();
            // 09:35's window is delivered after 09:39's minute, before 09:40 and 09:41: wait for those too.
            assertThat(stored.await(10, TimeUnit.SECONDS)).as("the twelve stored minutes").isTrue();
            assertThat(oneMinute).as("the minutes that ended before the start, in order").hasSize(12)
                    .extracting(Bar::start).isSorted();

            long open = Micros.of(session.open());
            int[] feedRows = {12, 13, 14};
            clock.set(session.open().plus(Duration.ofMinutes(15)).plusMillis(200));
            feed.put(EventBatch.bars(all.reorder(feedRows)));
            assertThat(third.await(10, TimeUnit.SECONDS)).as("09:40 completed by the feed").isTrue();

            assertThat(fiveMinutes).hasSize(3).allSatisfy(b -> {
                assertThat(b.isRevised()).as("no revision").isFalse();
                assertThat(b.isPartial()).isFalse();
                int first = (int) ((Micros.of(b.start()) - open) / Micros.PER_MINUTE);
                long volume = 0;
                for (int m = first; m < first + 5; m++) {
                    volume += all.volume(m);
                }
                assertThat(b.volume()).as("the whole window of %s", b.start()).isEqualTo(volume);
            });
            assertThat(oneMinute).noneMatch(Bar::isFilled);
        }
    }
}
