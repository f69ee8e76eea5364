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
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.time.ReplayClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The live graces stand for feed latency, which is wall time: on a replay clock running 100 times as fast, a silent
 * input holds a derived window back for 100 x 10 s of market time, not 10 s (at high replay speeds the unscaled
 * grace flushed windows before their last minute could arrive, and every window was revised).
 */
class ReplaySpeedGraceTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final double SPEED = 100;

    @Test
    void aSilentInputHoldsTheWindowForTheScaledGrace() throws InterruptedException {
        TradingSession session = Calendars.xnys().session(MONDAY).orElseThrow();
        BarSeries all = Bars.session(List.of(SPY), MONDAY, MONDAY.plusDays(1));
        ManualWallClock replayWall = new ManualWallClock();  // only the test moves the market clock
        ReplayClock clock = ReplayClock.running(session.open().plusSeconds(4 * 60 + 30), SPEED, replayWall);
        List<Bar> fiveMinutes = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch flushed = new CountDownLatch(1);
        try (DataManager dm = DataManager.builder().live(clock)
                .config(SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5))).build()).build()) {
            dm.register(SPY, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    started.countDown();
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    fiveMinutes.add(bar);
                    flushed.countDown();
                }
            });
            EventQueue feed = dm.publisher("feed", 16);
            dm.start();
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            feed.put(EventBatch.bars(all.reorder(new int[] {0, 1, 2, 3})));  // 09:30..09:33; 09:34 never comes

            // 09:35:11: past the unscaled grace of 10 s, well within the scaled one of 1000 s.
            replayWall.advanceNanos(Duration.ofSeconds(41).toNanos() / (long) SPEED);
            assertThat(flushed.await(300, TimeUnit.MILLISECONDS)).as("held for the scaled grace").isFalse();

            // 09:51:51: the scaled grace has passed; the silent input no longer holds the window.
            replayWall.advanceNanos(Duration.ofSeconds(1000).toNanos() / (long) SPEED);
            assertThat(flushed.await(10, TimeUnit.SECONDS)).as("flushed after the scaled grace").isTrue();
            assertThat(fiveMinutes.get(0).start()).isEqualTo(session.open());
            assertThat(fiveMinutes.get(0).volume()).isEqualTo(all.volume(0) + all.volume(1) + all.volume(2)
                    + all.volume(3));
        }
    }
}
