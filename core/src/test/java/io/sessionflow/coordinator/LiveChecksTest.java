package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.storage.StorageException;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.time.TimeProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Review C5: a live check whose answer failed, or whose repairs could not be put into the check input, loses
 * nothing: the next check asks for the same minutes again. Minutes count as looked up only once SessionData holds
 * them (or they were confirmed missing).
 */
class LiveChecksTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(DAY).orElseThrow();
    private static final long OPEN = Micros.of(SESSION.open());
    private static final long MINUTE = Micros.PER_MINUTE;

    /** A source that records the check requests and answers what the test hands it. */
    private static final class FakeSource implements SessionSource {
        final List<CheckRequest> checks = new ArrayList<>();
        final ArrayDeque<SourceAnswer> answers = new ArrayDeque<>();

        @Override
        public void request(SessionRequest request) {
            throw new AssertionError("no session request expected");
        }

        @Override
        public boolean checksCompleteness() {
            return true;
        }

        @Override
        public void requestCheck(CheckRequest request) {
            checks.add(request);
        }

        @Override
        public SourceAnswer poll() {
            return answers.poll();
        }

        CheckRequest last() {
            return checks.get(checks.size() - 1);
        }
    }

    private static BitSet minutes(int fromInclusive, int toExclusive) {
        BitSet b = new BitSet();
        b.set(fromInclusive, toExclusive);
        return b;
    }

    @Test
    void minutesOfAFailedOrUnappliedAnswerAreAskedForAgain() throws Exception {
        SessionConfig config = SessionConfig.defaults();
        SessionData data = new SessionData(config, TimeProvider.backtest(SESSION.open()));
        SessionDataWriter writer = data.claimWriter();
        StreamRegistry registry = new StreamRegistry(data);
        registry.register(List.of(AAA), StreamType.BARS);
        EventDispatcher dispatch = new EventDispatcher(writer, registry, new Interval[0]);
        writer.beginSession(SESSION, Map.of());
        dispatch.beginSession(OPEN, Micros.of(SESSION.close()));
        LiveChecks live = new LiveChecks(config, registry, dispatch, LiveChecks.GRACE_MICROS);
        FakeSource source = new FakeSource();
        EventQueue checks = new EventQueue("completeness checks", 1, new WakeSignal(new ManualWallClock()),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        long every = config.upkeepCheckInterval().toNanos() / 1_000;

        // The session started 10 minutes in, with no bar held: the first check asks for minutes 0-9.
        long now = OPEN + 10 * MINUTE;
        live.beginSession(SESSION, now);
        now += every;
        live.poll(source, checks, now, SESSION);
        assertThat(source.checks).hasSize(1);
        CheckRequest first = source.last();
        BitSet asked = first.minutes(AAA);
        assertThat(asked).isEqualTo(minutes(0, (int) ((now - LiveChecks.GRACE_MICROS - OPEN) / MINUTE)));

        // Its answer failed: the next check asks for the same minutes again (and those that ended since).
        source.answers.add(new CheckAnswer(first, null, new StorageException("storage down")));
        live.poll(source, checks, now, SESSION);
        now += every;
        live.poll(source, checks, now, SESSION);
        assertThat(source.checks).hasSize(2);
        CheckRequest second = source.last();
        BitSet again = second.minutes(AAA);
        BitSet lost = (BitSet) asked.clone();
        lost.andNot(again);
        assertThat(lost.isEmpty()).as("minutes of the failed check not asked for again" + ": " + lost).isTrue();

        // Its answer came, but the check input was full, so the repairs were never delivered: asked for again.
        BarSeries session = Bars.session(List.of(AAA), DAY, DAY.plusDays(1));
        List<Bar> repairs = new ArrayList<>();
        for (int m = again.nextSetBit(0); m >= 0; m = again.nextSetBit(m + 1)) {
            repairs.add(session.get(m).withFlags(Bar.FILLED));
        }
        CheckBatch answer = CheckBatch.builder().add(second.nowMicros(), AAA, repairs, new long[0]).build();
        assertThat(checks.offer(CheckBatch.builder().build(), 0, TimeUnit.NANOSECONDS)).isTrue();  // full now
        source.answers.add(new CheckAnswer(second, answer, null));
        live.poll(source, checks, now, SESSION);
        now += every;
        live.poll(source, checks, now, SESSION);
        assertThat(source.checks).hasSize(3);
        BitSet third = source.last().minutes(AAA);
        lost = (BitSet) again.clone();
        lost.andNot(third);
        assertThat(lost.isEmpty()).as("minutes of the unapplied check not asked for again" + ": " + lost).isTrue();

        // Control: once SessionData holds a minute, it is no longer asked for.
        source.answers.add(new CheckAnswer(source.last(), CheckBatch.builder().build(), null));
        live.poll(source, checks, now, SESSION);
        for (int m = 0; m < 5; m++) {
            writer.applyBar(registry.channels()[0].data, session.startMicros(m), session.open(m), session.high(m),
                    session.low(m), session.close(m), session.volume(m), session.tradeCount(m), session.vwap(m), 0);
        }
        now += every;
        live.poll(source, checks, now, SESSION);
        assertThat(source.checks).hasSize(4);
        BitSet fourth = source.last().minutes(AAA);
        assertThat(fourth.get(0, 5).isEmpty()).as("held minutes are not looked up").isTrue();
        assertThat(fourth.nextSetBit(0)).isEqualTo(5);
    }

    @Test
    void noPeriodicCheckRunsPastTheCloseWhereItsRowsWouldWaitForTheNextSession() {
        SessionConfig config = SessionConfig.defaults();
        SessionData data = new SessionData(config, TimeProvider.backtest(SESSION.open()));
        SessionDataWriter writer = data.claimWriter();
        StreamRegistry registry = new StreamRegistry(data);
        registry.register(List.of(AAA), StreamType.BARS);
        EventDispatcher dispatch = new EventDispatcher(writer, registry, new Interval[0]);
        writer.beginSession(SESSION, Map.of());
        long close = Micros.of(SESSION.close());
        dispatch.beginSession(OPEN, close);
        LiveChecks live = new LiveChecks(config, registry, dispatch, LiveChecks.GRACE_MICROS);
        FakeSource source = new FakeSource();
        EventQueue checks = new EventQueue("completeness checks", 1, new WakeSignal(new ManualWallClock()),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        long every = config.upkeepCheckInterval().toNanos() / 1_000;
        live.beginSession(SESSION, close - every);
        live.poll(source, checks, close, SESSION);
        assertThat(source.checks).as("the clock is past the close: only the last check asks").isEmpty();
        live.requestLast(source, SESSION, close);
        assertThat(source.checks).hasSize(1);
        assertThat(source.last().last()).isTrue();
        assertThat(source.last().minutes(AAA)).isEqualTo(minutes(0, SESSION.minutes()));
    }
}
