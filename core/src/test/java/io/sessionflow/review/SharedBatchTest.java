package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Review C3: one EventBatch put into the publishers of two data managers (fanning a feed out to two strategies)
 * is delivered whole by each, also when one coordinator is inside the batch while the other resolves it.
 */
class SharedBatchTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();

    @Test
    void aBatchSharedByTwoDataManagersIsDeliveredWholeByEach() throws Exception {
        SettableClock clock = new SettableClock(SESSION.open().plus(Duration.ofMinutes(10)));
        List<Bar> five = Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1)).subList(0, 5);
        EventBatch shared = EventBatch.bars(BarSeries.of(Interval.ONE_MINUTE, five));
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aDone = new CountDownLatch(5);
        CountDownLatch bDone = new CountDownLatch(5);
        List<Bar> aBars = new CopyOnWriteArrayList<>();
        List<Bar> bBars = new CopyOnWriteArrayList<>();
        try (DataManager a = DataManager.builder().live(clock).build();
             DataManager b = DataManager.builder().live(clock).build()) {
            a.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    aBars.add(bar);
                    if (aHolds.getCount() > 0) {
                        aHolds.countDown();
                        try {
                            release.await(5, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    aDone.countDown();
                }
            });
            b.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    bBars.add(bar);
                    bDone.countDown();
                }
            });
            EventQueue qa = a.publisher("feed", 4);
            EventQueue qb = b.publisher("feed", 4);
            a.start();
            b.start();
            qa.put(shared);
            assertThat(aHolds.await(5, TimeUnit.SECONDS)).as("A is inside the batch, at bar 1").isTrue();
            qb.put(shared);
            assertThat(bDone.await(5, TimeUnit.SECONDS)).as("B delivered the batch meanwhile").isTrue();
            release.countDown();
            assertThat(aDone.await(5, TimeUnit.SECONDS)).as("A delivered the rest of the batch").isTrue();
            assertThat(aBars).containsExactlyElementsOf(five);
            assertThat(bBars).containsExactlyElementsOf(five);
            assertThat(a.sessionData().symbol(AAA).orElseThrow().bars().size()).as("A's SessionData").isEqualTo(5);
            assertThat(b.sessionData().symbol(AAA).orElseThrow().bars().size()).as("B's SessionData").isEqualTo(5);
        }
    }
}
