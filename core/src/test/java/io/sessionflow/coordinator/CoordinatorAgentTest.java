package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionLoadException;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Sessions;
import io.sessionflow.time.TimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The coordinator driven by {@code doWork()} on the test's thread with a manual wall clock: the merge under input
 * watermarks, idleness, pause, stop, pacing and the split protocol's deadlines and failures, without any thread.
 */
class CoordinatorAgentTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Sessions.of(MONDAY);

    private final ManualWallClock wall = new ManualWallClock();
    private final List<String> delivered = new ArrayList<>();
    private SystemManager system;

    /** Answers each request with {@code answer}, at once; null answers never come. */
    private static final class ScriptedSource implements SessionSource {
        private final Function<SessionRequest, SourceAnswer> answer;
        private final ArrayDeque<SourceAnswer> answers = new ArrayDeque<>();
        final List<SessionRequest> requests = new ArrayList<>();

        ScriptedSource(Function<SessionRequest, SourceAnswer> answer) {
            this.answer = answer;
        }

        @Override
        public void request(SessionRequest request) {
            requests.add(request);
            SourceAnswer a = answer.apply(request);
            if (a != null) {
                answers.add(a);
            }
        }

        @Override
        public SourceAnswer poll() {
            return answers.poll();
        }
    }

    private StreamCoordinator coordinator(SessionConfig config, SessionSource source) {
        TimeProvider time = TimeProvider.backtest(SESSION.open());
        system = new SystemManager(OperationMode.BACKTEST);
        StreamCoordinator c = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(new SessionData(config, time)).wallClock(wall).calendar(Calendars.xnys())
                .backtestSessions(List.of(SESSION)).source(source).signal(new WakeSignal(wall)).build();
        c.register(List.of(AAA), StreamType.BARS);
        c.register(List.of(BBB), StreamType.BARS);
        c.subscribe(new MarketDataListener() {
            @Override
            public void onSessionStart(TradingSession session) {
                delivered.add("start " + session.date());
            }

            @Override
            public void onBar(Bar bar) {
                delivered.add(bar.symbol() + " " + bar.start());
            }

            @Override
            public void onSessionEnd(SessionEnd end) {
                delivered.add("end " + end.reason().code());
            }
        });
        system.start();
        return c;
    }

    private StreamCoordinator coordinator() {
        return coordinator(SessionConfig.defaults(), new ScriptedSource(SessionSplit::empty));
    }

    /** Calls doWork until it reports no work (the agent would idle now) or is done. */
    private static void drain(StreamCoordinator c) {
        for (int i = 0; i < 1_000 && !c.isDone(); i++) {
            if (c.doWork() == 0) {
                return;
            }
        }
    }

    private static EventBatch bars(Symbol symbol, int... minutes) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        for (int m : minutes) {
            Instant start = SESSION.open().plus(Duration.ofMinutes(m));
            b.add(new Bar(symbol, start, Interval.ONE_MINUTE, 10, 11, 9, 10, 100, Bar.NO_TRADE_COUNT, Double.NaN, 0));
        }
        return EventBatch.bars(b.build());
    }

    private static String bar(Symbol s, int minute) {
        return s + " " + SESSION.open().plus(Duration.ofMinutes(minute));
    }

    @Test
    void theMergeWaitsForAnInputWhoseWatermarkHasNotPassedTheNextEvent() throws InterruptedException {
        StreamCoordinator c = coordinator();
        EventQueue a = c.newInput("a", 8, Duration.ofSeconds(60));
        EventQueue b = c.newInput("b", 8, Duration.ofSeconds(60));
        a.put(bars(AAA, 0, 1));
        drain(c);
        assertThat(delivered).as("b may still send something at 09:31").containsExactly("start " + MONDAY);

        b.put(bars(BBB, 0));
        drain(c);
        assertThat(delivered).as("both 09:31 bars, by symbol; AAA 09:31 waits for b's watermark")
                .containsExactly("start " + MONDAY, bar(AAA, 0), bar(BBB, 0));

        b.advanceWatermark(SESSION.open().plus(Duration.ofMinutes(3)));
        drain(c);
        assertThat(delivered).endsWith(bar(AAA, 1));

        a.complete(MONDAY);
        b.complete(MONDAY);
        drain(c);
        assertThat(delivered).last().isEqualTo("end end_of_data");
        assertThat(c.result().outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(wall.nanoTime()).as("no wall time passed: nothing timed out").isZero();
    }

    @Test
    void anInputThatSentPartOfAnInstantHoldsBackWhatGoesAfterItsLastEventThere() throws InterruptedException {
        StreamCoordinator c = coordinator();
        Symbol ccc = Symbol.of("CCC");
        c.register(List.of(ccc), StreamType.BARS);
        EventQueue a = c.newInput("a", 8, Duration.ofSeconds(60));
        EventQueue b = c.newInput("b", 8, Duration.ofSeconds(60));
        a.put(bars(AAA, 0));
        b.put(bars(ccc, 0));
        drain(c);
        assertThat(delivered).as("a may still send a 09:31 bar of a symbol between AAA and CCC")
                .containsExactly("start " + MONDAY, bar(AAA, 0));

        a.put(bars(BBB, 0));  // the same instant, in a batch of its own (as a bar and a quote of one instant come)
        a.advanceWatermark(SESSION.open().plus(Duration.ofMinutes(2)));
        drain(c);
        assertThat(delivered).containsExactly("start " + MONDAY, bar(AAA, 0), bar(BBB, 0), bar(ccc, 0));
    }

    @Test
    void anInputDeclaredIdleIsNotWaitedFor() throws InterruptedException {
        StreamCoordinator c = coordinator();
        EventQueue a = c.newInput("a", 8, Duration.ofSeconds(60));
        EventQueue b = c.newInput("b", 8, Duration.ofSeconds(60));
        a.put(bars(AAA, 0));
        drain(c);
        assertThat(delivered).doesNotContain(bar(AAA, 0));
        b.markIdle();
        drain(c);
        assertThat(delivered).contains(bar(AAA, 0));
    }

    @Test
    void aSilentInputIsGivenUpAtItsIdleTimeoutOnTheWallClock() {
        StreamCoordinator c = coordinator();
        c.newInput("silent", 8, Duration.ofSeconds(5));
        drain(c);
        assertThat(c.isDone()).isFalse();
        assertThat(c.wakeAtNanos()).as("the idle deadline").isEqualTo(Duration.ofSeconds(5).toNanos());
        wall.advanceNanos(Duration.ofSeconds(5).toNanos() - 1);
        drain(c);
        assertThat(c.isDone()).as("one nanosecond early").isFalse();
        wall.advanceNanos(1);
        drain(c);
        assertThat(delivered).last().isEqualTo("end timer_expired");
        assertThat(c.timerExpired()).isTrue();
    }

    @Test
    void pauseHoldsEverythingBackAndStopWhilePausedIsAStopNotAFailure() throws InterruptedException {
        StreamCoordinator c = coordinator();
        EventQueue a = c.newInput("a", 8, Duration.ofSeconds(5));
        drain(c);
        system.pause();
        a.put(bars(AAA, 0, 1));
        a.complete(MONDAY);
        wall.advanceNanos(Duration.ofHours(1).toNanos());
        drain(c);
        assertThat(delivered).as("nothing while paused, and the idle timer froze").containsExactly("start " + MONDAY);
        system.resume();
        c.doWork();
        assertThat(delivered).contains(bar(AAA, 0), bar(AAA, 1));

        StreamCoordinator paused = coordinator();
        paused.newInput("open", 8, Duration.ofSeconds(5));
        drain(paused);
        assertThat(paused.isDone()).as("waiting for the open input").isFalse();
        system.pause();
        paused.requestStop();
        paused.doWork();
        assertThat(paused.result().outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(paused.result().failure()).isNull();
    }

    @Test
    void atSpeedSixtyAnEventIsDueAtItsSimulatedTimeOverSixtyOfWallTime() throws InterruptedException {
        StreamCoordinator c = coordinator(SessionConfig.builder().backtestSpeed(60).build(),
                new ScriptedSource(SessionSplit::empty));
        EventQueue a = c.newInput("a", 8, Duration.ofSeconds(600));
        a.put(bars(AAA, 0, 1));
        a.complete(MONDAY);
        drain(c);
        assertThat(delivered).containsExactly("start " + MONDAY);
        assertThat(c.wakeAtNanos()).as("09:31 is due one wall second after 09:30").isEqualTo(1_000_000_000L);
        wall.advanceNanos(1_000_000_000L);
        drain(c);
        assertThat(delivered).containsExactly("start " + MONDAY, bar(AAA, 0));
        assertThat(c.wakeAtNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aSplitThatNeverComesFailsTheRunAtTheRefillTimeoutOfTheWallClock() {
        StreamCoordinator c = coordinator(SessionConfig.builder().refillTimeout(Duration.ofSeconds(30)).build(),
                new ScriptedSource(r -> null));
        drain(c);
        assertThat(c.isDone()).isFalse();
        wall.advanceNanos(Duration.ofSeconds(30).toNanos());
        drain(c);
        assertThat(c.result().outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(c.result().failure()).isInstanceOf(SessionLoadException.class).hasMessage(
                "the data of session 2025-11-24 was not loaded within 30 s (refill-timeout); storage may be down or slow");
    }

    @Test
    void aFailedSplitFailsTheRunAtOnceWithItsCause() {
        StreamCoordinator c = coordinator(SessionConfig.defaults(),
                new ScriptedSource(r -> new SplitFailure(r, new IllegalStateException("disk on fire"))));
        drain(c);
        assertThat(c.result().outcome()).isEqualTo(RunResult.Outcome.FAILED);
        assertThat(c.result().failure()).isInstanceOf(SessionLoadException.class)
                .hasMessageContaining("2025-11-24").hasRootCauseMessage("disk on fire");
        assertThat(wall.nanoTime()).isZero();
    }

    @Test
    void theRequestNamesTheRegisteredStreams() {
        ScriptedSource source = new ScriptedSource(SessionSplit::empty);
        StreamCoordinator c = coordinator(SessionConfig.defaults(), source);
        c.register(List.of(AAA), StreamType.QUOTES);
        drain(c);
        assertThat(source.requests).singleElement().satisfies(r -> {
            assertThat(r.session()).isEqualTo(SESSION);
            assertThat(r.bars()).containsExactly(AAA, BBB);
            assertThat(r.quotes()).containsExactly(AAA);
            assertThat(r.trades()).isEmpty();
        });
    }
}
