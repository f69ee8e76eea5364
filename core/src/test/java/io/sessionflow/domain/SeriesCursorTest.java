package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The coordinator's reusable tick views: a row's fields in place, one value and one instant per row at most. */
class SeriesCursorTest {

    private static final Symbol IBM = Symbol.of("IBM");
    private static final Symbol MSFT = Symbol.of("MSFT");
    private static final Instant T = Instant.parse("2025-11-24T14:30:01.000250Z");

    @Test
    void aQuoteCursorReadsItsRowAndMakesOneValueForIt() {
        Quote first = new Quote(IBM, T, 10, 10.02, 3, 0);
        Quote second = new Quote(MSFT, T, 20, 0, 1, 0);  // no ask side
        QuoteSeries quotes = QuoteSeries.of(List.of(first, second));
        SeriesCursor.OfQuote c = new SeriesCursor.OfQuote();

        c.at(quotes, 0);
        assertThat(c.symbol()).isEqualTo(IBM);
        assertThat(c.timeMicros()).isEqualTo(Micros.of(T));
        assertThat(new double[] {c.bid(), c.ask(), c.bidSize(), c.askSize()}).containsExactly(10, 10.02, 3, 0);
        assertThat(c.hasBid()).isTrue();
        assertThat(c.hasAsk()).isTrue();
        Quote value = c.toQuote();
        assertThat(value).isEqualTo(first);
        assertThat(c.toQuote()).isSameAs(value);
        Instant time = c.time();

        c.at(quotes, 1);
        assertThat(c.toQuote()).isEqualTo(second).isNotSameAs(value);
        assertThat(c.time()).as("the same time: the same instant").isSameAs(time);
        assertThat(c.hasBid()).isTrue();
        assertThat(c.hasAsk()).isFalse();
        assertThat(value.toQuote()).isSameAs(value);
        assertThat(value.timeMicros()).isEqualTo(Micros.of(T));
    }

    @Test
    void aTradeCursorReadsItsRow() {
        Trade trade = new Trade(IBM, T, 10.01, 250);
        SeriesCursor.OfTrade c = new SeriesCursor.OfTrade();

        c.at(TradeSeries.of(List.of(trade)), 0);

        assertThat(c.symbol()).isEqualTo(IBM);
        assertThat(c.time()).isEqualTo(T);
        assertThat(c.price()).isEqualTo(10.01);
        assertThat(c.size()).isEqualTo(250);
        assertThat(c.toTrade()).isEqualTo(trade);
        assertThat(trade.toTrade()).isSameAs(trade);
    }

    @Test
    void aCursorPointingNowhereHasNoRow() {
        assertThatThrownBy(() -> new SeriesCursor.OfTrade().toTrade()).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("pointing nowhere");
    }
}
