package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The schedule's arithmetic, without a server. */
class ReplayPlanTest {

    static final List<TradingSession> TWO_DAYS = Calendars.xnys().sessions(LocalDate.of(2013, 10, 7),
            LocalDate.of(2013, 10, 9));
    static final List<Symbol> SPY = List.of(Symbol.of("SPY"));

    @Test
    void anEventPlaysAtTheAnchorPlusItsDistanceFromTheFirstOpenDividedByTheSpeed() {
        ReplayPlan p = ReplayPlan.of(TWO_DAYS, SPY).withSpeed(60).withAnchorNanos(5_000);
        Instant open = TWO_DAYS.get(0).open();
        assertThat(p.dueNanos(open)).isEqualTo(5_000);
        assertThat(p.dueNanos(open.plusSeconds(60))).isEqualTo(5_000 + 1_000_000_000L);
        // The second session keeps its distance: 24 hours later at 60x is 24 minutes of wall time later.
        assertThat(p.dueNanos(TWO_DAYS.get(1).open())).isEqualTo(5_000 + Duration.ofMinutes(24).toNanos());
        assertThat(ReplayPlan.of(TWO_DAYS, SPY).withSpeed(0.5).dueNanos(open.plusSeconds(1)))
                .isEqualTo(2_000_000_000L);
    }

    @Test
    void theMarketClockShowsWhatPlaysAtEachWallTime() {
        ReplayPlan p = ReplayPlan.of(TWO_DAYS, SPY).withSpeed(60).withAnchorNanos(-7);
        SteppedWallClock wall = new SteppedWallClock();
        wall.setNanos(p.dueNanos(TWO_DAYS.get(0).open().plusSeconds(600)));
        assertThat(p.marketClock(wall).instant()).isEqualTo(TWO_DAYS.get(0).open().plusSeconds(600));
    }

    @Test
    void playingAtShiftsTheFirstOpenToTheWholeMinuteOfTheAnchorInstant() {
        ReplayPlan p = ReplayPlan.of(TWO_DAYS, SPY).playingAt(Instant.parse("2026-05-04T17:42:59.900Z"));
        assertThat(TWO_DAYS.get(0).open().plus(p.shift())).isEqualTo(Instant.parse("2026-05-04T17:42:00Z"));
        assertThat(p.shift().toSeconds() % 60).isZero();
    }

    @Test
    void badPlansAreRefusedWithTheOffendingValue() {
        assertThatThrownBy(() -> ReplayPlan.of(TWO_DAYS, SPY).withSpeed(0)).hasMessageContaining("speed 0.0");
        assertThatThrownBy(() -> ReplayPlan.of(TWO_DAYS, SPY).withSpeed(Double.NaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> ReplayPlan.of(List.of(), SPY)).hasMessageContaining("at least one session");
        assertThatThrownBy(() -> ReplayPlan.of(TWO_DAYS, List.of())).hasMessageContaining("at least one symbol");
        assertThatThrownBy(() -> ReplayPlan.of(TWO_DAYS, SPY).withStreams(Set.of()))
                .hasMessageContaining("stream type");
        assertThatThrownBy(() -> ReplayPlan.of(TWO_DAYS, SPY).withShift(Duration.ofSeconds(90)))
                .hasMessageContaining("PT1M30S");
        assertThatThrownBy(() -> ReplayPlan.of(List.of(TWO_DAYS.get(1), TWO_DAYS.get(0)), SPY))
                .hasMessageContaining("2013-10-07");
    }
}
