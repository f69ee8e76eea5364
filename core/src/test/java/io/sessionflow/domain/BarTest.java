package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Positive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BarTest {

    private static final Interval M5 = Interval.ofMinutes(5);

    /** A bar with the given prices and volume; everything else valid. */
    private static Bar bar(double open, double high, double low, double close, double volume) {
        return Bar.of(SPY, T0, M5, open, high, low, close, volume);
    }

    @Test
    void coversItsIntervalAndBecomesAvailableAtItsEnd() {
        Bar b = bar(10, 11, 9, 10.5, 1_000);
        assertThat(b.end()).isEqualTo(Instant.parse("2025-01-02T14:35:00Z"));
        assertThat(b.hasTradeCount()).isFalse();
        assertThat(b.hasVwap()).isFalse();
        assertThat(b.flags()).isZero();
        assertThat(b.isFilled() || b.isSynthetic() || b.isRevised() || b.isPartial()).isFalse();
    }

    @Test
    void optionalValuesAndFlagsAreKept() {
        Bar b = new Bar(SPY, T0, M5, 10, 11, 9, 10.5, 1_000, 42, 10.2, Bar.FILLED | Bar.PARTIAL);
        assertThat(b.hasTradeCount()).isTrue();
        assertThat(b.tradeCount()).isEqualTo(42);
        assertThat(b.hasVwap()).isTrue();
        assertThat(b.isFilled()).isTrue();
        assertThat(b.isPartial()).isTrue();
        assertThat(b.isSynthetic()).isFalse();
        assertThat(b.isRevised()).isFalse();
        assertThat(b.withFlags(Bar.SYNTHETIC).isSynthetic()).isTrue();
        assertThat(b.withFlags(Bar.REVISED).isRevised()).isTrue();
        assertThat(b.withFlags(b.flags())).isSameAs(b);
    }

    @Test
    void sameValuesIgnoresOnlyTheFlags() {
        Bar b = new Bar(SPY, T0, M5, 10, 11, 9, 10.5, 1_000, 42, 10.2, 0);
        assertThat(b.withFlags(Bar.FILLED)).isNotEqualTo(b);
        assertThat(b.withFlags(Bar.FILLED).sameValues(b)).isTrue();
        assertThat(b.sameValues(new Bar(SPY, T0, M5, 10, 11, 9, 10.5, 1_001, 42, 10.2, 0))).isFalse();
        assertThat(b.sameValues(new Bar(SPY, T0, M5, 10, 11, 9, 10.5, 1_000, 42, Double.NaN, 0))).isFalse();
        assertThat(b.sameValues(new Bar(SPY, T0.plusSeconds(300), M5, 10, 11, 9, 10.5, 1_000, 42, 10.2, 0)))
                .isFalse();
        Bar noVwap = bar(10, 11, 9, 10.5, 1_000);
        assertThat(noVwap.sameValues(bar(10, 11, 9, 10.5, 1_000))).isTrue();  // NaN vwap equals NaN vwap
    }

    @Test
    void boundaryValuesAreValid() {
        assertThatNoException().isThrownBy(() -> bar(10, 10, 10, 10, 0));  // flat bar, no volume
        assertThatNoException().isThrownBy(() -> new Bar(SPY, T0, M5, 10, 11, 9, 10, 5, 0, Double.NaN, 0));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NaN       | 11        | 9  | 10  | 1   | open NaN is not finite",
        "10        | Infinity  | 9  | 10  | 1   | high Infinity is not finite",
        "10        | 11        | NaN| 10  | 1   | low NaN is not finite",
        "10        | 11        | 9  | -Infinity | 1 | close -Infinity is not finite",
        "10        | 10.5      | 9  | 11  | 1   | high 10.5 is below max(open 10.0, close 11.0)",
        "12        | 11        | 9  | 10  | 1   | high 11.0 is below max(open 12.0, close 10.0)",
        "10        | 11        | 9.5| 9   | 1   | low 9.5 is above min(open 10.0, close 9.0)",
        "10        | 11        | 9  | 10  | -1  | volume -1 is negative",
    })
    void invalidBarIsRefusedNamingSymbolStartAndValue(double open, double high, double low, double close,
                                                      long volume, String reason) {
        assertThatThrownBy(() -> bar(open, high, low, close, volume))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar SPY 2025-01-02T14:30:00Z: " + reason);
    }

    @Test
    void invalidOptionalValuesAreRefused() {
        assertThatThrownBy(() -> new Bar(SPY, T0, M5, 10, 11, 9, 10, 5, -2, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trade count -2 is negative");
        assertThatThrownBy(() -> new Bar(SPY, T0, M5, 10, 11, 9, 10, 5, 3, Double.POSITIVE_INFINITY, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("vwap Infinity is not finite");
        assertThatThrownBy(() -> new Bar(SPY, T0, M5, 10, 11, 9, 10, 5, 3, 10, 1 << 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown flags 0x10");
    }

    @Test
    void missingPartsAreRefused() {
        assertThatThrownBy(() -> Bar.of(null, T0, M5, 10, 11, 9, 10, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("symbol");
        assertThatThrownBy(() -> Bar.of(SPY, null, M5, 10, 11, 9, 10, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("start");
        assertThatThrownBy(() -> Bar.of(SPY, T0, null, 10, 11, 9, 10, 1))
                .isInstanceOf(NullPointerException.class).hasMessage("interval");
    }

    @Provide
    Arbitrary<Bar> bars() {
        return DomainFixtures.validBars();
    }

    @Property(tries = 200)
    void everyValidBarKeepsHighAndLowAroundOpenAndClose(@ForAll("bars") Bar b) {
        assertThat(b.high()).isGreaterThanOrEqualTo(Math.max(b.open(), b.close())).isGreaterThanOrEqualTo(b.low());
        assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
        assertThat(b.volume()).isNotNegative();
        assertThat(b.withFlags(0).sameValues(b)).isTrue();
    }

    @Property(tries = 200)
    void aHighBelowOpenOrCloseIsAlwaysRefused(@ForAll @DoubleRange(min = 0.01, max = 1000) double open,
                                              @ForAll @DoubleRange(min = 0.01, max = 1000) double close,
                                              @ForAll @DoubleRange(min = 0.01, max = 100) double shortfall) {
        double high = Math.max(open, close) - shortfall;
        double low = Math.min(open, close) - 1;
        assertThatThrownBy(() -> bar(open, high, low, close, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("high " + high + " is below");
    }

    @Property(tries = 200)
    void aLowAboveOpenOrCloseIsAlwaysRefused(@ForAll @DoubleRange(min = 0.01, max = 1000) double open,
                                             @ForAll @DoubleRange(min = 0.01, max = 1000) double close,
                                             @ForAll @DoubleRange(min = 0.01, max = 100) double excess) {
        double low = Math.min(open, close) + excess;
        double high = Math.max(Math.max(open, close), low) + 1;
        assertThatThrownBy(() -> bar(open, high, low, close, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("low " + low + " is above");
    }

    @Property(tries = 100)
    void aNegativeVolumeIsAlwaysRefused(@ForAll @Positive double minus) {
        assertThatThrownBy(() -> bar(10, 11, 9, 10, -minus))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("volume " + Quantities.format(-minus) + " is negative");
    }

    @Test
    void aFractionalVolumeIsKeptAndANonFiniteOneIsRefused() {
        assertThat(bar(10, 11, 9, 10, 0.66756).volume()).isEqualTo(0.66756);
        assertThatThrownBy(() -> bar(10, 11, 9, 10, Double.NaN)).hasMessageContaining("volume NaN is not finite");
        assertThatThrownBy(() -> bar(10, 11, 9, 10, Double.POSITIVE_INFINITY))
                .hasMessageContaining("volume Infinity is not finite");
    }
}
