package io.sessionflow.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSplit;
import io.sessionflow.coordinator.SourceAnswer;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Stores;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A backtest's split whose request the upkeep thread has not taken for {@link UpkeepAgent#TAKE_BACK_AFTER_NANOS} is
 * loaded by the coordinator's poll, the same split the upkeep thread would have made; a request the upkeep thread
 * takes first is never loaded twice. The upkeep side is driven by {@code doWork()} on the test's thread.
 */
class TakeBackTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 17);
    private static final TradingSession MONDAY = Calendars.xnys().session(FROM).orElseThrow();

    private final ManualWallClock wall = new ManualWallClock();
    private final SessionLoader loader = new SessionLoader(Stores.bars(SYMBOLS, FROM, FROM.plusDays(2)),
            SessionConfig.defaults(), Calendars.xnys(), DropFilter.NONE, true);

    private UpkeepAgent agent() {
        return UpkeepAgent.backtest(loader, wall, RetryPolicy.DEFAULT, new WakeSignal(wall));
    }

    private static SessionRequest monday() {
        return new SessionRequest(MONDAY, SYMBOLS, List.of(), List.of(), Map.of());
    }

    @Test
    void aRequestLeftUntakenIsLoadedByThePollAfterTheTakeBackDelayAndOnlyOnce() throws InterruptedException {
        UpkeepAgent agent = agent();
        agent.request(monday());
        assertThat(agent.poll()).as("a fresh request is the upkeep thread's").isNull();
        wall.advanceNanos(UpkeepAgent.TAKE_BACK_AFTER_NANOS - 1);
        assertThat(agent.poll()).isNull();
        wall.advanceNanos(1);
        SourceAnswer taken = agent.poll();
        assertThat(taken).isInstanceOf(SessionSplit.class);
        assertThat(((SessionSplit) taken).request().session()).isEqualTo(MONDAY);
        assertThat(((SessionSplit) taken).barsRead()).isEqualTo(2 * 390);
        assertThat(agent.splitsLoadedByCoordinator()).isEqualTo(1);
        assertThat(agent.doWork()).as("nothing is left for the upkeep thread").isZero();
        assertThat(agent.poll()).isNull();

        SessionSplit upkeep = (SessionSplit) loadedByUpkeep();
        assertThat(upkeep.bars().size()).isEqualTo(((SessionSplit) taken).bars().size());
        assertThat(upkeep.barsRead()).isEqualTo(((SessionSplit) taken).barsRead());
    }

    /** The same request taken by the upkeep thread in time: its answer, and no load by the poll. */
    private SourceAnswer loadedByUpkeep() {
        UpkeepAgent agent = agent();
        agent.request(monday());
        assertThat(agent.doWork()).isEqualTo(1);
        wall.advanceNanos(UpkeepAgent.TAKE_BACK_AFTER_NANOS);
        SourceAnswer a = agent.poll();
        assertThat(a).isInstanceOf(SessionSplit.class);
        assertThat(agent.splitsLoadedByCoordinator()).isZero();
        assertThat(agent.poll()).isNull();
        return a;
    }
}
