package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteBarTest {

    private static final Symbol EURUSD = Symbol.of("EURUSD");
    private static final Instant T = Instant.parse("2025-11-24T14:30:00Z");
    private static final Interval M1 = Interval.ONE_MINUTE;
    private static final double NAN = Double.NaN;

    private static QuoteBar bar(double bo, double bh, double bl, double bc, double bs, double ao, double ah, double al,
                                double ac, double as) {
        return QuoteBar.of(EURUSD, T, M1, bo, bh, bl, bc, bs, ao, ah, al, ac, as);
    }

    @Test
    void aSideMayBeAbsentAsNanPricesWithSizeZero() {
        QuoteBar askOnly = bar(NAN, NAN, NAN, NAN, 0, 1.1, 1.2, 1.0, 1.15, 0.5);
        assertThat(askOnly.hasBid()).isFalse();
        assertThat(askOnly.hasAsk()).isTrue();
        assertThat(askOnly.end()).isEqualTo(T.plusSeconds(60));
        assertThat(askOnly).isEqualTo(bar(NAN, NAN, NAN, NAN, 0, 1.1, 1.2, 1.0, 1.15, 0.5));
    }

    @Test
    void invalidValuesAreRejectedNamingSymbolStartAndValue() {
        String at = "quote bar EURUSD 2025-11-24T14:30:00Z: ";
        assertThatThrownBy(() -> bar(1, 0.9, 0.8, 1, 1, 1, 1, 1, 1, 1))
                .hasMessage(at + "bid high 0.9 is below max(open 1.0, close 1.0)");
        assertThatThrownBy(() -> bar(1, 1, 1, 1, 1, 1, 1, 1.1, 1, 1))
                .hasMessage(at + "ask low 1.1 is above min(open 1.0, close 1.0)");
        assertThatThrownBy(() -> bar(NAN, NAN, NAN, NAN, 5, 1, 1, 1, 1, 1))
                .hasMessage(at + "bid is absent (NaN prices) but its size is 5.0");
        assertThatThrownBy(() -> bar(NAN, 1, 1, 1, 0, 1, 1, 1, 1, 1))
                .hasMessage(at + "bid open NaN is not a finite non-negative price");
        assertThatThrownBy(() -> bar(1, 1, 1, 1, -1, 1, 1, 1, 1, 1))
                .hasMessage(at + "bid size -1.0 is not a finite non-negative number");
        assertThatThrownBy(() -> bar(1, 1, 1, 1, 1, 1, 1, 1, 1, Double.POSITIVE_INFINITY))
                .hasMessage(at + "ask size Infinity is not a finite non-negative number");
        assertThatThrownBy(() -> bar(NAN, NAN, NAN, NAN, 0, NAN, NAN, NAN, NAN, 0))
                .hasMessage(at + "neither a bid nor an ask");
        assertThatThrownBy(() -> new QuoteBar(EURUSD, T, M1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, Bar.FILLED))
                .hasMessage(at + "unknown flags 0x1");
    }

    @Test
    void theSeriesHoldsEveryFieldAndViews() {
        QuoteBar a = bar(1, 2, 0.5, 1.5, 0.25, 1.1, 2.1, 0.6, 1.6, 3);
        QuoteBar b = QuoteBar.of(Symbol.of("GBPUSD"), T.plusSeconds(60), M1, NAN, NAN, NAN, NAN, 0, 1, 1, 1, 1, 1);
        QuoteBarSeries s = QuoteBarSeries.of(M1, List.of(a, b));
        assertThat(s).containsExactly(a, b);
        assertThat(s.endMicros(1)).isEqualTo(Micros.of(T) + 2 * Micros.PER_MINUTE);
        assertThat(s.subSeries(1, 2)).containsExactly(b);
        assertThat(s.bySymbol().get(EURUSD)).containsExactly(a);
        assertThatThrownBy(() -> QuoteBarSeries.builder(Interval.ofMinutes(5)).add(a))
                .hasMessageContaining("has interval 1m, this series holds 5m");
    }
}
