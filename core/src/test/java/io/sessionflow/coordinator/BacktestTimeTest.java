package io.sessionflow.coordinator;

import io.sessionflow.api.SessionSummary;
import io.sessionflow.api.SessionEnd;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog.Entry;
import io.sessionflow.testing.Listeners;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Backtest time: it moves to each event's availability time and never backwards, stale events are delivered at
 * once, a session ends at its close whatever ended it, holidays are skipped and DST never shifts a session.
 */
class BacktestTimeTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final List<Symbol> SYMBOLS = List.of(AAA, BBB);

    private static Replay replay(LocalDate from, LocalDate to) {
        return Replay.over(from, to).symbols(SYMBOLS).streams(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES)
                .store(Stores.market(SYMBOLS, from, to, Stores.gaps(50), 45, 70));
    }

    private static void assertNeverBackwards(List<Entry> entries) {
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).at()).as("time at %s", entries.get(i).line())
                    .isAfterOrEqualTo(entries.get(i - 1).at());
        }
    }

    @Test
    void timeFollowsAvailabilitySkipsTheHolidayAndEndsEachSessionAtItsClose() {
        LocalDate from = LocalDate.of(2025, 11, 24);
        LocalDate to = LocalDate.of(2025, 11, 29);
        Replay.Started started = replay(from, to).build();
        assertThat(started.dm().now()).as("before the run").isEqualTo(started.dm().backtestSessions().get(0).open());
        assertThat(started.dm().currentSession()).isEmpty();
        Replay.Result r = started.run().completed();
        List<Entry> entries = r.log().entries();

        assertNeverBackwards(entries);
        assertThat(entries).allSatisfy(e -> {
            if (e.availableAt() != null) {
                assertThat(e.at()).as(e.line()).isEqualTo(e.availableAt());
            }
        });
        List<TradingSession> sessions = r.log().of(TradingSession.class);
        assertThat(sessions).extracting(TradingSession::date).containsExactly(LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 11, 25), LocalDate.of(2025, 11, 26), LocalDate.of(2025, 11, 28));
        for (Entry e : entries) {
            if (e.event() instanceof TradingSession s) {
                assertThat(e.at()).as("time at session_start %s", s.date()).isEqualTo(s.open());
            } else if (e.event() instanceof SessionEnd end) {
                TradingSession s = Sessions.of(end.date());
                assertThat(end.time()).isEqualTo(s.close());
                assertThat(e.at()).as("time at session_end %s", end.date()).isEqualTo(s.close());
            }
        }
        assertThat(r.dm().now()).isEqualTo(sessions.get(3).close());
        assertThat(r.dm().currentSession()).contains(sessions.get(3));
    }

    @Test
    void sessionsAcrossTheEndOfDaylightSavingTimeKeepTheirWallClockHours() {
        LocalDate friday = LocalDate.of(2025, 10, 31);
        LocalDate monday = LocalDate.of(2025, 11, 3);
        Replay.Result r = replay(friday, monday.plusDays(1)).run().completed();

        assertNeverBackwards(r.log().entries());
        List<TradingSession> sessions = r.log().of(TradingSession.class);
        assertThat(sessions).extracting(TradingSession::date).containsExactly(friday, monday);
        assertThat(sessions.get(0).open()).isEqualTo(Instant.parse("2025-10-31T13:30:00Z"));
        assertThat(sessions.get(0).close()).isEqualTo(Instant.parse("2025-10-31T20:00:00Z"));
        assertThat(sessions.get(1).open()).isEqualTo(Instant.parse("2025-11-03T14:30:00Z"));
        assertThat(sessions.get(1).close()).isEqualTo(Instant.parse("2025-11-03T21:00:00Z"));
        assertThat(r.sessions()).extracting(SessionSummary::end)
                .containsExactly(sessions.get(0).close(), sessions.get(1).close());
        assertThat(r.log().sessions().get(monday).get(1).at()).as("first event on Monday")
                .isEqualTo(Instant.parse("2025-11-03T14:30:00Z"));
    }

    @Test
    void staleEventsAreDeliveredAtOnceWithoutMovingTimeBack() {
        LocalDate day = LocalDate.of(2025, 11, 24);
        TradingSession s = Sessions.of(day);
        Instant ten = s.open().plusSeconds(30 * 60);
        List<Quote> late = new ArrayList<>();
        for (int i = 10; i >= 1; i--) {
            late.add(new Quote(BBB, ten.minusSeconds(60L * i), 1, 2, i, i));
        }
        AtomicReference<EventQueue> publisher = new AtomicReference<>();
        Replay.Result r = replay(day, day.plusDays(1)).wall(new ManualWallClock())
                .setup(dm -> publisher.set(dm.publisher("late quotes", 4)))
                .listener(Listeners.onceAt(b -> b.symbol().equals(BBB) && b.end().equals(ten),
                        () -> Batches.publish(publisher.get(), late, 4, day)))
                .run().completed();
        List<Entry> entries = r.log().entries();

        assertNeverBackwards(entries);
        int first = -1;
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).event() instanceof Quote q && late.contains(q)) {
                first = first < 0 ? i : first;
                assertThat(entries.get(i).at()).as("delivered when pushed").isEqualTo(ten);
            }
        }
        assertThat(first).isPositive();
        assertThat(entries.subList(first, first + late.size())).extracting(Entry::event)
                .as("delivered at once, in their order").containsExactlyElementsOf(late);
        assertThat(r.data(BBB).quotes()).as("SessionData holds them too").containsAll(late);
        assertThat(Micros.of(r.dm().now())).isEqualTo(Micros.of(s.close()));
    }
}
