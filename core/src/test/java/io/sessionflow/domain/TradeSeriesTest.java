package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.minute;
import static io.sessionflow.domain.DomainFixtures.minuteMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TradeSeriesTest extends ColumnSeriesContractTest<Trade, TradeSeries> {

    @Override
    Trade row(Symbol symbol, int minute, int tag) {
        return new Trade(symbol, minute(minute), 100 + tag, tag);
    }

    @Override
    TradeSeries series(List<Trade> rows) {
        return TradeSeries.of(rows);
    }

    @Test
    void columnAccessorsReadTheRow() {
        TradeSeries s = series(List.of(row(SPY, 0, 1), new Trade(SPY, minute(1), 10.25, 300)));
        assertThat(s.price(1)).isEqualTo(10.25);
        assertThat(s.tradeSize(1)).isEqualTo(300);
        assertThat(s.timeMicros(1)).isEqualTo(minuteMicros(1));
    }

    @Test
    void builderGrowsAndValidatesRawRows() {
        TradeSeries.Builder builder = TradeSeries.builder(1);
        for (int i = 0; i < 100; i++) {
            builder.add(SPY, minuteMicros(i), 10 + i, i);
        }
        assertThatThrownBy(() -> builder.add(SPY, minuteMicros(100), 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trade SPY 2025-01-02T16:10:00Z: price 0.0 is not a finite positive price");
        TradeSeries s = builder.build();
        assertThat(s).hasSize(100);
        assertThat(s.get(99)).isEqualTo(new Trade(SPY, minute(99), 109, 99));
        assertThat(TradeSeries.empty()).isEmpty();
    }
}
