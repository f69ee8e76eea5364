package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.OperationMode;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The same facade in live mode: time follows the injected clock, a session ends when the clock passes its end. */
class LiveModeTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();

    @Test
    void aLiveSessionStartsAndEndsByTheClockAndDeliversWhatIsPublished() throws InterruptedException {
        SettableClock clock = new SettableClock(SESSION.open().minus(Duration.ofMinutes(30)));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch fiveMinutes = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        List<Bar> firstFive = Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1)).subList(0, 5);
        try (DataManager dm = DataManager.builder().live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5))).build()).build()) {
            EventLog log = new EventLog(dm::now);
            dm.register(AAA, StreamType.BARS).subscribe(log).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession session) {
                    started.countDown();
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.countDown();
                }

                @Override
                public void onSessionEnd(SessionEnd end) {
                    ended.countDown();
                }
            });
            EventQueue feed = dm.publisher("live feed", 16);
            assertThat(dm.mode()).isEqualTo(OperationMode.LIVE);
            assertThat(dm.now()).isEqualTo(clock.instant());
            dm.start();
            assertThat(started.await(300, TimeUnit.MILLISECONDS)).as("no session before the open").isFalse();

            // Bars arrive before the clock passes 09:35: the 09:34 bar completes the 09:30 5m bar.
            clock.set(SESSION.open().plus(Duration.ofSeconds(4 * 60 + 30)));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(dm.currentSession()).contains(SESSION);
            Batches.publish(feed, firstFive, 5, null);
            assertThat(fiveMinutes.await(10, TimeUnit.SECONDS)).as("the 09:30 5m bar").isTrue();

            // Past the close the feed may still send the last minute's bar: the session waits for its promise.
            clock.set(SESSION.close().plusSeconds(1));
            assertThat(ended.await(300, TimeUnit.MILLISECONDS)).as("the feed has not passed the close").isFalse();
            feed.advanceWatermark(SESSION.close());
            assertThat(ended.await(10, TimeUnit.SECONDS)).isTrue();
            SessionEnd end = log.of(SessionEnd.class).get(0);
            assertThat(end.reason()).isEqualTo(SessionEndReason.CLOCK);
            assertThat(end.time()).isEqualTo(SESSION.close());
            assertThat(log.bars(Interval.ONE_MINUTE)).containsExactlyElementsOf(firstFive);
            assertThat(log.bars(Interval.ofMinutes(5))).hasSize(1);
            assertThat(dm.now()).isEqualTo(clock.instant());
        }
    }
}
