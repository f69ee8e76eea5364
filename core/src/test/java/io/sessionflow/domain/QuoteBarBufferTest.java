package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The coordinator's reusable quote bar: the fields it was filled with, one value and one instant per fill at most. */
class QuoteBarBufferTest {

    private static final Symbol EURUSD = Symbol.of("EURUSD");
    private static final Instant START = Instant.parse("2025-11-24T00:05:00Z");

    @Test
    void itReadsAsTheQuoteBarItWasFilledWithAndMakesOneValuePerFill() {
        QuoteBarBuffer b = new QuoteBarBuffer().set(EURUSD, Micros.of(START), Interval.ofMinutes(5), 1.1, 1.2, 1.0,
                1.15, 3, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Bar.PARTIAL);

        QuoteBar value = new QuoteBar(EURUSD, START, Interval.ofMinutes(5), 1.1, 1.2, 1.0, 1.15, 3, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN, 0, Bar.PARTIAL);
        assertThat(b.toQuoteBar()).isEqualTo(value).isSameAs(b.toQuoteBar());
        assertThat(new double[] {b.bidOpen(), b.bidHigh(), b.bidLow(), b.bidClose(), b.bidSize(), b.askSize()})
                .containsExactly(1.1, 1.2, 1.0, 1.15, 3, 0);
        assertThat(b.hasBid()).isTrue();
        assertThat(b.hasAsk()).isFalse();
        assertThat(b.isPartial()).isTrue();
        assertThat(b.isRevised()).isFalse();
        assertThat(b.start()).isEqualTo(START).isSameAs(b.start());
        QuoteBar first = b.toQuoteBar();

        b.set(EURUSD, Micros.of(START), Interval.ofMinutes(5), 1.1, 1.3, 1.0, 1.25, 4, 1.2, 1.3, 1.1, 1.26, 5,
                Bar.REVISED);
        assertThat(b.toQuoteBar()).isNotSameAs(first).extracting(QuoteBar::askClose).isEqualTo(1.26);
        assertThat(first.bidHigh()).as("a value taken before stays as it was").isEqualTo(1.2);
        assertThat(first.toQuoteBar()).isSameAs(first);
        assertThat(first.startMicros()).isEqualTo(Micros.of(START));
    }

    @Test
    void anEmptyBufferHasNoQuoteBar() {
        assertThatThrownBy(() -> new QuoteBarBuffer().toQuoteBar()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("empty quote bar buffer");
        assertThat(new QuoteBarBuffer()).hasToString("QuoteBarBuffer[empty]");
    }
}
