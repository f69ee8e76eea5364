package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.T0;
import static io.sessionflow.domain.DomainFixtures.minute;
import static io.sessionflow.domain.DomainFixtures.minuteMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    @Test
    void isHalfOpen() {
        TimeRange r = TimeRange.of(minute(0), minute(5));
        assertThat(r.contains(minute(0))).isTrue();
        assertThat(r.contains(minute(5).minusNanos(1))).isTrue();
        assertThat(r.contains(minute(5))).isFalse();
        assertThat(r.contains(minute(0).minusNanos(1))).isFalse();
        assertThat(r.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(r.startMicros()).isEqualTo(minuteMicros(0));
        assertThat(r.endMicros()).isEqualTo(minuteMicros(5));
        assertThat(r.isEmpty()).isFalse();
        assertThat(r).hasToString("[2025-01-02T14:30:00Z, 2025-01-02T14:35:00Z)");
    }

    @Test
    void anEmptyRangeContainsNothing() {
        TimeRange empty = TimeRange.of(T0, T0);
        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.contains(T0)).isFalse();
    }

    @Test
    void endBeforeStartIsRefusedNamingBoth() {
        assertThatThrownBy(() -> TimeRange.of(minute(1), minute(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time range end 2025-01-02T14:30:00Z is before its start 2025-01-02T14:31:00Z");
        assertThatThrownBy(() -> TimeRange.of(null, T0)).isInstanceOf(NullPointerException.class);
    }
}
