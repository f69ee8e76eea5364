package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.time.TimeProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The symbols' minute slots and derived windows share session-wide arrays, a column per symbol ({@link SessionGrid}):
 * whatever the columns do between sessions (a symbol added in front shifts every other one, a symbol added during a
 * session has a column of its own, a shorter session reuses longer arrays), each symbol holds exactly its own bars of
 * the current session, and its derived bars are those of its own 1m bars.
 */
class SessionGridTest {

    private static final Interval FIVE = Interval.ofMinutes(5);
    private static final Interval FIFTEEN = Interval.ofMinutes(15);
    private static final TradingSession MONDAY = session(2025, 11, 24);
    private static final TradingSession EARLY_CLOSE = session(2025, 11, 28);
    private static final TradingSession NEXT_MONDAY = session(2025, 12, 1);
    private static final TradingSession TUESDAY = session(2025, 12, 2);
    private static final TradingSession WEDNESDAY = session(2025, 12, 3);

    private final TimeProvider time = TimeProvider.backtest(MONDAY.open());
    private final SessionData data = new SessionData(SessionConfig.builder().derivedIntervals(List.of(FIVE, FIFTEEN))
            .build(), time);
    private final SessionDataWriter writer = data.claimWriter();
    /** What each symbol was given in the current session. */
    private final Map<Symbol, List<Bar>> applied = new LinkedHashMap<>();

    private static TradingSession session(int y, int m, int d) {
        return Calendars.xnys().session(LocalDate.of(y, m, d)).orElseThrow();
    }

    /** A bar whose prices name its symbol, session and minute, so that a bar in the wrong column cannot pass. */
    private static Bar bar(Symbol s, TradingSession session, int minute) {
        double base = 1000 * (1 + s.value().charAt(0) - 'A') + session.date().getDayOfMonth() * 10 + minute / 100.0;
        return new Bar(s, session.open().plus(Duration.ofMinutes(minute)), Interval.ONE_MINUTE, base, base + 0.5,
                base - 0.5, base + 0.25, 100 + minute, Bar.NO_TRADE_COUNT, Double.NaN, 0);
    }

    private void begin(TradingSession session) {
        applied.clear();
        writer.beginSession(session, Map.of());
    }

    /** Minute by minute, each symbol in symbol order (as the coordinator delivers), the minutes {@code has} keeps. */
    private void stream(TradingSession session, int from, int to, List<Symbol> symbols, MinuteFilter has) {
        for (int m = from; m < to; m++) {
            for (Symbol s : symbols) {
                if (has.keeps(s, m)) {
                    Bar b = bar(s, session, m);
                    writer.applyBar(data.register(s), Micros.of(b.start()), b.open(), b.high(), b.low(), b.close(),
                            b.volume(), b.tradeCount(), b.vwap(), b.flags());
                    applied.computeIfAbsent(s, k -> new ArrayList<>()).add(b);
                }
            }
        }
    }

    private interface MinuteFilter {
        boolean keeps(Symbol s, int minute);
    }

    private void assertEachHoldsItsOwn(TradingSession session) {
        int[] scratch = new int[Interval.MAX_MINUTES];
        int[] from = new int[2];
        writer.passWindows(Micros.of(session.close()), from);
        for (SymbolSessionData d : data.all()) {
            for (int k = 0; k < 2; k++) {  // the close delivers the windows whose last minute has no bar
                writer.flushWindows(d, k, from[k], scratch);
            }
            List<Bar> mine = applied.getOrDefault(d.symbol(), List.of());
            assertThat(d.bars()).as("%s's 1m bars of %s", d.symbol(), session.date()).containsExactlyElementsOf(mine);
            assertThat(d.snapshot().present()).as("%s present", d.symbol()).isEqualTo(mine.size());
            for (Interval i : List.of(FIVE, FIFTEEN)) {
                assertThat(d.derivedBars(i)).as("%s's %s bars of %s", d.symbol(), i, session.date())
                        .containsExactlyElementsOf(Aggregation.derive(mine, session, i));
            }
        }
    }

    @Test
    void eachSymbolHoldsItsOwnBarsWhateverTheColumnsDoBetweenSessions() {
        Symbol bbb = Symbol.of("BBB");
        Symbol ccc = Symbol.of("CCC");
        Symbol ddd = Symbol.of("DDD");
        Symbol aaa = Symbol.of("AAA");
        data.register(bbb);
        data.register(ddd);
        MinuteFilter gaps = (s, m) -> (m + s.value().charAt(0)) % 7 != 0;

        begin(MONDAY);
        stream(MONDAY, 0, 120, List.of(bbb, ddd), gaps);
        data.register(ccc);  // during the session, between BBB and DDD: a column of its own until the next session
        stream(MONDAY, 120, MONDAY.minutes(), List.of(bbb, ccc, ddd), gaps);
        assertEachHoldsItsOwn(MONDAY);
        writer.endSession();

        data.register(aaa);  // in front of every other symbol: at the next session every column moves
        begin(EARLY_CLOSE);  // 210 minutes in arrays laid out for 390
        stream(EARLY_CLOSE, 0, EARLY_CLOSE.minutes(), List.of(aaa, bbb, ccc, ddd), (s, m) -> true);
        assertEachHoldsItsOwn(EARLY_CLOSE);
        writer.endSession();

        begin(NEXT_MONDAY);  // a full session of all four: new arrays, which the next two sessions reuse
        stream(NEXT_MONDAY, 0, NEXT_MONDAY.minutes(), List.of(aaa, bbb, ccc, ddd), (s, m) -> true);
        assertEachHoldsItsOwn(NEXT_MONDAY);
        writer.endSession();

        // AAA and CCC get nothing: their slots still hold yesterday's bars, of an older generation
        begin(TUESDAY);
        stream(TUESDAY, 0, TUESDAY.minutes(), List.of(bbb, ddd), (s, m) -> m % 3 != 1);
        assertEachHoldsItsOwn(TUESDAY);
        assertThat(data.symbol(aaa).orElseThrow().bars()).isEmpty();
        writer.endSession();

        // BBB gets nothing: its windows are in Monday's window arrays again, cleared for this session
        begin(WEDNESDAY);
        stream(WEDNESDAY, 0, WEDNESDAY.minutes(), List.of(aaa, ccc, ddd), gaps);
        assertEachHoldsItsOwn(WEDNESDAY);
        assertThat(data.symbol(bbb).orElseThrow().derivedBars(FIVE)).isEmpty();
    }
}
