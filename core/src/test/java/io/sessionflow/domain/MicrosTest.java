package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class MicrosTest {

    @Test
    void countsMicrosecondsSinceTheEpoch() {
        assertThat(Micros.of(Instant.parse("2025-01-02T14:30:00.000001999Z"))).isEqualTo(1_735_828_200_000_001L);
        assertThat(Micros.toInstant(-1)).isEqualTo("1969-12-31T23:59:59.999999Z");
    }

    @Property
    void roundTripsAnyInstantTruncatedToTheMicrosecond(
            @ForAll @LongRange(min = -4_000_000_000L, max = 4_000_000_000L) long seconds,
            @ForAll @LongRange(max = 999_999_999) long nanos) {
        Instant t = Instant.ofEpochSecond(seconds, nanos);
        long micros = Micros.of(t);
        Instant back = Micros.toInstant(micros);
        assertThat(back).isEqualTo(Instant.ofEpochSecond(seconds, nanos - nanos % 1_000));
        assertThat(back).isBeforeOrEqualTo(t);  // truncation is towards the past, before 1970 too
        assertThat(Micros.of(back)).isEqualTo(micros);
    }
}
