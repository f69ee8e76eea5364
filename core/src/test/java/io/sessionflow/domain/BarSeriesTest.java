package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.IWM;
import static io.sessionflow.domain.DomainFixtures.QQQ;
import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.bar;
import static io.sessionflow.domain.DomainFixtures.minute;
import static io.sessionflow.domain.DomainFixtures.minuteMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class BarSeriesTest extends ColumnSeriesContractTest<Bar, BarSeries> {

    private static final Interval M1 = Interval.ONE_MINUTE;
    private static final Interval M5 = Interval.ofMinutes(5);

    @Override
    Bar row(Symbol symbol, int minute, int tag) {
        return bar(symbol, minute, 100 + tag);
    }

    @Override
    BarSeries series(List<Bar> rows) {
        return BarSeries.of(M1, rows);
    }

    @Test
    void columnAccessorsReadTheRow() {
        Bar plain = bar(SPY, 0, 100);
        Bar full = new Bar(QQQ, minute(1), M1, 10, 12, 9, 11, 500, 7, 10.5, Bar.FILLED);
        BarSeries s = series(List.of(plain, full));
        assertThat(s.interval()).isEqualTo(M1);
        assertThat(s.startMicros(1)).isEqualTo(minuteMicros(1));
        assertThat(s.endMicros(1)).isEqualTo(minuteMicros(2));
        assertThat(List.of(s.open(1), s.high(1), s.low(1), s.close(1), s.vwap(1))).containsExactly(10.0, 12.0, 9.0,
                11.0, 10.5);
        assertThat(s.volume(1)).isEqualTo(500);
        assertThat(s.tradeCount(1)).isEqualTo(7);
        assertThat(s.flags(1)).isEqualTo(Bar.FILLED);
        // The first row was added before the optional columns existed: it reads as absent.
        assertThat(s.tradeCount(0)).isEqualTo(Bar.NO_TRADE_COUNT);
        assertThat(s.vwap(0)).isNaN();
        assertThat(s.flags(0)).isZero();
        assertThat(s.get(0)).isEqualTo(plain);
        assertThat(s.get(1)).isEqualTo(full);
    }

    @Test
    void endIsTheStartPlusTheSeriesInterval() {
        BarSeries s = BarSeries.of(M5, List.of(Bar.of(SPY, minute(5), M5, 10, 11, 9, 10, 1)));
        assertThat(s.endMicros(0)).isEqualTo(minuteMicros(10));
        assertThat(s.get(0).interval()).isEqualTo(M5);
    }

    @Test
    void withoutOptionalValuesEveryRowReadsAsAbsent() {
        BarSeries s = series(List.of(bar(SPY, 0, 100), bar(SPY, 1, 101)));
        assertThat(s).allSatisfy(b -> {
            assertThat(b.hasTradeCount()).isFalse();
            assertThat(b.hasVwap()).isFalse();
            assertThat(b.flags()).isZero();
        });
    }

    @Test
    void optionalColumnsStartAtAnyRowAndSurviveGrowth() {
        // Capacity 1 makes the builder grow many times, before and after each optional column appears.
        BarSeries.Builder builder = BarSeries.builder(M1, 1);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            long trades = i >= 3 && i % 5 == 0 ? i : Bar.NO_TRADE_COUNT;
            double vwap = i >= 40 && i % 2 == 0 ? 100 : Double.NaN;
            int flags = i >= 100 ? Bar.REVISED : 0;
            Bar b = new Bar(SPY, minute(i), M1, 100, 101, 99, 100, i, trades, vwap, flags);
            bars.add(b);
            builder.add(b);
        }
        assertThat(builder.size()).isEqualTo(150);
        assertThat(builder.build()).containsExactlyElementsOf(bars);
    }

    @Test
    void builderRefusesABarOfAnotherInterval() {
        BarSeries.Builder builder = BarSeries.builder(M1);
        Bar fiveMinutes = Bar.of(SPY, minute(0), M5, 10, 11, 9, 10, 1);
        assertThatThrownBy(() -> builder.add(fiveMinutes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar SPY 2025-01-02T14:30:00Z has interval 5m, this series holds 1m");
        assertThat(builder.size()).isZero();
    }

    @Test
    void builderValidatesRawRowsLikeABarAndKeepsNoPartOfABadRow() {
        BarSeries.Builder builder = BarSeries.builder(M1);
        builder.add(SPY, minuteMicros(0), 10, 11, 9, 10, 1);
        assertThatThrownBy(() -> builder.add(SPY, minuteMicros(1), 10, 9.5, 9, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bar SPY 2025-01-02T14:31:00Z: high 9.5 is below max(open 10.0, close 10.0)");
        assertThatThrownBy(() -> builder.add(SPY, minuteMicros(1), 10, 11, 9, 10, -5, 3, 10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("volume -5 is negative");
        assertThatThrownBy(() -> builder.add(null, minuteMicros(1), 10, 11, 9, 10, 1))
                .isInstanceOf(NullPointerException.class);
        assertThat(builder.size()).isEqualTo(1);
        BarSeries s = builder.build();
        assertThat(s).hasSize(1);
        assertThat(s.tradeCount(0)).isEqualTo(Bar.NO_TRADE_COUNT);  // the refused row left no optional column
    }

    @Test
    void aBuiltSeriesIsNotChangedByLaterAdds() {
        BarSeries.Builder builder = BarSeries.builder(M1, 1);
        builder.add(bar(SPY, 0, 100));
        BarSeries first = builder.build();
        builder.add(new Bar(QQQ, minute(1), M1, 10, 11, 9, 10, 1, 5, 10, Bar.FILLED));
        BarSeries second = builder.build();
        assertThat(first).containsExactly(bar(SPY, 0, 100));
        assertThat(first.symbols()).containsExactly(SPY);
        assertThat(second).hasSize(2);
    }

    @Test
    void emptySeriesKeepsItsInterval() {
        assertThat(BarSeries.empty(M5)).isEmpty();
        assertThat(BarSeries.empty(M5).interval()).isEqualTo(M5);
    }

    @Test
    void sortedBySymbolThenStartIsStable() {
        // Two SPY rows share minute 1: the sort must keep them in their original order (prices 101 then 102).
        List<Bar> rows = List.of(bar(SPY, 1, 101), bar(QQQ, 2, 103), bar(SPY, 0, 100), bar(SPY, 1, 102),
                bar(QQQ, 0, 104));
        BarSeries sorted = series(rows).sortedBySymbolThenStart();
        assertThat(sorted).containsExactly(bar(QQQ, 0, 104), bar(QQQ, 2, 103), bar(SPY, 0, 100), bar(SPY, 1, 101),
                bar(SPY, 1, 102));
        assertThat(sorted.sortedBySymbolThenStart()).isSameAs(sorted);
    }

    @Test
    void sortedByStartThenSymbolIsStable() {
        List<Bar> rows = List.of(bar(SPY, 1, 101), bar(QQQ, 1, 103), bar(SPY, 0, 100), bar(SPY, 1, 102),
                bar(IWM, 0, 104));
        BarSeries sorted = series(rows).sortedByStartThenSymbol();
        assertThat(sorted).containsExactly(bar(IWM, 0, 104), bar(SPY, 0, 100), bar(QQQ, 1, 103), bar(SPY, 1, 101),
                bar(SPY, 1, 102));
        assertThat(sorted.isTimeOrdered()).isTrue();
        assertThat(sorted.sortedByStartThenSymbol()).isSameAs(sorted);
    }

    @Test
    void sortingAViewSortsOnlyItsRows() {
        List<Bar> rows = List.of(bar(SPY, 9, 100), bar(SPY, 2, 101), bar(QQQ, 1, 102), bar(SPY, 0, 103));
        BarSeries view = series(rows).subSeries(1, 3);
        assertThat(view.sortedBySymbolThenStart()).containsExactly(bar(QQQ, 1, 102), bar(SPY, 2, 101));
        assertThat(view.sortedByStartThenSymbol()).containsExactly(bar(QQQ, 1, 102), bar(SPY, 2, 101));
        BarSeries orderedView = series(rows).subSeries(2, 4);
        assertThat(orderedView.sortedBySymbolThenStart()).isSameAs(orderedView);
    }

    @Provide
    Arbitrary<List<Bar>> barLists() {
        return DomainFixtures.validBars().list().ofMaxSize(80);
    }

    @Property(tries = 200)
    void builderGivesBackTheBarsItWasGiven(@ForAll("barLists") List<Bar> bars) {
        BarSeries s = series(bars);
        assertThat(s).containsExactlyElementsOf(bars);
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            assertThat(s.symbol(i)).isEqualTo(b.symbol());
            assertThat(s.startMicros(i)).isEqualTo(Micros.of(b.start()));
            assertThat(s.close(i)).isEqualTo(b.close());
            assertThat(s.tradeCount(i)).isEqualTo(b.tradeCount());
            assertThat(Double.compare(s.vwap(i), b.vwap())).as("vwap of row %d", i).isZero();  // NaN when absent
            assertThat(s.flags(i)).isEqualTo(b.flags());
        }
    }

    @Property(tries = 200)
    void sortsAgreeWithAStableSortOfTheBars(@ForAll("barLists") List<Bar> bars) {
        List<Bar> bySymbol = new ArrayList<>(bars);
        bySymbol.sort(Comparator.comparing(Bar::symbol).thenComparing(Bar::start));
        List<Bar> byStart = new ArrayList<>(bars);
        byStart.sort(Comparator.comparing(Bar::start).thenComparing(Bar::symbol));
        assertThat(series(bars).sortedBySymbolThenStart()).containsExactlyElementsOf(bySymbol);
        assertThat(series(bars).sortedByStartThenSymbol()).containsExactlyElementsOf(byStart);
    }

    @Property(tries = 200)
    void bySymbolAgreesWithFilteringTheBars(@ForAll("barLists") List<Bar> bars,
                                            @ForAll @IntRange(max = 10) int skip) {
        // Over a view that drops the first rows, so that the view offset is exercised too.
        int from = Math.min(skip, bars.size());
        List<Bar> visible = bars.subList(from, bars.size());
        Map<Symbol, BarSeries> groups = series(bars).subSeries(from, bars.size()).bySymbol();
        assertThat(groups.keySet()).containsExactlyElementsOf(visible.stream().map(Bar::symbol).distinct().toList());
        groups.forEach((symbol, group) -> assertThat(group)
                .containsExactlyElementsOf(visible.stream().filter(b -> b.symbol().equals(symbol)).toList()));
    }

    @Property(tries = 200)
    void lowerBoundIsTheFirstRowAtOrAfter(@ForAll("barLists") @Size(min = 1) List<Bar> bars,
                                          @ForAll @IntRange(min = -1, max = 31) int minute) {
        BarSeries s = series(bars).sortedByStartThenSymbol();
        long t = minuteMicros(minute);
        int expected = 0;
        while (expected < s.size() && s.startMicros(expected) < t) {
            expected++;
        }
        assertThat(s.lowerBound(t)).isEqualTo(expected);
    }
}
