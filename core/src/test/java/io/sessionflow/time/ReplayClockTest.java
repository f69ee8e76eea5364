package io.sessionflow.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.testing.ManualWallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class ReplayClockTest {

    private static final Instant OPEN = Instant.parse("2013-10-07T13:30:00Z");

    @Test
    void readsItsStartUntilStartedThenRunsAtItsSpeed() {
        ManualWallClock wall = new ManualWallClock();
        ReplayClock clock = new ReplayClock(OPEN, 60, wall);
        wall.advanceNanos(Duration.ofSeconds(5).toNanos());
        assertThat(clock.isStarted()).isFalse();
        assertThat(clock.instant()).as("not started: time stands").isEqualTo(OPEN);

        assertThat(clock.start()).isTrue();
        assertThat(clock.instant()).isEqualTo(OPEN);
        wall.advanceNanos(Duration.ofSeconds(1).toNanos());
        assertThat(clock.instant()).as("one wall second at 60x").isEqualTo(OPEN.plus(Duration.ofMinutes(1)));
        wall.advanceNanos(Duration.ofMillis(500).toNanos());
        assertThat(clock.millis()).isEqualTo(OPEN.plusSeconds(90).toEpochMilli());
    }

    @Test
    void onlyTheFirstStartCounts() {
        ManualWallClock wall = new ManualWallClock();
        ReplayClock clock = new ReplayClock(OPEN, 2, wall);
        assertThat(clock.start()).isTrue();
        wall.advanceNanos(Duration.ofSeconds(10).toNanos());
        assertThat(clock.start()).as("a second start (a reconnect) does not restart the replay").isFalse();
        assertThat(clock.instant()).isEqualTo(OPEN.plusSeconds(20));
    }

    @Test
    void runningStartsAtOnceAndFractionalSpeedsSlowDown() {
        ManualWallClock wall = new ManualWallClock();
        ReplayClock clock = ReplayClock.running(OPEN, 0.5, wall);
        assertThat(clock.isStarted()).isTrue();
        wall.advanceNanos(Duration.ofSeconds(3).toNanos());
        assertThat(clock.instant()).isEqualTo(OPEN.plusMillis(1500));
        assertThat(clock.speed()).isEqualTo(0.5);
        assertThat(clock.startInstant()).isEqualTo(OPEN);
    }

    @Test
    void anAnchoredClockRunsOnBothSidesOfItsAnchor() {
        ManualWallClock wall = new ManualWallClock();
        long anchor = wall.nanoTime() + Duration.ofSeconds(2).toNanos();
        ReplayClock clock = ReplayClock.anchored(OPEN, anchor, 60, wall);
        assertThat(clock.isStarted()).isTrue();
        assertThat(clock.instant()).as("two wall seconds ahead of the open").isEqualTo(OPEN.minusSeconds(120));
        wall.advanceNanos(Duration.ofSeconds(3).toNanos());
        assertThat(clock.instant()).isEqualTo(OPEN.plusSeconds(60));
        assertThat(ReplayClock.speedOf(clock)).isEqualTo(60);
    }

    @Test
    void aZonedCopySharesTheStart() {
        ManualWallClock wall = new ManualWallClock();
        ReplayClock clock = new ReplayClock(OPEN, 10, wall);
        Clock york = clock.withZone(ZoneId.of("America/New_York"));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
        assertThat(york.getZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(clock.withZone(ZoneOffset.UTC)).isSameAs(clock);
        clock.start();
        wall.advanceNanos(Duration.ofSeconds(1).toNanos());
        assertThat(york.instant()).isEqualTo(OPEN.plusSeconds(10)).isEqualTo(clock.instant());
    }

    @Test
    void rejectsSpeedsThatAreNotFinitePositiveNumbers() {
        ManualWallClock wall = new ManualWallClock();
        for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThatThrownBy(() -> new ReplayClock(OPEN, bad, wall))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Double.toString(bad));
        }
    }

    @Property
    void neverMovesBackwards(@ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long first,
                             @ForAll @LongRange(min = 0, max = 3_600_000_000_000L) long second) {
        ManualWallClock wall = new ManualWallClock();
        ReplayClock clock = ReplayClock.running(OPEN, 390, wall);
        wall.advanceNanos(first);
        Instant a = clock.instant();
        wall.advanceNanos(second);
        assertThat(clock.instant()).isAfterOrEqualTo(a);
    }
}
