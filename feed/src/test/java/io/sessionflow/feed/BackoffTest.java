package io.sessionflow.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Backoff B = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));

    @Test
    void ceilingsDoubleUpToTheMax() {
        List<Long> millis = new ArrayList<>();
        for (int n = 1; n <= 8; n++) {
            millis.add(B.ceilingNanos(n) / 1_000_000);
        }
        assertThat(millis).containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
        assertThat(B.ceilingNanos(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(2).toNanos());
    }

    @Test
    void jitteredDelaysStayBelowTheirCeilingAndRepeatWithTheSeed() {
        List<Long> first = delays(new SplittableRandom(42));
        List<Long> again = delays(new SplittableRandom(42));
        assertThat(first).isEqualTo(again);
        for (int n = 1; n <= first.size(); n++) {
            assertThat(first.get(n - 1)).isBetween(0L, B.ceilingNanos(n) - 1);
        }
        assertThat(first).as("full jitter: not the ceilings themselves").doesNotHaveDuplicates();
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessageContaining("PT0S");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("PT1S");
        assertThatThrownBy(() -> B.ceilingNanos(0)).hasMessageContaining("0");
    }

    private static List<Long> delays(SplittableRandom r) {
        List<Long> out = new ArrayList<>();
        for (int n = 1; n <= 10; n++) {
            out.add(B.delayNanos(n, r));
        }
        return out;
    }
}
