package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrailingHistoryTest {

    private static final Interval ONE = Interval.ONE_MINUTE;
    private static final Interval FIVE = Interval.ofMinutes(5);
    private static final LocalDate MON = LocalDate.of(2025, 11, 17);
    private static final LocalDate TUE = MON.plusDays(1);
    private static final LocalDate WED = MON.plusDays(2);
    private static final LocalDate THU = MON.plusDays(3);

    /** One 1m bar of {@code day} whose close tells the series apart. */
    private static BarSeries series(Interval interval, LocalDate day, double close) {
        Bar b = Bar.of(Symbol.of("AAA"), day.atTime(14, 30).toInstant(ZoneOffset.UTC), interval, close, close, close,
                close, 1);
        return BarSeries.of(interval, List.of(b));
    }

    private static TrailingHistory roll(TrailingHistory h, LocalDate day, int keep) {
        return h.roll(day, Map.of(ONE, series(ONE, day, 1), FIVE, series(FIVE, day, 5)), keep);
    }

    @Test
    void rollKeepsTheLatestSessionsByDate() {
        TrailingHistory h = TrailingHistory.EMPTY;
        for (LocalDate d : List.of(MON, TUE, WED, THU)) {
            h = roll(h, d, 2);
        }
        assertThat(h.of(ONE).keySet()).containsExactly(WED, THU);
        assertThat(h.of(FIVE).keySet()).containsExactly(WED, THU);
        assertThat(roll(h, MON, 2)).as("an older session than those kept leaves at once").isEqualTo(h);
        assertThat(roll(h, TUE, 3).of(ONE).keySet()).as("by date, not by arrival").containsExactly(TUE, WED, THU);
        assertThat(roll(h, MON, 0).asMap()).as("keep 0 holds nothing").containsOnlyKeys(ONE, FIVE)
                .allSatisfy((i, m) -> assertThat(m).isEmpty());
    }

    @Test
    void aSessionAlreadyHeldIsNotReplaced() {
        BarSeries first = series(ONE, MON, 1);
        TrailingHistory h = TrailingHistory.EMPTY.roll(MON, Map.of(ONE, first), 3);

        TrailingHistory again = h.roll(MON, Map.of(ONE, series(ONE, MON, 2)), 3);

        assertThat(again).isSameAs(h);
        assertThat(again.of(ONE).get(MON)).isSameAs(first);
        TrailingHistory more = h.roll(TUE, Map.of(ONE, series(ONE, TUE, 3)), 3);
        assertThat(more.of(ONE).get(MON)).as("held sessions are shared, not copied").isSameAs(first);
    }

    @Test
    void addAllTakesManySessionsAndLeavesOtherIntervalsAlone() {
        TrailingHistory h = TrailingHistory.EMPTY.roll(MON, Map.of(FIVE, series(FIVE, MON, 5)), 3);
        TrailingHistory added = h.addAll(Map.of(ONE, Map.of(TUE, series(ONE, TUE, 1), WED, series(ONE, WED, 1),
                THU, series(ONE, THU, 1))), 2);
        assertThat(added.of(ONE).keySet()).containsExactly(WED, THU);
        assertThat(added.of(FIVE).keySet()).containsExactly(MON);
        assertThat(added.of(Interval.ofMinutes(15))).isEmpty();
    }

    @Test
    void valuesAreImmutable() {
        TrailingHistory before = roll(TrailingHistory.EMPTY, MON, 2);
        TrailingHistory after = roll(before, TUE, 2);

        assertThat(before.of(ONE).keySet()).as("rolling gives a new value").containsExactly(MON);
        assertThat(after.of(ONE).keySet()).containsExactly(MON, TUE);
        assertThat(after).isNotEqualTo(before).isEqualTo(roll(roll(TrailingHistory.EMPTY, MON, 2), TUE, 2));
        assertThat(after.hashCode()).isEqualTo(roll(roll(TrailingHistory.EMPTY, MON, 2), TUE, 2).hashCode());
        assertThatThrownBy(() -> after.asMap().remove(ONE)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.of(ONE).pollFirstEntry()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> after.of(FIVE).put(WED, series(FIVE, WED, 5)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> TrailingHistory.EMPTY.of(ONE).put(WED, series(ONE, WED, 5)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aNegativeKeepIsAnError() {
        assertThatThrownBy(() -> roll(TrailingHistory.EMPTY, MON, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("keep -1");
    }
}
