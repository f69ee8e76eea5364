package io.sessionflow.store.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticBarsTest {

    private static final LocalDate MON = LocalDate.of(2025, 11, 24);
    private static final LocalDate FRI = LocalDate.of(2025, 11, 28);  // after Thanksgiving: closes at 13:00

    @Test
    void sameSeedGivesIdenticalBarsAndAnotherSeedOthers() {
        BarSeries a = SyntheticBars.generate(6, MON, FRI, 0.1, 42);
        BarSeries b = SyntheticBars.generate(6, MON, FRI, 0.1, 42);
        BarSeries c = SyntheticBars.generate(6, MON, FRI, 0.1, 43);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
        assertThat(SyntheticBars.create(6, 0.1, 42).profiles()).isEqualTo(SyntheticBars.create(6, 0.1, 42).profiles());
    }

    @Test
    void sessionBySessionGivesTheSameBars() {
        List<Bar> chunks = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        SyntheticBars.create(4, 0.2, 7).forEachSession(MON, FRI, (s, bars) -> {
            dates.add(s.date());
            chunks.addAll(bars);
        });
        assertThat(chunks).isEqualTo(SyntheticBars.generate(4, MON, FRI, 0.2, 7));
        assertThat(dates).containsExactly(MON, MON.plusDays(1), MON.plusDays(2), FRI);  // no Thanksgiving
    }

    @Test
    void liquidSymbolsFillEverySessionMinuteIncludingTheEarlyClose() {
        BarSeries bars = SyntheticBars.generate(3, MON, FRI, 0.5, 1);
        List<TradingSession> sessions = SyntheticBars.sessions(MON, FRI);
        assertThat(sessions.get(3).minutes()).isEqualTo(210);
        for (String liquid : List.of("SYM001", "SYM003")) {
            for (TradingSession s : sessions) {
                long n = bars.stream().filter(b -> b.symbol().equals(Symbol.of(liquid)) && s.contains(b.start()))
                        .count();
                assertThat(n).as(liquid + " " + s.date()).isEqualTo(s.minutes());
            }
        }
        assertThat(bars.stream().filter(b -> sessions.stream().noneMatch(s -> s.contains(b.start())))).isEmpty();
        assertThat(bars.stream().filter(b -> b.symbol().equals(Symbol.of("SYM002"))).count())
                .isLessThan(sessions.stream().mapToInt(TradingSession::minutes).sum());
    }

    @Test
    void illiquidSymbolsMissAboutTheGapRate() {
        SyntheticBars generator = SyntheticBars.create(30, 0.2, 99);
        List<SymbolProfile> illiquid = generator.profiles().stream().filter(p -> !p.liquid()).toList();
        assertThat(illiquid).extracting(p -> p.symbol().value()).startsWith("SYM002", "SYM005", "SYM008")
                .hasSize(10);
        BarSeries bars = SyntheticBars.generate(30, LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 28), 0.2, 99);
        int expectedPerSymbol = SyntheticBars.sessions(LocalDate.of(2025, 3, 3), LocalDate.of(2025, 3, 28)).stream()
                .mapToInt(TradingSession::minutes).sum();
        Map<Symbol, Long> perSymbol = bars.stream().collect(Collectors.groupingBy(Bar::symbol, Collectors.counting()));
        for (SymbolProfile p : generator.profiles()) {
            double missing = 1 - perSymbol.get(p.symbol()) / (double) expectedPerSymbol;
            if (p.liquid()) {
                assertThat(missing).as(p.symbol().value()).isZero();
            } else {
                assertThat(missing).as(p.symbol().value()).isBetween(0.17, 0.23);
            }
        }
    }

    @Test
    void pricesAreCentsAndBarsAreConsistentAndVolumeIsUShaped() {
        BarSeries bars = SyntheticBars.generate(10, LocalDate.of(2025, 6, 2), LocalDate.of(2025, 6, 13), 0.05, 5);
        long[] volumeByMinute = new long[390];
        int[] countByMinute = new int[390];
        for (Bar b : bars) {
            for (double p : new double[] {b.open(), b.high(), b.low(), b.close()}) {
                assertThat(Math.abs(p * 100 - Math.round(p * 100))).isLessThan(1e-6);
                assertThat(p).isPositive();
            }
            assertThat(b.high()).isGreaterThanOrEqualTo(Math.max(b.open(), b.close()));
            assertThat(b.low()).isLessThanOrEqualTo(Math.min(b.open(), b.close()));
            assertThat(b.volume()).isPositive();
            int minute = (int) ((b.start().getEpochSecond() / 60 - 13 * 60 - 30) % 1440);  // EDT: 09:30 = 13:30Z
            volumeByMinute[minute] += b.volume();
            countByMinute[minute]++;
        }
        double open = average(volumeByMinute, countByMinute, 0, 10);
        double midday = average(volumeByMinute, countByMinute, 150, 240);
        double close = average(volumeByMinute, countByMinute, 380, 390);
        assertThat(open).isGreaterThan(2 * midday);
        assertThat(close).isGreaterThan(2 * midday);
    }

    @Test
    void fiveHundredSymbolsOverTwentySessionsAreAboutFourMillionBars() {
        LocalDate from = LocalDate.of(2025, 1, 2);
        LocalDate to = LocalDate.of(2025, 1, 31);
        List<TradingSession> sessions = SyntheticBars.sessions(from, to);
        assertThat(sessions).hasSize(20);  // 2025-01-09 (Carter) and 01-20 (MLK) closed
        BarSeries bars = SyntheticBars.generate(500, from, to, 0.0, 3);
        assertThat(bars).hasSize(500 * 20 * 390);
        assertThat(bars.symbol(bars.size() - 1)).isEqualTo(Symbol.of("SYM500"));
    }

    @Test
    void badArgumentsAreRejectedWithTheValue() {
        assertThatThrownBy(() -> SyntheticBars.create(0, 0.1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("number of symbols must be 1..10000, not 0");
        assertThatThrownBy(() -> SyntheticBars.create(5, 1.0, 1)).hasMessage("gap rate must be at least 0 and below "
                + "1, not 1.0");
        assertThatThrownBy(() -> SyntheticBars.create(5, Double.NaN, 1)).hasMessageContaining("not NaN");
        assertThatThrownBy(() -> SyntheticBars.sessions(FRI, MON)).hasMessage("from 2025-11-28 is after to 2025-11-24");
        assertThatThrownBy(() -> SyntheticBars.sessions(LocalDate.of(2025, 12, 25), LocalDate.of(2025, 12, 25)))
                .hasMessage("no XNYS session between 2025-12-25 and 2025-12-25");
        assertThatThrownBy(() -> SyntheticBars.sessions(LocalDate.of(2035, 1, 2), LocalDate.of(2035, 1, 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SyntheticBars.create(1000, 0, 1).profiles().get(999).symbol()).isEqualTo(Symbol.of("SYM1000"));
    }

    private static double average(long[] volume, int[] count, int from, int to) {
        long v = 0;
        long n = 0;
        for (int i = from; i < to; i++) {
            v += volume[i];
            n += count[i];
        }
        return (double) v / n;
    }
}
