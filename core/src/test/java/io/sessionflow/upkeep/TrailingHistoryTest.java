package io.sessionflow.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Stores;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trailing history: before each session every symbol holds exactly the previous N trading sessions in each history
 * interval; storage is read for it once, later sessions roll in from the data the coordinator delivered.
 */
class TrailingHistoryTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final List<Symbol> SYMBOLS = List.of(AAA, BBB);
    private static final LocalDate STORED_FROM = LocalDate.of(2025, 11, 18);
    private static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    private static final LocalDate TO = LocalDate.of(2025, 12, 3);  // across Thanksgiving and its early close
    private static final Interval M5 = Interval.ofMinutes(5);
    private static final DropFilter DROPS = new DropFilter(0.05, 3);

    /** What a symbol held when a session started: per interval, per date, the bars. */
    record Held(LocalDate session, Map<Interval, NavigableMap<LocalDate, BarSeries>> history) {
    }

    @ParameterizedTest(name = "upkeep thread {0}")
    @ValueSource(booleans = {true, false})
    void eachSessionStartsWithThePreviousThreeTradingSessionsReadFromStorageOnce(boolean upkeep) {
        HookedStore store = new HookedStore(Stores.bars(SYMBOLS, STORED_FROM, TO));
        Map<LocalDate, Map<Symbol, Held>> held = new LinkedHashMap<>();
        Replay.Result r = Replay.over(FROM, TO).symbols(SYMBOLS).store(store).upkeep(upkeep).drop(DROPS)
                .config(c -> c.historicalTrailingSessions(3).historicalBarIntervals(List.of(Interval.ONE_MINUTE, M5))
                        .retryMissingBars(false))  // delivered sessions keep their drops: history shows its source
                .listener(dm -> new MarketDataListener() {
                    @Override
                    public void onSessionStart(TradingSession session) {
                        Map<Symbol, Held> m = new LinkedHashMap<>();
                        for (Symbol s : SYMBOLS) {
                            m.put(s, new Held(session.date(), dm.sessionData().symbol(s).orElseThrow().history()));
                        }
                        held.put(session.date(), m);
                    }
                }).run().completed();

        List<TradingSession> sessions = Calendars.xnys().sessions(FROM, TO);
        assertThat(held).containsOnlyKeys(sessions.stream().map(TradingSession::date).toList());
        Map<LocalDate, List<Bar>> delivered = new LinkedHashMap<>();
        r.log().sessions().forEach((d, entries) -> delivered.put(d, EventLog.bars(entries, Interval.ONE_MINUTE)));

        for (TradingSession s : sessions) {
            List<TradingSession> previous = Calendars.xnys().sessionsBefore(s.date(), 3);
            for (Symbol symbol : SYMBOLS) {
                Map<Interval, NavigableMap<LocalDate, BarSeries>> h = held.get(s.date()).get(symbol).history();
                assertThat(h).containsOnlyKeys(Interval.ONE_MINUTE, M5);
                for (Interval i : List.of(Interval.ONE_MINUTE, M5)) {
                    assertThat(h.get(i).keySet()).as("%s history of %s before %s", i, symbol, s.date())
                            .containsExactlyElementsOf(previous.stream().map(TradingSession::date).toList());
                }
                for (TradingSession p : previous) {
                    BarSeries oneMinute = h.get(Interval.ONE_MINUTE).get(p.date());
                    List<Bar> expected = delivered.containsKey(p.date())
                            ? delivered.get(p.date()).stream().filter(b -> b.symbol().equals(symbol)).toList()
                            : Stores.bars(List.of(symbol), p.date(), p.date().plusDays(1)).readBars(symbol,
                                    Interval.ONE_MINUTE, p.range());
                    String source = delivered.containsKey(p.date()) ? "as delivered" : "from storage";
                    assertThat(oneMinute.size()).as("1m %s of %s %s: bars", p.date(), symbol, source)
                            .isEqualTo(expected.size());
                    assertThat(oneMinute).as("1m %s of %s %s", p.date(), symbol, source)
                            .containsExactlyElementsOf(expected);
                    assertThat(h.get(M5).get(p.date())).containsExactlyElementsOf(Aggregation.derive(expected, p, M5));
                    if (!delivered.containsKey(p.date())) {
                        assertThat(oneMinute).hasSize(p.minutes()).hasSize(p.earlyClose() ? 210 : 390);
                        assertThat(h.get(M5).get(p.date())).hasSize(p.earlyClose() ? 42 : 78);
                    }
                }
            }
        }
        List<HookedStore.Read> historyReads = store.reads().stream()
                .filter(read -> sessions.stream().noneMatch(s -> s.range().equals(read.range()))).toList();
        assertThat(historyReads).as("history is read once, for the first session").hasSize(1);
        assertThat(store.reads()).hasSize(sessions.size() + 1);
    }
}
