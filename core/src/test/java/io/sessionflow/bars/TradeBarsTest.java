package io.sessionflow.bars;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TradeSeries;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TradeBarsTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final Symbol IBM = Symbol.of("IBM");
    private static final long T0 = Micros.of(Instant.parse("2013-10-11T13:30:00Z"));
    private static final long MIN = Micros.PER_MINUTE;

    @Test
    void aSeriesBecomesOneBarPerSymbolAndTradedMinuteOrderedByStartThenSymbol() {
        // read per symbol (symbol, then time), as storage returns several symbols
        TradeSeries trades = TradeSeries.builder()
                .add(IBM, T0 + 5, 185.0, 100).add(IBM, T0 + 5, 185.5, 100).add(IBM, T0 + 3 * MIN, 186.0, 50)
                .add(SPY, T0 + 1, 170.0, 10).add(SPY, T0 + MIN + 9, 170.2, 20).add(SPY, T0 + MIN + 10, 170.1, 30)
                .build();
        BarSeries bars = TradeBars.oneMinute(trades);

        assertThat(bars).extracting(b -> b.symbol().value() + " " + b.start() + " " + Quantities.format(b.volume()))
                .containsExactly("IBM 2013-10-11T13:30:00Z 200", "SPY 2013-10-11T13:30:00Z 10",
                        "SPY 2013-10-11T13:31:00Z 50", "IBM 2013-10-11T13:33:00Z 50");
        Bar ibm = bars.get(0);
        assertThat(ibm.open()).isEqualTo(185.0);   // same microsecond: the stored order decides
        assertThat(ibm.close()).isEqualTo(185.5);
        assertThat(ibm.tradeCount()).isEqualTo(2);
        assertThat(ibm.vwap()).isEqualTo(185.25);
        Bar spy = bars.get(2);
        assertThat(spy.open()).isEqualTo(170.2);
        assertThat(spy.high()).isEqualTo(170.2);
        assertThat(spy.low()).isEqualTo(170.1);
        assertThat(spy.close()).isEqualTo(170.1);
    }

    @Test
    void noTradesGiveNoBars() {
        assertThat(TradeBars.oneMinute(TradeSeries.empty())).isEmpty();
    }
}
