package io.sessionflow.store.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.testing.ManualWallClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

    @Test
    void reportsEveryHalfMillionRowsWhenWallTimeStandsStill() {
        List<Long> rows = new ArrayList<>();
        ManualWallClock wall = new ManualWallClock();
        ProgressMeter meter = new ProgressMeter((file, n, rate) -> rows.add(n), wall);
        meter.file("big.csv");
        for (int i = 0; i < 1_200_000; i++) {
            meter.row();
        }
        assertThat(rows).containsExactly(500_000L, 1_000_000L);
    }

    @Test
    void rateIsRowsPerSecondOfWallTime() {
        assertThat(ProgressMeter.rate(3_000_000, 2_000_000_000L)).isEqualTo(1_500_000);
        assertThat(ProgressMeter.rate(10, 0)).isZero();
    }
}
