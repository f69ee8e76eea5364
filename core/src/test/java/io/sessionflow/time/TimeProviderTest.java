package io.sessionflow.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Micros;
import io.sessionflow.system.OperationMode;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class TimeProviderTest {

    private static final Instant T0 = Instant.parse("2025-01-02T14:30:00Z");

    @Test
    void liveTimeIsTheInjectedClock() {
        SettableClock clock = new SettableClock(T0);
        TimeProvider time = TimeProvider.live(clock);
        assertThat(time.mode()).isEqualTo(OperationMode.LIVE);
        assertThat(time.now()).isEqualTo(T0);
        clock.advance(Duration.ofMinutes(5));
        assertThat(time.now()).isEqualTo("2025-01-02T14:35:00Z");
        assertThat(time.nowMicros()).isEqualTo(Micros.of(T0.plusSeconds(300)));
        // Live time follows its clock wherever it goes; only simulated time is held to moving forward.
        clock.set(T0.minusSeconds(1));
        assertThat(time.now()).isEqualTo(T0.minusSeconds(1));
    }

    @Test
    void wallGracesAreScaledByAReplayClocksSpeedOnly() {
        assertThat(TimeProvider.live(new SettableClock(T0)).marketMicros(10_000_000)).isEqualTo(10_000_000);
        ReplayClock fast = new ReplayClock(T0, 120, new io.sessionflow.testing.ManualWallClock());
        assertThat(TimeProvider.live(fast).marketMicros(10_000_000)).isEqualTo(1_200_000_000);
        assertThat(TimeProvider.backtest(T0).marketMicros(10_000_000)).isEqualTo(10_000_000);
        assertThat(ReplayClock.speedOf(fast.withZone(java.time.ZoneId.of("America/New_York")))).isEqualTo(120);
    }

    @Test
    void liveTimeCannotBeAdvanced() {
        TimeProvider time = TimeProvider.live(new SettableClock(T0));
        assertThatThrownBy(() -> time.advanceTo(T0.plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("live time follows its clock and cannot be advanced");
        assertThatThrownBy(() -> TimeProvider.live(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void backtestTimeStartsWhereToldAndMovesOnlyWhenAdvanced() {
        TimeProvider time = TimeProvider.backtest(T0);
        assertThat(time.mode()).isEqualTo(OperationMode.BACKTEST);
        assertThat(time.now()).isEqualTo(T0);
        time.advanceTo(T0.plusSeconds(60));
        assertThat(time.now()).isEqualTo("2025-01-02T14:31:00Z");
        time.advanceTo(Micros.of(T0) + 61_000_001L);
        assertThat(time.nowMicros()).isEqualTo(Micros.of(T0) + 61_000_001L);
        assertThat(time.now()).isEqualTo("2025-01-02T14:31:01.000001Z");
        assertThat(time).hasToString("BACKTEST time 2025-01-02T14:31:01.000001Z");
        assertThatThrownBy(() -> TimeProvider.backtest(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void advancingToTheCurrentTimeIsANoOp() {
        TimeProvider time = TimeProvider.backtest(T0);
        time.advanceTo(T0);
        assertThat(time.now()).isEqualTo(T0);
    }

    @Test
    void movingBackIsAnErrorNamingBothTimesAndChangesNothing() {
        TimeProvider time = TimeProvider.backtest(T0);
        assertThatThrownBy(() -> time.advanceTo(T0.minusNanos(1_000)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("simulated time cannot move backwards from 2025-01-02T14:30:00Z to "
                        + "2025-01-02T14:29:59.999999Z");
        assertThat(time.now()).isEqualTo(T0);
    }

    @Property(tries = 200)
    void simulatedTimeIsTheLatestTimeItWasAdvancedTo(
            @ForAll List<@LongRange(min = -1_000_000, max = 1_000_000) Long> offsets) {
        long start = Micros.of(T0);
        TimeProvider time = TimeProvider.backtest(T0);
        long latest = start;
        for (long offset : offsets) {
            long target = start + offset;
            if (target < latest) {
                assertThatThrownBy(() -> time.advanceTo(target)).isInstanceOf(IllegalStateException.class);
            } else {
                time.advanceTo(target);
                latest = target;
            }
            assertThat(time.nowMicros()).isEqualTo(latest);
        }
    }

    @Test
    void readersOnOtherThreadsNeverSeeTimeGoBack() throws Exception {
        TimeProvider time = TimeProvider.backtest(T0);
        AtomicBoolean done = new AtomicBoolean();
        java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> reads = reader.submit(() -> {
                long last = time.nowMicros();
                int n = 0;
                reading.countDown();
                do {
                    long now = time.nowMicros();
                    if (now < last) {
                        throw new AssertionError("time went back from " + last + " to " + now);
                    }
                    last = now;
                    n++;
                } while (!done.get());
                return n;
            });
            // The writer starts once the reader reads, so that the two overlap however the threads are scheduled.
            assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 100_000; i++) {
                time.advanceTo(Micros.of(T0) + i);
            }
            done.set(true);
            assertThat(reads.get(10, TimeUnit.SECONDS)).isPositive();
            assertThat(time.nowMicros()).isEqualTo(Micros.of(T0) + 100_000);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void systemWallClockIsMonotonicAndSkipsNonPositiveSleeps() throws InterruptedException {
        WallClock wall = WallClock.system();
        long before = wall.nanoTime();
        wall.sleepNanos(0);
        wall.sleepNanos(-5);
        assertThat(wall.nanoTime()).isGreaterThanOrEqualTo(before);
    }
}
