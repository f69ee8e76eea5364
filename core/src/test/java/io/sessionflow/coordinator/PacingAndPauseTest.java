package io.sessionflow.coordinator;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.MarketDataListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.SystemState;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.Listeners;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import io.sessionflow.testing.Threads;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Backtest speed, pause and stop, measured on a {@link ManualWallClock}: its sleeps return at once and add up, so
 * pacing is checked exactly without waiting for it.
 */
class PacingAndPauseTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"));
    private static final LocalDate WEDNESDAY = LocalDate.of(2025, 11, 26);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 11, 28);  // early close, after Thanksgiving
    private static final long NANOS_PER_MICRO = 1_000;

    /** Wall nanos and simulated time at an event, read on the coordinator thread. */
    record Tick(long wallNanos, Instant simulated) {
    }

    /** Records a {@link Tick} at every bar and quote. */
    static final class TickRecorder implements MarketDataListener {
        final List<Tick> ticks = new ArrayList<>();
        private final ManualWallClock wall;
        private final DataManager dm;

        /** Wall time at the first session's start: pacing is anchored there (loading it took wall time). */
        long firstStartWall = -1;

        TickRecorder(ManualWallClock wall, DataManager dm) {
            this.wall = wall;
            this.dm = dm;
        }

        @Override
        public void onSessionStart(TradingSession session) {
            if (firstStartWall < 0) {
                firstStartWall = wall.nanoTime();
            }
        }

        @Override
        public void onBar(Bar bar) {
            ticks.add(new Tick(wall.nanoTime(), dm.now()));
        }

        @Override
        public void onQuote(Quote quote) {
            ticks.add(new Tick(wall.nanoTime(), dm.now()));
        }
    }

    private static Replay replay(LocalDate from, LocalDate to, ManualWallClock wall, double speed) {
        return Replay.over(from, to).symbols(SYMBOLS).streams(StreamType.BARS, StreamType.QUOTES)
                .store(Stores.market(SYMBOLS, from, to, Stores.gaps(40), 45, 60)).wall(wall)
                .config(c -> c.backtestSpeed(speed));
    }

    private static long span(List<TradingSession> sessions) {
        return sessions.stream().mapToLong(s -> Micros.of(s.close()) - Micros.of(s.open())).sum();
    }

    @Test
    void atSpeedSixtyTheSleepsAddUpToTheSimulatedSpanOverSixty() {
        ManualWallClock wall = new ManualWallClock();
        AtomicReference<TickRecorder> recorder = new AtomicReference<>();
        Replay.Result r = replay(WEDNESDAY, FRIDAY.plusDays(1), wall, 60)
                .listener(dm -> into(recorder, new TickRecorder(wall, dm))).run().completed();

        List<TradingSession> sessions = r.log().of(TradingSession.class);
        assertThat(sessions).hasSize(2);
        // Paced waits are idle waits of the coordinator until each event is due; waits for the upkeep thread add
        // a few slices at most.
        assertThat(span(sessions) * NANOS_PER_MICRO / 60).isEqualTo(Duration.ofSeconds(390 + 210).toNanos());
        assertThat(wall.nanoTime()).isBetween(Duration.ofSeconds(390 + 210).toNanos(),
                Duration.ofSeconds(390 + 210 + 5).toNanos());
        // Each event of the first session was due (its time since the open) / 60 after the session began.
        TradingSession first = sessions.get(0);
        for (Tick t : recorder.get().ticks) {
            if (t.simulated().isAfter(first.close())) {
                break;
            }
            long sinceOpen = Micros.of(t.simulated()) - Micros.of(first.open());
            assertThat(t.wallNanos() - recorder.get().firstStartWall).isEqualTo(sinceOpen * NANOS_PER_MICRO / 60);
        }
    }

    @Test
    void atSpeedZeroNothingSleeps() {
        ManualWallClock wall = new ManualWallClock();
        replay(WEDNESDAY, FRIDAY.plusDays(1), wall, 0).run().completed();
        assertThat(wall.sleptNanos()).isZero();
        assertThat(wall.nanoTime()).as("no timer ran out (idle waits for the upkeep only)")
                .isLessThan(SessionConfig.defaults().sessionEndTimeout().toNanos());
    }

    @Test
    void pauseFreezesSimulatedTimeAndResumeContinuesWithoutAJump() throws InterruptedException {
        ManualWallClock wall = new ManualWallClock();
        TradingSession session = Sessions.of(WEDNESDAY);
        Instant pauseAt = session.open().plus(Duration.ofMinutes(30));
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<TickRecorder> recorder = new AtomicReference<>();
        AtomicReference<PauseWatch> watch = new AtomicReference<>();
        Replay.Started run = replay(WEDNESDAY, WEDNESDAY.plusDays(1), wall, 60)
                .listener(dm -> into(recorder, new TickRecorder(wall, dm)))
                .listener(dm -> into(watch, new PauseWatch(dm)))
                .listener(dm -> Listeners.onceAt(pauseAt, () -> {
                    dm.pause();
                    paused.countDown();
                })).build();

        Replay.Result r;
        try (DataManager dm = run.dm()) {
            dm.start();
            assertThat(paused.await(10, TimeUnit.SECONDS)).as("paused").isTrue();
            Instant frozen = dm.now();
            assertThat(frozen).isEqualTo(pauseAt);
            wall.advanceNanos(TimeUnit.HOURS.toNanos(5));
            assertThat(watch.get().deliveredWhilePaused.await(200, TimeUnit.MILLISECONDS)).as("an event while paused")
                    .isFalse();
            assertThat(dm.now()).as("simulated time is frozen while paused").isEqualTo(frozen);
            long resumedAt = wall.nanoTime();
            dm.resume();
            r = new Replay.Result(dm, Replay.awaitOrNull(dm), run.log()).completed();

            // After the resume, pacing is measured from the instant the coordinator resumed (an idle slice after the
            // test's resume at most): no catching up the 5 paused hours.
            Tick first = recorder.get().ticks.stream().filter(t -> t.simulated().isAfter(frozen)).findFirst()
                    .orElseThrow();
            long firstSince = Micros.of(first.simulated()) - Micros.of(frozen);
            long anchor = first.wallNanos() - firstSince * NANOS_PER_MICRO / 60;
            assertThat(anchor - resumedAt).as("resumed within an idle slice").isBetween(0L, 200_000_000L);
            for (Tick t : recorder.get().ticks) {
                if (t.simulated().isAfter(frozen)) {
                    long since = Micros.of(t.simulated()) - Micros.of(frozen);
                    assertThat(t.wallNanos() - anchor).isEqualTo(since * NANOS_PER_MICRO / 60);
                }
            }
        }
        assertThat(r.log().entries().stream().filter(e -> e.event() instanceof Bar b && b.end().equals(pauseAt)))
                .as("the bars of the pausing instant were delivered once").hasSize(SYMBOLS.size());
    }

    /** Hands {@code listener} to the test thread through {@code ref} and returns it, for listener factories. */
    private static <T extends MarketDataListener> T into(AtomicReference<T> ref, T listener) {
        ref.set(listener);
        return listener;
    }

    /** Records whether any event reaches a listener while the system is paused. */
    static final class PauseWatch implements MarketDataListener {
        final CountDownLatch deliveredWhilePaused = new CountDownLatch(1);
        private final DataManager dm;

        PauseWatch(DataManager dm) {
            this.dm = dm;
        }

        private void seen() {
            if (dm.state() == SystemState.PAUSED) {
                deliveredWhilePaused.countDown();
            }
        }

        @Override
        public void onSessionStart(TradingSession session) {
            seen();
        }

        @Override
        public void onBar(Bar bar) {
            seen();
        }

        @Override
        public void onDerivedBar(Bar bar) {
            seen();
        }

        @Override
        public void onQuote(Quote quote) {
            seen();
        }

        @Override
        public void onSessionEnd(SessionEnd end) {
            seen();
        }
    }

    @Test
    void aPauseAtASessionEndHoldsBackTheNextSessionStart() throws InterruptedException {
        CountDownLatch paused = new CountDownLatch(1);
        AtomicReference<PauseWatch> watch = new AtomicReference<>();
        Replay.Started run = replay(WEDNESDAY, FRIDAY.plusDays(1), new ManualWallClock(), 0)
                .listener(dm -> into(watch, new PauseWatch(dm)))
                .listener(dm -> new MarketDataListener() {
                    @Override
                    public void onSessionEnd(SessionEnd end) {
                        if (end.date().equals(WEDNESDAY)) {
                            dm.pause();
                            paused.countDown();
                        }
                    }
                }).build();
        try (DataManager dm = run.dm()) {
            dm.start();
            assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(watch.get().deliveredWhilePaused.await(300, TimeUnit.MILLISECONDS))
                    .as("an event (the next session start) while paused").isFalse();
            assertThat(dm.currentSession().orElseThrow().date()).isEqualTo(WEDNESDAY);
            dm.resume();
            assertThat(Replay.awaitOrNull(dm).outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        assertThat(run.log().of(TradingSession.class)).hasSize(2);
    }

    @Test
    void aPauseWhileWaitingForASilentInputStopsTheSessionEndTimerToo() throws InterruptedException {
        CountDownLatch drained = new CountDownLatch(1);
        AtomicReference<PauseWatch> watch = new AtomicReference<>();
        Instant noon = Sessions.at(WEDNESDAY, 12, 0);
        List<Bar> morning = Bars.session(SYMBOLS, WEDNESDAY, WEDNESDAY.plusDays(1)).sortedByStartThenSymbol().stream()
                .filter(b -> !b.end().isAfter(noon)).toList();
        Replay.Started run = Replay.over(WEDNESDAY, WEDNESDAY.plusDays(1)).symbols(SYMBOLS)
                .config(c -> c.sessionEndTimeout(Duration.ofMillis(500)))
                // A feed that sends the morning, then falls silent without completing the session.
                .setup(dm -> Batches.publish(dm.publisher("feed", 1_000), morning, 100, null))
                .listener(dm -> into(watch, new PauseWatch(dm)))
                .listener(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        if (bar.end().equals(noon)) {
                            drained.countDown();
                        }
                    }
                }).build();
        try (DataManager dm = run.dm()) {
            dm.start();
            assertThat(drained.await(10, TimeUnit.SECONDS)).isTrue();
            dm.pause();  // the coordinator is about to wait, or waits, for the silent feed
            assertThat(watch.get().deliveredWhilePaused.await(1_500, TimeUnit.MILLISECONDS))
                    .as("the session ended by its timer while paused").isFalse();
            assertThat(dm.now()).isEqualTo(noon);
            dm.resume();
            RunResult r = Replay.awaitOrNull(dm);
            assertThat(r.sessions()).singleElement().extracting(SessionSummary::reason)
                    .isEqualTo(SessionEndReason.TIMER_EXPIRED);
        }
    }

    @Test
    void stopDuringAPacedRunReturnsPromptlyAndLeavesNoThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        Set<Thread> before = Threads.sessionflow();
        Replay.Started run = Replay.over(WEDNESDAY, FRIDAY.plusDays(1)).symbols(SYMBOLS)
                .store(Stores.bars(SYMBOLS, WEDNESDAY, FRIDAY.plusDays(1)))
                .config(c -> c.backtestSpeed(1))  // real time on the real clock: hours
                .listener(new MarketDataListener() {
                    @Override
                    public void onSessionStart(TradingSession session) {
                        running.countDown();  // the first bar is a real minute away
                    }
                }).build();
        DataManager dm = run.dm();
        dm.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        Set<Thread> started = new HashSet<>(Threads.sessionflow());
        started.removeAll(before);
        assertThat(started).extracting(Thread::getName).contains("sessionflow-coordinator");

        long t0 = System.nanoTime();
        dm.stop();
        long took = System.nanoTime() - t0;

        assertThat(Duration.ofNanos(took)).isLessThan(Duration.ofSeconds(2));
        assertThat(started).noneMatch(Thread::isAlive);
        RunResult result = Replay.awaitOrNull(dm);
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(result.sessions()).isEmpty();
    }

    @Test
    void aListenerMayStopTheRunFromTheCoordinatorThread() {
        AtomicInteger after = new AtomicInteger();
        Set<Thread> before = Threads.sessionflow();
        Replay.Result r = replay(WEDNESDAY, FRIDAY.plusDays(1), new ManualWallClock(), 0)
                .listener(dm -> new MarketDataListener() {
                    private boolean stopped;

                    @Override
                    public void onBar(Bar bar) {
                        if (stopped) {
                            after.incrementAndGet();
                        } else if (bar.start().equals(Instant.parse("2025-11-26T15:00:00Z"))) {
                            stopped = true;
                            dm.stop();
                        }
                    }
                }).run();
        assertThat(r.run().outcome()).as("%s", r.run().failure()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(after.get()).as("bars after the stop: at most the rest of that instant").isLessThanOrEqualTo(1);
        Set<Thread> left = new HashSet<>(Threads.sessionflow());
        left.removeAll(before);
        assertThat(left).isEmpty();
    }
}
