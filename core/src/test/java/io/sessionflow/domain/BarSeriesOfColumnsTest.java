package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class BarSeriesOfColumnsTest {

    private static final Symbol A = Symbol.of("A");
    private static final Symbol B = Symbol.of("B");
    private static final long T = Micros.of(Instant.parse("2013-10-07T13:30:00Z"));

    @Test
    void rowsAreTheColumnsValues() {
        BarSeries s = BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A, B}, new int[] {1, 0},
                new long[] {T, T + 60_000_000}, new double[] {1, 2}, new double[] {2, 3}, new double[] {0.5, 1},
                new double[] {1.5, 2.5}, new double[] {10, 20}, new long[] {Bar.NO_TRADE_COUNT, 4},
                new double[] {Double.NaN, 2.2});

        assertThat(s).containsExactly(
                Bar.of(B, Micros.toInstant(T), Interval.ONE_MINUTE, 1, 2, 0.5, 1.5, 10),
                new Bar(A, Micros.toInstant(T + 60_000_000), Interval.ONE_MINUTE, 2, 3, 1, 2.5, 20, 4, 2.2, 0));
        assertThat(s.symbols()).containsExactly(B, A);
    }

    @Test
    void optionalColumnsMayBeAbsent() {
        BarSeries s = BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A}, new int[] {0}, new long[] {T},
                new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}, new double[] {0}, null, null);

        assertThat(s.get(0).hasTradeCount()).isFalse();
        assertThat(s.get(0).hasVwap()).isFalse();
    }

    @Test
    void invalidRowsAreRejectedLikeBars() {
        assertThatThrownBy(() -> BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A}, new int[] {0},
                new long[] {T}, new double[] {1}, new double[] {0.5}, new double[] {1}, new double[] {1},
                new double[] {0}, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("high 0.5");
        assertThatThrownBy(() -> BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A}, new int[] {1},
                new long[] {T}, new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1},
                new double[] {0}, null, null))
                .hasMessageContaining("symbol index 1");
        assertThatThrownBy(() -> BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A, A}, new int[] {0},
                new long[] {T}, new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1},
                new double[] {0}, null, null))
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> BarSeries.ofColumns(Interval.ONE_MINUTE, new Symbol[] {A}, new int[] {0},
                new long[] {T}, new double[] {1, 2}, new double[] {1}, new double[] {1}, new double[] {1},
                new double[] {0}, null, null))
                .hasMessageContaining("length");
    }
}
