package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.minute;
import static io.sessionflow.domain.DomainFixtures.minuteMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteSeriesTest extends ColumnSeriesContractTest<Quote, QuoteSeries> {

    @Override
    Quote row(Symbol symbol, int minute, int tag) {
        return new Quote(symbol, minute(minute), 100 + tag, 100.01 + tag, tag, 2L * tag);
    }

    @Override
    QuoteSeries series(List<Quote> rows) {
        return QuoteSeries.of(rows);
    }

    @Test
    void columnAccessorsReadTheRow() {
        QuoteSeries s = series(List.of(row(SPY, 0, 1), new Quote(SPY, minute(1), 10.5, 10.6, 300, 400)));
        assertThat(s.bid(1)).isEqualTo(10.5);
        assertThat(s.ask(1)).isEqualTo(10.6);
        assertThat(s.bidSize(1)).isEqualTo(300);
        assertThat(s.askSize(1)).isEqualTo(400);
        assertThat(s.timeMicros(1)).isEqualTo(minuteMicros(1));
    }

    @Test
    void builderGrowsAndValidatesRawRows() {
        QuoteSeries.Builder builder = QuoteSeries.builder(1);
        for (int i = 0; i < 100; i++) {
            builder.add(SPY, minuteMicros(i), 10, 10.01, i, i);
        }
        assertThatThrownBy(() -> builder.add(SPY, minuteMicros(100), -1, 10, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quote SPY 2025-01-02T16:10:00Z: bid -1.0 is not a finite non-negative price");
        QuoteSeries s = builder.build();
        assertThat(s).hasSize(100);
        assertThat(s.get(99)).isEqualTo(new Quote(SPY, minute(99), 10, 10.01, 99, 99));
        assertThat(QuoteSeries.empty()).isEmpty();
    }
}
