package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.bars.TradeBarBuilder;
import io.sessionflow.bars.TradeBarConfig;
import io.sessionflow.bars.TradeBars;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.TradeSeries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 3: 1m bars built from the real LEAN IBM 2013-10-11 trade ticks against LEAN's own minute bars of
 * that day. The reference README: a naive aggregation matches the volume in 418 of the 421 minute bars; OHLC differs
 * more often (the order of ticks within a millisecond and LEAN's filtering differ), so volume is the invariant.
 */
class TradeBarsAcceptanceTest {

    private static final LocalDate DAY = LocalDate.of(2013, 10, 11);
    private static final int LEAN_MINUTES = 421;

    @Test
    void barsBuiltFromIbmTicksMatchLeanMinuteVolumesIn418Of421Minutes() {
        TradeSeries ticks = LeanData.importTradeTicks("IBM", DAY);
        List<Bar> lean = LeanData.barsInWindow("IBM", DAY, 0, 24 * 60);
        assertThat(ticks).hasSize(19_264);
        assertThat(lean).hasSize(LEAN_MINUTES);

        BarSeries built = TradeBars.oneMinute(ticks);
        Map<Instant, Bar> byStart = new HashMap<>();
        built.forEach(b -> byStart.put(b.start(), b));
        int volumeEqual = 0;
        int ohlcEqual = 0;
        int ohlcvEqual = 0;
        List<String> volumeDiffers = new ArrayList<>();
        for (Bar want : lean) {
            Bar got = byStart.get(want.start());
            if (got == null) {
                volumeDiffers.add(want.start() + " no bar built, LEAN volume " + want.volume());
                continue;
            }
            boolean volume = got.volume() == want.volume();
            boolean ohlc = got.open() == want.open() && got.high() == want.high() && got.low() == want.low()
                    && got.close() == want.close();
            volumeEqual += volume ? 1 : 0;
            ohlcEqual += ohlc ? 1 : 0;
            ohlcvEqual += volume && ohlc ? 1 : 0;
            if (!volume) {
                volumeDiffers.add(want.start() + " built " + got.volume() + ", LEAN " + want.volume());
            }
        }
        long builtOnly = built.stream().filter(b -> lean.stream().noneMatch(l -> l.start().equals(b.start()))).count();
        System.out.printf("TradeBarsAcceptanceTest: IBM %s, %d ticks -> %d bars; of LEAN's %d minute bars: volume "
                        + "equal %d, OHLC equal %d, OHLCV equal %d; built bars without a LEAN bar %d; volume differs: %s%n",
                DAY, ticks.size(), built.size(), lean.size(), volumeEqual, ohlcEqual, ohlcvEqual, builtOnly,
                volumeDiffers);

        assertThat(volumeEqual).as("minutes whose built volume equals LEAN's: %s", volumeDiffers)
                .isGreaterThanOrEqualTo(418);
        assertThat(built.stream().mapToLong(Bar::tradeCount).sum()).isEqualTo(ticks.size());
    }

    @Test
    void aLiveBuilderWithGraceFedTheSameTicksGivesTheSameBars() {
        TradeSeries ticks = LeanData.importTradeTicks("IBM", DAY);
        List<Bar> bars = new ArrayList<>();
        TradeBarBuilder live = new TradeBarBuilder(TradeBarConfig.DEFAULT.withGrace(Duration.ofSeconds(2)),
                (bar, late) -> bars.add(bar));
        for (int i = 0; i < ticks.size(); i++) {
            live.accept(ticks.symbol(i), ticks.timeMicros(i), ticks.price(i), ticks.tradeSize(i));
        }
        live.flush();
        assertThat(live.lateTrades()).isZero();
        assertThat(bars).isEqualTo(TradeBars.oneMinute(ticks));
    }
}
