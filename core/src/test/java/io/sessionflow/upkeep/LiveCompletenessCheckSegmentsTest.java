package io.sessionflow.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckRequest;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A live check answers expected minutes only, whoever asks: never a halt, nor a segment outside quality. */
class LiveCompletenessCheckSegmentsTest {

    private static final Symbol ES = Symbol.of("ES");
    private static final Instant OPEN = Instant.parse("2025-11-24T23:00:00Z");
    /** 60 pre-market minutes, 60 market minutes, a 15-minute halt, 45 market minutes. */
    private static final TradingSession SESSION = new TradingSession(java.time.LocalDate.of(2025, 11, 25), OPEN,
            OPEN.plusSeconds(180 * 60), java.time.ZoneOffset.UTC, false, List.of(
                    new SessionSegment(Kind.PREMARKET, OPEN, OPEN.plusSeconds(60 * 60)),
                    new SessionSegment(Kind.MARKET, OPEN.plusSeconds(60 * 60), OPEN.plusSeconds(120 * 60)),
                    new SessionSegment(Kind.MARKET, OPEN.plusSeconds(135 * 60), OPEN.plusSeconds(180 * 60))));

    private static CheckRequest asking(int... minutes) {
        BitSet b = new BitSet();
        for (int m : minutes) {
            b.set(m);
        }
        return new CheckRequest(SESSION, Micros.of(SESSION.close()), true, Map.of(ES, b), Map.of());
    }

    @Test
    void haltAndPreMarketMinutesAreNeverAnswered() {
        InMemoryStore store = new InMemoryStore();
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        for (int m : new int[] {10, 125}) {  // storage even has a pre-market and a halt minute
            b.add(ES, Micros.of(OPEN) + m * Micros.PER_MINUTE, 1, 1, 1, 1, 1);
        }
        store.upsertBars(b.build());
        LiveCompletenessCheck check = new LiveCompletenessCheck(store, SessionConfig.defaults().toBuilder()
                .fillForward(true).build());
        assertThat(check.check(asking(10, 125, 130)).size()).as("nothing expected was asked").isZero();
        assertThat(check.check(asking(70)).size()).as("a market minute is answered (confirmed missing)")
                .isEqualTo(1);
    }
}
