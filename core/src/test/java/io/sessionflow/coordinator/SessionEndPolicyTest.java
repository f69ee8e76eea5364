package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.SessionEndReason;
import io.sessionflow.coordinator.SessionEndPolicy.Action;
import io.sessionflow.coordinator.SessionEndPolicy.Decision;
import io.sessionflow.coordinator.SessionEndPolicy.View;
import io.sessionflow.domain.Micros;
import org.junit.jupiter.api.Test;

/** The session-end rules as a pure function: no threads, no clocks. */
class SessionEndPolicyTest {

    private static final long CLOSE = 1_000 * Micros.PER_MINUTE;
    private static final long NOON = CLOSE - 240 * Micros.PER_MINUTE;
    private static final long LAST_MINUTE = CLOSE - Micros.PER_MINUTE;

    private static View view(boolean head, boolean data, boolean blocked, boolean silence, boolean gaveUp,
                             boolean beyond, long now) {
        return new View(head, data, blocked, silence, gaveUp, beyond, false, now, CLOSE);
    }

    @Test
    void backtestDeliversAHeadNothingHoldsBack() {
        assertThat(SessionEndPolicy.backtest(view(true, true, false, false, false, false, NOON)).action())
                .isEqualTo(Action.DELIVER);
        assertThat(SessionEndPolicy.backtest(view(true, false, false, false, false, false, NOON)).action())
                .as("a check with nothing given up").isEqualTo(Action.DELIVER);
    }

    @Test
    void backtestWaitsForAnInputThatMayStillSendEarlierDataThenGivesItUp() {
        assertThat(SessionEndPolicy.backtest(view(true, true, true, false, false, false, NOON)).action())
                .isEqualTo(Action.WAIT);
        assertThat(SessionEndPolicy.backtest(view(true, true, true, true, false, false, NOON)).action())
                .isEqualTo(Action.GIVE_UP_SILENT);
        assertThat(SessionEndPolicy.backtest(view(false, false, true, false, false, false, NOON)).action())
                .as("drained, an input still open").isEqualTo(Action.WAIT);
    }

    @Test
    void backtestDrainedWithinAMinuteOfTheCloseEndsAtOnce() {
        Decision d = SessionEndPolicy.backtest(view(false, false, true, false, false, false, LAST_MINUTE));
        assertThat(d).isEqualTo(Decision.end(SessionEndReason.END_OF_DATA));
        assertThat(SessionEndPolicy.backtest(view(false, false, true, false, false, false, LAST_MINUTE - 1)).action())
                .as("just before the last minute it waits").isEqualTo(Action.WAIT);
        assertThat(SessionEndPolicy.backtest(view(true, true, true, false, false, false, LAST_MINUTE)).action())
                .as("stream data still to come waits").isEqualTo(Action.WAIT);
    }

    @Test
    void backtestEndReasons() {
        assertThat(SessionEndPolicy.backtest(view(false, false, false, false, false, false, NOON)))
                .isEqualTo(Decision.end(SessionEndReason.END_OF_DATA));
        assertThat(SessionEndPolicy.backtest(view(false, false, false, false, true, false, NOON)))
                .isEqualTo(Decision.end(SessionEndReason.TIMER_EXPIRED));
        assertThat(SessionEndPolicy.backtest(view(false, false, false, false, true, false, LAST_MINUTE)))
                .as("given up, but drained in the last minute").isEqualTo(Decision.end(SessionEndReason.END_OF_DATA));
        assertThat(SessionEndPolicy.backtest(view(false, false, false, false, false, true, NOON)))
                .isEqualTo(Decision.end(SessionEndReason.CLOCK));
        assertThat(SessionEndPolicy.backtest(view(true, false, false, false, true, false, NOON)))
                .as("only checks left after giving up").isEqualTo(Decision.end(SessionEndReason.TIMER_EXPIRED));
    }

    @Test
    void liveEndsOnlyWhenTheClockHasPassedTheCloseAndNothingIsPending() {
        assertThat(SessionEndPolicy.live(view(false, false, false, false, false, true, CLOSE - 1)).action())
                .as("data beyond the close waits for the clock").isEqualTo(Action.WAIT);
        assertThat(SessionEndPolicy.live(view(false, false, false, false, false, true, CLOSE)))
                .isEqualTo(Decision.end(SessionEndReason.CLOCK));
        assertThat(SessionEndPolicy.live(view(true, true, false, false, false, false, CLOSE)).action())
                .as("an event inside the session still goes first").isEqualTo(Action.DELIVER);
        assertThat(SessionEndPolicy.live(view(false, false, true, false, false, false, CLOSE)).action())
                .as("an input that may still send for the session").isEqualTo(Action.WAIT);
        assertThat(SessionEndPolicy.live(view(false, false, true, true, false, false, CLOSE)).action())
                .isEqualTo(Action.GIVE_UP_SILENT);
        assertThat(SessionEndPolicy.live(new View(false, false, false, false, false, false, true, CLOSE, CLOSE))
                .action()).as("the last minute's bar may still come from a feed").isEqualTo(Action.WAIT);
    }
}
