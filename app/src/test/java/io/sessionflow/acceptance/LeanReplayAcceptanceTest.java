package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.RecordingListener;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 4's acceptance: the replay of real LEAN minute data delivers, per symbol and session, exactly the source
 * file's 1m bars inside the session window, ends sessions at the close (13:00 on an early close), skips holidays,
 * and builds 5m/15m bars equal to an independent aggregation.
 */
class LeanReplayAcceptanceTest {

    private static final int OPEN = 9 * 60 + 30;
    private static final int CLOSE = 16 * 60;
    private static final int EARLY_CLOSE = 13 * 60;

    private static final List<LocalDate> OCTOBER_2013 = List.of(LocalDate.of(2013, 10, 4), LocalDate.of(2013, 10, 7),
            LocalDate.of(2013, 10, 8), LocalDate.of(2013, 10, 9), LocalDate.of(2013, 10, 10),
            LocalDate.of(2013, 10, 11));
    private static final List<LocalDate> DECEMBER_2015 = List.of(LocalDate.of(2015, 12, 23),
            LocalDate.of(2015, 12, 24), LocalDate.of(2015, 12, 28));

    private static RecordingListener replay(InMemoryStore store, List<String> symbols, LocalDate from, LocalDate to)
            throws InterruptedException {
        SessionConfig config = SessionConfig.builder()
                .derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15))).build();
        RecordingListener rec = new RecordingListener();
        try (DataManager dm = DataManager.builder().config(config).store(store).backtest(from, to.plusDays(1)).build()) {
            dm.register(symbols.stream().map(Symbol::of).toList(), StreamType.BARS).subscribe(rec);
            RunResult r = dm.runInline();
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        return rec;
    }

    private static Map<LocalDate, List<Bar>> byDate(List<Bar> bars) {
        return bars.stream().collect(Collectors.groupingBy(b -> b.start().atZone(LeanData.NEW_YORK).toLocalDate()));
    }

    @Test
    void october2013DeliversExactlyTheFilesBarsInsideTheSession() throws Exception {
        List<String> symbols = List.of("SPY", "IBM", "BAC", "AIG");
        InMemoryStore store = LeanData.importTrades(symbols, OCTOBER_2013);
        RecordingListener rec = replay(store, symbols, OCTOBER_2013.get(0), OCTOBER_2013.get(5));

        assertThat(rec.of(SessionEnd.class)).extracting(SessionEnd::date).containsExactlyElementsOf(OCTOBER_2013);
        for (SessionEnd end : rec.of(SessionEnd.class)) {
            assertThat(end.time().atZone(LeanData.NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(16, 0));
            assertThat(end.reason()).isEqualTo(SessionEndReason.END_OF_DATA);
        }
        for (String symbol : symbols) {
            Map<LocalDate, List<Bar>> delivered = byDate(rec.of(Bar.class).stream()
                    .filter(b -> b.symbol().value().equals(symbol) && b.interval().isOneMinute()).toList());
            for (LocalDate date : OCTOBER_2013) {
                List<Bar> expected = LeanData.barsInWindow(symbol, date, OPEN, CLOSE);
                assertSameBars(delivered.get(date), expected);
                assertDerived(rec, symbol, date, expected, OPEN);
            }
        }
        Map<LocalDate, List<Bar>> spy = byDate(oneMinute(rec, "SPY"));
        OCTOBER_2013.forEach(d -> assertThat(spy.get(d)).hasSize(390));
        assertThat(byDate(oneMinute(rec, "IBM")).get(LocalDate.of(2013, 10, 4))).hasSize(389);
        assertThat(byDate(oneMinute(rec, "IBM")).get(LocalDate.of(2013, 10, 11))).hasSize(389);
        assertThat(byDate(oneMinute(rec, "AIG")).get(LocalDate.of(2013, 10, 7))).hasSize(389);
    }

    @Test
    void december2015EndsTheEarlyCloseAt1300AndSkipsChristmas() throws Exception {
        InMemoryStore store = LeanData.importTrades(List.of("GOOG"), DECEMBER_2015);
        RecordingListener rec = replay(store, List.of("GOOG"), DECEMBER_2015.get(0), DECEMBER_2015.get(2));

        assertThat(rec.of(SessionEnd.class)).extracting(SessionEnd::date).containsExactlyElementsOf(DECEMBER_2015);
        assertThat(rec.of(SessionEnd.class)).extracting(e -> e.time().atZone(LeanData.NEW_YORK).toLocalTime())
                .containsExactly(LocalTime.of(16, 0), LocalTime.of(13, 0), LocalTime.of(16, 0));
        Map<LocalDate, List<Bar>> delivered = byDate(oneMinute(rec, "GOOG"));
        for (LocalDate date : DECEMBER_2015) {
            int close = date.getDayOfMonth() == 24 ? EARLY_CLOSE : CLOSE;
            List<Bar> expected = LeanData.barsInWindow("GOOG", date, OPEN, close);
            assertSameBars(delivered.get(date), expected);
            assertDerived(rec, "GOOG", date, expected, OPEN);
        }
        assertThat(delivered.get(LocalDate.of(2015, 12, 24))).hasSize(210);
        // The file of the early close also holds bars after 13:00; they belong to no session.
        assertThat(LeanData.barsInWindow("GOOG", LocalDate.of(2015, 12, 24), EARLY_CLOSE, 24 * 60)).isNotEmpty();
    }

    private static List<Bar> oneMinute(RecordingListener rec, String symbol) {
        return rec.of(Bar.class).stream()
                .filter(b -> b.symbol().value().equals(symbol) && b.interval().isOneMinute()).toList();
    }

    private static void assertSameBars(List<Bar> delivered, List<Bar> expected) {
        assertThat(delivered).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(delivered.get(i).sameValues(expected.get(i)))
                    .as("%s vs %s", delivered.get(i), expected.get(i)).isTrue();
        }
    }

    private static void assertDerived(RecordingListener rec, String symbol, LocalDate date, List<Bar> oneMinute,
                                      int openMinute) {
        for (int n : new int[] {5, 15}) {
            List<Bar> expected = LeanData.aggregate(oneMinute, date, openMinute, n);
            List<Bar> delivered = rec.of(Bar.class).stream().filter(b -> b.symbol().value().equals(symbol)
                    && b.interval().minutes() == n
                    && b.start().atZone(LeanData.NEW_YORK).toLocalDate().equals(date)).toList();
            assertThat(delivered).as("%s %s %dm", symbol, date, n).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                assertThat(delivered.get(i).sameValues(expected.get(i)))
                        .as("%s vs %s", delivered.get(i), expected.get(i)).isTrue();
            }
        }
    }
}
