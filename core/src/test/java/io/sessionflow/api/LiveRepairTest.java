package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
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

/** Live mode with storage: gaps in the feed are repaired from storage by the upkeep thread every check interval. */
class LiveRepairTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 24);

    @Test
    void gapsInTheFeedAreRepairedFromStorageAndTheClockEndsTheSession() throws Exception {
        TradingSession session = Calendars.xnys().session(DAY).orElseThrow();
        BarSeries all = Bars.session(List.of(SPY), DAY, DAY.plusDays(1));
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(all);
        // Started a second after the open: no earlier minutes to warm up from storage (LiveWarmStartTest).
        SettableClock clock = new SettableClock(session.open().plusSeconds(1));
        List<Bar> filled = new CopyOnWriteArrayList<>();
        CountDownLatch repaired = new CountDownLatch(3);
        CountDownLatch fed = new CountDownLatch(27);
        CountDownLatch ended = new CountDownLatch(1);
        List<SessionEnd> ends = new CopyOnWriteArrayList<>();
        try (DataManager dm = DataManager.builder().store(store).live(clock).build()) {
            dm.register(SPY, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    fed.countDown();
                    if (bar.isFilled()) {
                        filled.add(bar);
                        repaired.countDown();
                    }
                }

                @Override
                public void onSessionEnd(SessionEnd end) {
                    ends.add(end);
                    ended.countDown();
                }
            });
            EventQueue feed = dm.publisher("feed", 16);
            dm.start();
            // The feed delivered the first 30 minutes but lost 09:40-09:42.
            long open = Micros.of(session.open());
            int[] rows = java.util.stream.IntStream.range(0, 30).filter(m -> m < 10 || m > 12).toArray();
            feed.put(EventBatch.bars(all.reorder(rows)));
            assertThat(fed.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(filled).isEmpty();
            clock.set(session.open().plus(Duration.ofMinutes(30)));
            // Checks run every check interval (60 s) of live time: the next one finds the gap.
            clock.advance(Duration.ofSeconds(60));
            assertThat(repaired.await(10, TimeUnit.SECONDS)).as("the upkeep thread filled the gap").isTrue();
            assertThat(filled).extracting(b -> (Micros.of(b.start()) - open) / Micros.PER_MINUTE)
                    .containsExactly(10L, 11L, 12L);
            assertThat(dm.sessionData().symbol(SPY).orElseThrow().bars()).hasSize(30);

            // A silent feed is waited for until the live grace past the close: then the clock ends the session.
            clock.set(session.close().plusSeconds(10));
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(ends.get(0).reason()).isEqualTo(SessionEndReason.CLOCK);
            assertThat(ends.get(0).time()).isEqualTo(session.close());
        }
    }
}
