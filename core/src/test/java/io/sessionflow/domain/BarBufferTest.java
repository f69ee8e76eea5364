package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The coordinator's reusable bar: the fields it was filled with, one value and one instant per fill at most. */
class BarBufferTest {

    private static final Symbol IBM = Symbol.of("IBM");
    private static final Instant NINE_THIRTY = Instant.parse("2025-11-24T14:30:00Z");
    private static final long START = Micros.of(NINE_THIRTY);

    @Test
    void itReadsAsTheBarItWasFilledWith() {
        BarBuffer b = new BarBuffer().set(IBM, START, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 300, 7, 10.2, Bar.FILLED);

        Bar value = new Bar(IBM, NINE_THIRTY, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 300, 7, 10.2, Bar.FILLED);
        assertThat(b.toBar()).isEqualTo(value);
        assertThat(b.symbol()).isEqualTo(IBM);
        assertThat(b.startMicros()).isEqualTo(START);
        assertThat(b.start()).isEqualTo(NINE_THIRTY);
        assertThat(b.interval()).isEqualTo(Interval.ONE_MINUTE);
        assertThat(new double[] {b.open(), b.high(), b.low(), b.close(), b.volume(), b.vwap()})
                .containsExactly(10, 11, 9, 10.5, 300, 10.2);
        assertThat(b.tradeCount()).isEqualTo(7);
        assertThat(b.isFilled()).isTrue();
        assertThat(b.isSynthetic() || b.isRevised() || b.isPartial()).isFalse();
        assertThat(b.hasTradeCount() && b.hasVwap()).isTrue();
    }

    @Test
    void oneValuePerFillAndOneInstantPerStart() {
        BarBuffer b = new BarBuffer().set(IBM, START, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 300, -1, Double.NaN, 0);
        Bar first = b.toBar();
        Instant start = b.start();
        assertThat(b.toBar()).isSameAs(first);

        b.set(Symbol.of("MSFT"), START, Interval.ONE_MINUTE, 20, 21, 19, 20.5, 100, -1, Double.NaN, 0);
        assertThat(b.toBar()).isNotSameAs(first).extracting(Bar::symbol).isEqualTo(Symbol.of("MSFT"));
        assertThat(b.start()).as("the same minute: the same instant").isSameAs(start);
        assertThat(first.symbol()).as("a value taken before stays as it was").isEqualTo(IBM);

        b.set(IBM, START + Micros.PER_MINUTE, Interval.ONE_MINUTE, 10, 11, 9, 10.5, 300, -1, Double.NaN, 0);
        assertThat(b.start()).isEqualTo(NINE_THIRTY.plusSeconds(60));
        assertThat(b.hasTradeCount() || b.hasVwap()).isFalse();
    }

    @Test
    void aBarIsItsOwnView() {
        Bar bar = Bar.of(IBM, NINE_THIRTY, Interval.ofMinutes(5), 10, 11, 9, 10.5, 300);

        assertThat(bar.toBar()).isSameAs(bar);
        assertThat(bar.startMicros()).isEqualTo(START);
    }

    @Test
    void anEmptyBufferHasNoBar() {
        assertThatThrownBy(() -> new BarBuffer().toBar()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("empty bar buffer");
        assertThat(new BarBuffer()).hasToString("BarBuffer[empty]");
    }
}
