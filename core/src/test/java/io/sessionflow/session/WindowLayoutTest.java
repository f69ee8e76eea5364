package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.DerivedAlignment;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Where derived windows lie: the regular layout is the old arithmetic; halts cut windows; the anchor moves them. */
class WindowLayoutTest {

    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();

    @Property(tries = 60)
    void aSessionWithoutSegmentsHasTheWindowsOfBefore(@ForAll @IntRange(min = 2, max = 390) int n) {
        WindowLayout w = WindowLayout.of(SessionMinutes.of(MONDAY, TradingSession.REGULAR), n,
                DerivedAlignment.MARKET_OPEN);
        assertThat(w.count()).isEqualTo((390 + n - 1) / n);
        for (int m = 0; m < 390; m++) {
            assertThat(w.windowOf(m)).isEqualTo(m / n);
        }
        for (int k = 0; k < w.count(); k++) {
            assertThat(w.start(k)).isEqualTo(k * n);
            assertThat(w.end(k)).isEqualTo(Math.min((k + 1) * n, 390));
            assertThat(w.partial(k)).isEqualTo((k + 1) * n > 390);
        }
        assertThat(w.endsBefore(390).toArray()).isEqualTo(
                DerivedWindows.endsBeforeClose(Micros.of(MONDAY.open()), n, 390).toArray());
    }

    @Test
    void aHaltCutsAWindowAndTheMinutesAfterItStartANewOne() {
        Instant open = MONDAY.open();
        TradingSession s = new TradingSession(MONDAY.date(), open, open.plusSeconds(100 * 60), MONDAY.zone(), false,
                List.of(new SessionSegment(Kind.MARKET, open, open.plusSeconds(40 * 60)),
                        new SessionSegment(Kind.MARKET, open.plusSeconds(45 * 60), open.plusSeconds(90 * 60))));
        SessionMinutes minutes = SessionMinutes.of(s, Set.of(Kind.MARKET));
        assertThat(minutes.expected()).isEqualTo(85);
        assertThat(minutes.tradingCloseMinute()).isEqualTo(90);
        WindowLayout w = WindowLayout.of(minutes, 30, DerivedAlignment.SESSION_OPEN);
        // [0,30) [30,40) | halt 40-45 | [45,60) [60,90); minutes 90-100 trail the last segment
        assertThat(w.count()).isEqualTo(4);
        assertThat(List.of(w.start(1), w.end(1), w.start(2), w.end(2), w.start(3), w.end(3)))
                .containsExactly(30, 40, 45, 60, 60, 90);
        assertThat(w.partial(1)).isTrue();
        assertThat(w.partial(2)).isTrue();
        assertThat(w.partial(3)).isFalse();
        assertThat(w.windowOf(42)).isEqualTo(-1);
        assertThat(w.windowOf(95)).isEqualTo(-1);
        assertThat(w.endsBefore(90).map(t -> (t - Micros.of(open)) / Micros.PER_MINUTE).toArray())
                .containsExactly(30, 40, 60);
    }

    @Test
    void theSessionLayoutIsOneWholeWindowOverTheMarketSegmentsOnlyWithHaltsLeftOut() {
        Instant open = MONDAY.open();
        // premarket 0-30, market 30-70, halt 70-75, market 75-120, postmarket 120-150
        TradingSession s = new TradingSession(MONDAY.date(), open, open.plusSeconds(150 * 60), MONDAY.zone(), false,
                List.of(new SessionSegment(Kind.PREMARKET, open, open.plusSeconds(30 * 60)),
                        new SessionSegment(Kind.MARKET, open.plusSeconds(30 * 60), open.plusSeconds(70 * 60)),
                        new SessionSegment(Kind.MARKET, open.plusSeconds(75 * 60), open.plusSeconds(120 * 60)),
                        new SessionSegment(Kind.POSTMARKET, open.plusSeconds(120 * 60), open.plusSeconds(150 * 60))));
        WindowLayout w = WindowLayout.of(SessionMinutes.of(s, Set.of(Kind.MARKET)), Interval.SESSION,
                DerivedAlignment.SESSION_OPEN);
        assertThat(w.count()).isEqualTo(1);
        assertThat(List.of(w.start(0), w.end(0))).containsExactly(30, 120);
        assertThat(w.partial(0)).isFalse();
        assertThat(List.of(w.windowOf(29), w.windowOf(30), w.windowOf(72), w.windowOf(119), w.windowOf(120)))
                .containsExactly(-1, 0, -1, 0, -1);
        assertThat(w.startMicros(0)).isEqualTo(Micros.of(open.plusSeconds(30 * 60)));
        // flushed at the market close, before the session's end
        assertThat(w.endsBefore(150).map(t -> (t - Micros.of(open)) / Micros.PER_MINUTE).toArray())
                .containsExactly(120);
    }

    @Test
    void anEarlyCloseGivesAWholeSessionBarOfItsShorterSession() {
        TradingSession early = Calendars.xnys().session(LocalDate.of(2015, 12, 24)).orElseThrow();
        assertThat(early.minutes()).isEqualTo(210);
        Symbol goog = Symbol.of("GOOG");
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE, 210);
        long open = Micros.of(early.open());
        for (int m = 0; m < 210; m++) {
            b.add(goog, open + m * Micros.PER_MINUTE, 100 + m, 101 + m, 99 - m * 0.01, 100.5 + m, 10, Bar.NO_TRADE_COUNT,
                    Double.NaN, 0);
        }
        BarSeries d = DerivedBars.aggregate(b.build(), early, Interval.SESSION);
        assertThat(d).hasSize(1);
        Bar bar = d.get(0);
        assertThat(bar.interval()).isEqualTo(Interval.SESSION);
        assertThat(bar.start()).isEqualTo(early.marketOpen());
        assertThat(List.of(bar.open(), bar.high(), bar.low(), bar.close(), bar.volume()))
                .containsExactly(100.0, 310.0, 99 - 209 * 0.01, 309.5, 2100.0);
        assertThat(bar.isPartial()).isFalse();
        assertThat(DerivedBars.aggregate(b.build(), early, Interval.ofMinutes(390)).get(0).isPartial()).isTrue();
    }
}
