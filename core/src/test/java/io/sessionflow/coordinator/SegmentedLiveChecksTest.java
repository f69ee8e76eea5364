package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.session.SessionDataWriter;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.time.TimeProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live completeness checks on segmented sessions ask for expected minutes only: never a halt, nor a sparse part. */
class SegmentedLiveChecksTest {

    private static final Symbol ES = Symbol.of("ES");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);

    private static Instant at(LocalDate d, int h, int m) {
        return ZonedDateTime.of(d, LocalTime.of(h, m), CHICAGO).toInstant();
    }

    /** 17:00 CT the evening before to 17:00 CT, a pre-market hour, the 15:15-15:30 halt, trading to 16:15. */
    private static final TradingSession SESSION = new TradingSession(DAY, at(DAY.minusDays(1), 17, 0),
            at(DAY, 17, 0), CHICAGO, false, List.of(
                    new SessionSegment(Kind.PREMARKET, at(DAY.minusDays(1), 17, 0), at(DAY.minusDays(1), 18, 0)),
                    new SessionSegment(Kind.MARKET, at(DAY.minusDays(1), 18, 0), at(DAY, 15, 15)),
                    new SessionSegment(Kind.MARKET, at(DAY, 15, 30), at(DAY, 16, 15))));

    private static final class FakeSource implements SessionSource {
        final List<CheckRequest> checks = new ArrayList<>();

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
            return null;
        }
    }

    private static BitSet lastCheck(SessionConfig config) {
        SessionData data = new SessionData(config, TimeProvider.backtest(SESSION.open()));
        SessionDataWriter writer = data.claimWriter();
        StreamRegistry registry = new StreamRegistry(data);
        registry.register(List.of(ES), StreamType.BARS);
        EventDispatcher dispatch = new EventDispatcher(writer, registry, new Interval[0]);
        writer.beginSession(SESSION, Map.of());
        long close = Micros.of(SessionMinutes.tradingClose(SESSION));
        dispatch.beginSession(Micros.of(SESSION.open()), close);
        LiveChecks live = new LiveChecks(config, registry, dispatch, LiveChecks.GRACE_MICROS);
        FakeSource source = new FakeSource();
        live.beginSession(SESSION, Micros.of(SESSION.open()));
        // A periodic check half-way: only market minutes that have ended.
        EventQueue checks = new EventQueue("completeness checks", 4, new WakeSignal(new ManualWallClock()),
                Duration.ofSeconds(60), Duration.ofSeconds(60));
        live.poll(source, checks, Micros.of(at(DAY, 15, 25)), SESSION);
        assertThat(source.checks).hasSize(1);
        BitSet periodic = source.checks.get(0).minutes(ES);
        assertThat(periodic.get(1335, 1440).isEmpty()).as("nothing of the halt is asked for").isTrue();
        live.requestLast(source, SESSION, close);
        return source.checks.get(source.checks.size() - 1).minutes(ES);
    }

    @Test
    void theLastCheckAsksForTheMarketMinutesOnlyByDefault() {
        BitSet asked = lastCheck(SessionConfig.defaults());
        BitSet expected = new BitSet();
        expected.set(60, 1335);     // 18:00 to 15:15 CT
        expected.set(1350, 1395);   // 15:30 to 16:15 CT
        assertThat(asked).isEqualTo(expected);
    }

    @Test
    void theLastCheckAsksForThePreMarketWhenQualitySegmentsNameIt() {
        BitSet asked = lastCheck(SessionConfig.builder().qualitySegments(EnumSet.of(Kind.PREMARKET, Kind.MARKET))
                .build());
        BitSet expected = new BitSet();
        expected.set(0, 1335);
        expected.set(1350, 1395);
        assertThat(asked).isEqualTo(expected);
    }
}
