package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.RecordingListener;
import io.sessionflow.testing.Replay;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataManagerSmokeTest {

    @Test
    void replaysAWeekWithAHolidayAndAnEarlyClose() throws Exception {
        List<Symbol> symbols = List.of(Symbol.of("AAA"), Symbol.of("BBB"));
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(Bars.session(symbols, LocalDate.of(2025, 11, 24), LocalDate.of(2025, 11, 29)));
        SessionConfig config = SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5),
                Interval.ofMinutes(15))).build();
        RecordingListener rec = new RecordingListener();
        try (DataManager dm = DataManager.builder().config(config).store(store)
                .backtest(LocalDate.of(2025, 11, 24), LocalDate.of(2025, 11, 29)).build()) {
            dm.register(symbols, StreamType.BARS).subscribe(rec);
            RunResult r = Replay.runOrNull(dm);
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            assertThat(r.sessions()).hasSize(4);
            assertThat(r.sessions()).extracting(s -> s.reason()).containsOnly(SessionEndReason.END_OF_DATA);
        }
        List<SessionEnd> ends = rec.of(SessionEnd.class);
        assertThat(ends).extracting(SessionEnd::date).containsExactly(LocalDate.of(2025, 11, 24),
                LocalDate.of(2025, 11, 25), LocalDate.of(2025, 11, 26), LocalDate.of(2025, 11, 28));
        List<Bar> bars = rec.of(Bar.class);
        long oneMinute = bars.stream().filter(b -> b.interval().isOneMinute()).count();
        assertThat(oneMinute).isEqualTo(2 * (3 * 390 + 210));
        long fives = bars.stream().filter(b -> b.interval().minutes() == 5).count();
        assertThat(fives).isEqualTo(2 * (3 * 78 + 42));
        long fifteens = bars.stream().filter(b -> b.interval().minutes() == 15).count();
        assertThat(fifteens).isEqualTo(2 * (3 * 26 + 14));
        for (int i = 1; i < bars.size(); i++) {
            assertThat(bars.get(i).end()).isAfterOrEqualTo(bars.get(i - 1).end());
        }
    }
}
