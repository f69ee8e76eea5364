package io.sessionflow.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.SessionSegment.Kind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TradingSession's segments: minutes per kind, halts, market open and close, validation. */
class TradingSessionTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final LocalDate DATE = LocalDate.of(2013, 10, 8);
    private static final Instant OPEN = Instant.parse("2013-10-07T22:00:00Z");
    private static final Instant CLOSE = Instant.parse("2013-10-08T22:00:00Z");

    @Test
    void aSessionWithoutSegmentsIsOneMarketSegmentOverItsWindow() {
        TradingSession s = new TradingSession(DATE, OPEN, CLOSE, CHICAGO, false);
        assertThat(s.segments()).containsExactly(new SessionSegment(Kind.MARKET, OPEN, CLOSE));
        assertThat(s.isSegmented()).isFalse();
        assertThat(s.minutes()).isEqualTo(1440).isEqualTo(s.minutes(TradingSession.REGULAR));
        assertThat(s.marketOpen()).isEqualTo(OPEN);
        assertThat(s.marketClose()).isEqualTo(CLOSE);
    }

    @Test
    void minutesBetweenSegmentsAreAHaltAndCountForNoKind() {
        Instant halt = Instant.parse("2013-10-08T20:15:00Z");
        Instant resume = Instant.parse("2013-10-08T20:30:00Z");
        Instant end = Instant.parse("2013-10-08T21:15:00Z");
        TradingSession s = new TradingSession(DATE, OPEN, CLOSE, CHICAGO, false, List.of(
                new SessionSegment(Kind.PREMARKET, OPEN, Instant.parse("2013-10-08T13:30:00Z")),
                new SessionSegment(Kind.MARKET, Instant.parse("2013-10-08T13:30:00Z"), halt),
                new SessionSegment(Kind.MARKET, resume, end)));
        assertThat(s.isSegmented()).isTrue();
        assertThat(s.minutes()).isEqualTo(1440);
        assertThat(s.minutes(TradingSession.REGULAR)).isEqualTo(405 + 45);
        assertThat(s.minutes(EnumSet.of(Kind.PREMARKET))).isEqualTo(930);
        assertThat(s.minutes(EnumSet.allOf(Kind.class))).isEqualTo(930 + 405 + 45);
        assertThat(s.marketOpen()).isEqualTo("2013-10-08T13:30:00Z");
        assertThat(s.marketClose()).isEqualTo(end);
        assertThat(s.segmentAt(halt)).isEmpty();
        assertThat(s.segmentAt(resume)).map(SessionSegment::kind).contains(Kind.MARKET);
        assertThat(s.segmentAt(end)).isEmpty();  // after the last segment, inside the window
        assertThat(s.contains(end)).isTrue();
        assertThat(s.isTrading(OPEN, TradingSession.REGULAR)).isFalse();
        assertThat(s.isTrading(OPEN, EnumSet.of(Kind.PREMARKET))).isTrue();
    }

    @Test
    void segmentsMustBeInOrderInsideTheWindow() {
        Instant mid = Instant.parse("2013-10-08T12:00:00Z");
        assertThatThrownBy(() -> new TradingSession(DATE, OPEN, CLOSE, CHICAGO, false, List.of(
                new SessionSegment(Kind.MARKET, mid, CLOSE), new SessionSegment(Kind.PREMARKET, OPEN, mid))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2013-10-08");
        assertThatThrownBy(() -> new TradingSession(DATE, OPEN, CLOSE, CHICAGO, false, List.of(
                new SessionSegment(Kind.MARKET, OPEN.minusSeconds(60), mid))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("starts before");
        assertThatThrownBy(() -> new TradingSession(DATE, OPEN, CLOSE, CHICAGO, false, List.of(
                new SessionSegment(Kind.MARKET, OPEN, CLOSE.plusSeconds(60)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after the close");
        assertThatThrownBy(() -> new SessionSegment(Kind.MARKET, mid, mid))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("market segment");
        assertThat(Kind.of(" PostMarket ")).isEqualTo(Kind.POSTMARKET);
        assertThatThrownBy(() -> Kind.of("lunch")).hasMessageContaining("'lunch'");
    }
}
