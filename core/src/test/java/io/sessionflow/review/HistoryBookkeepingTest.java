package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Stores;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Review C9: AAA's bars cancelled at Tuesday's start and registered again at Wednesday's start; with two trailing
 * sessions, Thursday's history is Tuesday and Wednesday (Tuesday read from storage, as it was never streamed).
 */
class HistoryBookkeepingTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final LocalDate MON = LocalDate.of(2025, 11, 17);
    private static final LocalDate FRI = LocalDate.of(2025, 11, 21);

    @Test
    void cancelThenRegisterAgainKeepsTheTrailingHistoryRight() throws Exception {
        SessionConfig config = SessionConfig.builder().historicalTrailingSessions(2).build();
        List<LocalDate> thursday = new CopyOnWriteArrayList<>();
        RunResult r;
        try (DataManager dm = DataManager.builder().config(config)
                .store(Stores.bars(List.of(AAA, BBB), LocalDate.of(2025, 11, 10), FRI))
                .backtest(MON, FRI).build()) {
            dm.register(List.of(AAA, BBB), StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    if (s.date().equals(MON.plusDays(3))) {
                        thursday.addAll(dm.sessionData().symbol(AAA).orElseThrow()
                                .historicalBars(Interval.ONE_MINUTE).keySet());
                    }
                    if (s.date().equals(MON.plusDays(1))) {
                        dm.cancel(AAA, StreamType.BARS);
                    }
                    if (s.date().equals(MON.plusDays(2))) {
                        dm.register(AAA, StreamType.BARS);
                    }
                }
            });
            r = dm.run(Duration.ofSeconds(20));
        }
        assertThat(r.outcome()).as("%s", r.failure()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(thursday).as("Thursday's trailing history of AAA")
                .containsExactly(LocalDate.of(2025, 11, 18), LocalDate.of(2025, 11, 19));
    }
}
