package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.api.SessionSummary.SegmentSummary;
import io.sessionflow.api.SessionSummary.SymbolSummary;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Per-segment figures appear in the session table and the summary JSON of segmented sessions only. */
class SegmentedReportsTest {

    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);
    private static final Instant END = Instant.parse("2025-11-26T01:00:00Z");
    private static final Map<Interval, Integer> DERIVED = Map.of(Interval.ofMinutes(5), 78);

    private static SessionSummary summary(SymbolSummary v) {
        return new SessionSummary(DAY, END, SessionEndReason.END_OF_DATA, Map.of(Symbol.of("SPY"), v));
    }

    private static ReplayRunner.Outcome outcome(SessionSummary s) {
        return new ReplayRunner.Outcome(new RunResult(RunResult.Outcome.COMPLETED, null, List.of(s), 1, false, 0),
                SessionConfig.defaults(), java.time.ZoneId.of("America/New_York"), 0, List.of(), false, 1);
    }

    @Test
    void aSegmentedSessionAddsOneColumnPerKindAndASegmentsObject() {
        SymbolSummary v = new SymbolSummary(390, 389, 2, 1, 0, 389 * 100.0 / 390, DERIVED, List.of(
                new SegmentSummary(Kind.PREMARKET, 330, 12, false), new SegmentSummary(Kind.MARKET, 390, 389, true),
                new SegmentSummary(Kind.POSTMARKET, 240, 3, false)));
        String table = Reports.sessionRows(List.of(summary(v)), java.time.ZoneId.of("America/New_York"));
        assertThat(table.lines().findFirst().orElseThrow()).contains("quality", "premarket", "market", "postmarket",
                "end");
        assertThat(table).contains("12/330", "389/390", "3/240", "404");  // 1m bars: 12 + 389 + 3
        String json = SummaryJson.toJson(SummaryJson.of(outcome(summary(v))));
        assertThat(json).contains("\"segments\" : {", "\"premarket\" : {", "\"expected\" : 330", "\"present\" : 12",
                "\"counted\" : false");
    }

    @Test
    void aSessionWithoutSegmentsPrintsAsBefore() {
        SymbolSummary v = new SymbolSummary(390, 390, 0, 0, 0, 100.0, DERIVED);
        String table = Reports.sessionRows(List.of(summary(v)), java.time.ZoneId.of("America/New_York"));
        assertThat(table.lines().findFirst().orElseThrow()).doesNotContain("premarket").doesNotContain("market ");
        assertThat(SummaryJson.toJson(SummaryJson.of(outcome(summary(v))))).doesNotContain("segments");
    }
}
