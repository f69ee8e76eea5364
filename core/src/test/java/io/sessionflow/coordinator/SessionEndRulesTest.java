package io.sessionflow.coordinator;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.MarketDataListener;
import static io.sessionflow.testing.Sessions.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.StorageException;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import io.sessionflow.time.WallClock;
import io.sessionflow.upkeep.RetryPolicy;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * How backtest sessions end: END_OF_DATA at once when every input is complete and drained, or when drained within
 * a minute of the close; TIMER_EXPIRED when an input stays silent for the session-end timeout; CLOCK when an input
 * holds data beyond the session; and a run whose next session cannot be loaded fails instead of hanging.
 */
class SessionEndRulesTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final LocalDate TUESDAY = LocalDate.of(2025, 11, 25);
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime NOON = LocalTime.of(12, 0);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);
    private static final TradingSession MONDAY_SESSION = Sessions.of(MONDAY);

    /**
     * AAA's bars from storage before {@code storageUntil} (New York time of each day); BBB's from a publisher fed
     * {@code published} before the run, then marked complete for {@code complete}.
     */
    private static Replay withPublisher(LocalDate to, ManualWallClock wall, LocalTime storageUntil, List<Bar> published,
                                        LocalDate... complete) {
        return Replay.over(MONDAY, to).symbols(List.of(AAA, BBB)).wall(wall)
                .store(Stores.bars(List.of(AAA), MONDAY, to, (s, t) -> !Micros.toInstant(t)
                        .atZone(Calendars.xnys().zone()).toLocalTime().isBefore(storageUntil)))
                .setup(dm -> {
                    EventQueue q = dm.publisher("BBB feed", 1_000);
                    Batches.publish(q, published, 50, null);
                    for (LocalDate d : complete) {
                        Batches.publish(q, List.of(), 1, d);
                    }
                });
    }

    private static List<Bar> bbb(LocalDate from, LocalDate to, Predicate<Bar> keep) {
        return Bars.session(List.of(BBB), from, to).stream().filter(keep).toList();
    }

    private static void assertEndsAtClose(Replay.Result r) {
        for (SessionEnd end : r.log().of(SessionEnd.class)) {
            assertThat(end.time()).isEqualTo(Sessions.of(end.date()).close());
        }
        r.log().entries().stream().filter(e -> e.event() instanceof SessionEnd).forEach(e ->
                assertThat(e.at()).isEqualTo(((SessionEnd) e.event()).time()));
    }

    @Test
    void completeAndDrainedInputsEndTheSessionAtOnceAtItsClose() {
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = Replay.over(MONDAY, TUESDAY.plusDays(1)).symbols(List.of(AAA)).wall(wall)
                .store(Stores.bars(List.of(AAA), MONDAY, TUESDAY.plusDays(1),
                        (s, t) -> Micros.toInstant(t).isAfter(at(MONDAY, 11, 59)) && Micros.toInstant(t).isBefore(
                                MONDAY_SESSION.close())))
                .run().completed();

        assertThat(r.sessions()).extracting(SessionSummary::reason)
                .containsExactly(SessionEndReason.END_OF_DATA, SessionEndReason.END_OF_DATA);
        assertThat(wall.nanoTime()).as("no wall-clock wait")
                .isLessThan(SessionConfig.defaults().sessionEndTimeout().toNanos());
        assertThat(r.run().timerExpired()).isFalse();
        assertThat(r.dm().diagnostics().timerExpired()).isFalse();
        assertThat(r.sessions().get(0).symbols().get(AAA).present()).isEqualTo(150);
        assertEndsAtClose(r);
    }

    @Test
    void aPublisherThatCompletesEndsTheSessionAtOnce() {
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = withPublisher(TUESDAY, wall, CLOSE, bbb(MONDAY, TUESDAY, b -> true), MONDAY).run().completed();
        assertThat(r.sessions()).singleElement().extracting(SessionSummary::reason)
                .isEqualTo(SessionEndReason.END_OF_DATA);
        assertThat(wall.nanoTime()).as("no timer ran out")
                .isLessThan(SessionConfig.defaults().sessionEndTimeout().toNanos());
        assertThat(r.log().bars(Interval.ONE_MINUTE)).hasSize(2 * 390);
    }

    /**
     * Monday: BBB's publisher sends until noon, then nothing. Tuesday: it sends nothing at all (given up at the
     * open, while AAA's data goes on). Either way the streams drain at noon without every input done: the timer.
     */
    @Test
    void aSilentPublisherEndsTheSessionWhenTheTimerExpiresAndTheFlagIsSet() {
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = withPublisher(TUESDAY.plusDays(1), wall, NOON, bbb(MONDAY, TUESDAY,
                b -> b.start().isBefore(at(MONDAY, 12, 0)))).run().completed();

        assertThat(r.sessions()).extracting(SessionSummary::reason)
                .containsExactly(SessionEndReason.TIMER_EXPIRED, SessionEndReason.TIMER_EXPIRED);
        assertThat(r.run().timerExpired()).isTrue();
        assertThat(r.dm().diagnostics().timerExpired()).isTrue();
        assertThat(wall.nanoTime()).as("the session-end timeout was waited on the wall clock, twice")
                .isGreaterThanOrEqualTo(2 * Duration.ofSeconds(60).toNanos());
        assertThat(r.log().bars(Interval.ONE_MINUTE)).as("every bar sent is delivered")
                .hasSize(150 + 150 + 150);
        assertEndsAtClose(r);
        // The completeness checks scheduled after noon still ran on the way to the close.
        assertThat(r.sessions()).allSatisfy(s -> {
            assertThat(s.symbols().get(AAA).confirmedMissing()).isEqualTo(240);
            assertThat(s.symbols().get(BBB).confirmedMissing()).isEqualTo(s.date().equals(MONDAY) ? 240 : 390);
        });
    }

    @Test
    void theSessionEndTimeoutIsMeasuredOnTheRealClockToo() {
        long t0 = System.nanoTime();
        Replay.Result r = withPublisher(TUESDAY, new ManualWallClock(), NOON, List.of()).wall(
                WallClock.system()).config(c -> c.sessionEndTimeout(Duration.ofMillis(300)))
                .run().completed();
        assertThat(r.sessions()).singleElement().extracting(SessionSummary::reason)
                .isEqualTo(SessionEndReason.TIMER_EXPIRED);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void drainedWithinAMinuteOfTheCloseEndsWithoutWaiting() {
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = withPublisher(TUESDAY, wall, OPEN, bbb(MONDAY, TUESDAY,
                b -> b.start().isBefore(at(MONDAY, 15, 59)))).run().completed();
        assertThat(r.sessions()).singleElement().extracting(SessionSummary::reason)
                .isEqualTo(SessionEndReason.END_OF_DATA);
        assertThat(wall.nanoTime()).as("no wait for the silent publisher at 15:59")
                .isLessThan(SessionConfig.defaults().sessionEndTimeout().toNanos());
        assertEndsAtClose(r);

        ManualWallClock wall2 = new ManualWallClock();
        Replay.Result early = withPublisher(TUESDAY, wall2, OPEN, bbb(MONDAY, TUESDAY,
                b -> b.start().isBefore(at(MONDAY, 15, 58)))).run().completed();
        assertThat(early.sessions()).singleElement().extracting(SessionSummary::reason)
                .as("15:58 is two minutes before the close").isEqualTo(SessionEndReason.TIMER_EXPIRED);
    }

    @Test
    void anInputHoldingDataBeyondTheSessionEndsItByTheClockAndKeepsThatDataForTheNext() {
        ManualWallClock wall = new ManualWallClock();
        List<Bar> twoSessions = bbb(MONDAY, TUESDAY.plusDays(1), b -> true);
        Replay.Result r = withPublisher(TUESDAY.plusDays(1), wall, CLOSE, twoSessions).run().completed();

        assertThat(r.sessions()).extracting(SessionSummary::reason)
                .containsExactly(SessionEndReason.CLOCK, SessionEndReason.END_OF_DATA);
        assertThat(r.log().bars(Interval.ONE_MINUTE).stream().filter(b -> b.symbol().equals(BBB)))
                .containsExactlyElementsOf(twoSessions);
        r.log().sessions().forEach((date, entries) -> assertThat(EventLog.bars(entries, Interval.ONE_MINUTE))
                .as("bars of %s in their session", date)
                .allMatch(b -> Sessions.dateOf(b).equals(date)));
        assertEndsAtClose(r);
    }

    @Test
    void aPublisherThatCompletedItsSessionEndsItAtOnceEvenWithTheNextSessionQueued() {
        ManualWallClock wall = new ManualWallClock();
        List<Bar> monday = bbb(MONDAY, TUESDAY, b -> true);
        List<Bar> tuesday = bbb(TUESDAY, TUESDAY.plusDays(1), b -> true);
        Replay.Result r = Replay.over(MONDAY, TUESDAY.plusDays(1)).symbols(List.of(BBB)).wall(wall)
                .setup(dm -> {
                    EventQueue q = dm.publisher("BBB feed", 1_000);
                    Batches.publish(q, monday, 50, MONDAY);
                    Batches.publish(q, tuesday, 50, TUESDAY);
                }).run().completed();
        assertThat(r.sessions()).extracting(SessionSummary::reason)
                .containsExactly(SessionEndReason.END_OF_DATA, SessionEndReason.END_OF_DATA);
        assertThat(r.log().bars(Interval.ONE_MINUTE)).hasSize(2 * 390);
    }

    @Test
    void aPublisherCompletingASessionAfterItEndedDoesNotBreakTheNextOne() {
        List<Bar> tuesday = bbb(TUESDAY, TUESDAY.plusDays(1), b -> true);
        AtomicReference<EventQueue> feed = new AtomicReference<>();
        Replay.Result r = Replay.over(MONDAY, TUESDAY.plusDays(1)).symbols(List.of(BBB)).wall(new ManualWallClock())
                .setup(dm -> feed.set(dm.publisher("late feed", 1_000)))
                .listener(new MarketDataListener() {
                    @Override
                    public void onSessionStart(TradingSession session) {
                        if (session.date().equals(TUESDAY)) {
                            Batches.publish(feed.get(), List.of(), 1, MONDAY);  // too late: Monday timed out
                            Batches.publish(feed.get(), tuesday, 50, TUESDAY);
                        }
                    }
                }).run().completed();
        assertThat(r.sessions()).extracting(SessionSummary::reason)
                .containsExactly(SessionEndReason.TIMER_EXPIRED, SessionEndReason.END_OF_DATA);
        assertThat(r.log().bars(Interval.ONE_MINUTE)).containsExactlyElementsOf(tuesday);
    }

    @Test
    void aSessionThatCannotBeLoadedFailsTheRunWithinTheRefillTimeout() {
        HookedStore store = new HookedStore(Stores.bars(List.of(AAA), MONDAY, TUESDAY.plusDays(1)));
        TradingSession tuesday = Sessions.of(TUESDAY);
        store.onRead(read -> {
            if (read.range().start().equals(tuesday.open())) {
                throw new StorageException("disk on fire");
            }
        });
        long t0 = System.nanoTime();
        Replay.Result r = Replay.over(MONDAY, TUESDAY.plusDays(1)).symbols(List.of(AAA)).store(store)
                .wall(new ManualWallClock())
                .retry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(40)))
                .config(c -> c.refillTimeout(Duration.ofMillis(500))).run();

        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.run().outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.run().failure()).isInstanceOf(io.sessionflow.api.SessionLoadException.class)
                .hasMessageContaining("2025-11-25").hasRootCauseMessage("disk on fire");
        assertThat(r.sessions()).as("the first session completed").hasSize(1);
        io.sessionflow.api.Diagnostics upkeep = r.dm().diagnostics();
        assertThat(upkeep.storageRetries()).isEqualTo(2);
        assertThat(upkeep.storageIssues()).hasSize(3).allMatch(s -> s.contains("2025-11-25"));
        assertThat(upkeep.upkeepFailure()).get().extracting(Throwable::getMessage).asString()
                .contains("giving up loading session 2025-11-25 after 3 attempts");
    }

    @Test
    void aSessionWhoseLoadHangsFailsTheRunAtTheRefillTimeout() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        TradingSession tuesday = Sessions.of(TUESDAY);
        HookedStore store = new HookedStore(Stores.bars(List.of(AAA), MONDAY, TUESDAY.plusDays(1))).onRead(read -> {
            if (read.range().start().equals(tuesday.open())) {
                try {
                    release.await(10, TimeUnit.SECONDS);  // storage hangs
                } catch (InterruptedException e) {
                    throw new StorageException("read interrupted", e);
                }
            }
        });
        try {
            Replay.Result r = Replay.over(MONDAY, TUESDAY.plusDays(1)).symbols(List.of(AAA)).store(store)
                    .config(c -> c.refillTimeout(Duration.ofMillis(300))).run();
            assertThat(r.run().outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(r.run().failure()).isInstanceOf(io.sessionflow.api.SessionLoadException.class).hasMessage(
                    "the data of session 2025-11-25 was not loaded within 300 ms (refill-timeout); storage may be down "
                            + "or slow");
            assertThat(r.sessions()).hasSize(1);
        } finally {
            release.countDown();
        }
    }

    @Test
    void withoutTheUpkeepThreadAStorageFailureFailsTheRunAtOnce() {
        InMemoryStore store = Stores.bars(List.of(AAA), MONDAY, TUESDAY);
        store.failNextReads(1, new StorageException("connection refused"));
        Replay.Result r = Replay.over(MONDAY, TUESDAY).symbols(List.of(AAA)).store(store).upkeep(false)
                .streams(StreamType.BARS).run();
        assertThat(r.run().outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(r.run().failure()).isInstanceOf(io.sessionflow.api.SessionLoadException.class)
                .hasCauseInstanceOf(StorageException.class).hasRootCauseMessage("connection refused");
    }
}
