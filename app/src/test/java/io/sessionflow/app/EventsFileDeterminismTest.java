package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.upkeep.DropFilter;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@code --events} file is byte-identical from run to run, whatever the thread timings: 20 runs with drops,
 * repairs at 5-minute checks (so derived bars get revised), a partial last 60m bar and a seeded, different timing noise on the coordinator
 * thread in each run, while the upkeep thread prefetches at its own pace.
 */
class EventsFileDeterminismTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    private static final LocalDate TO = LocalDate.of(2025, 11, 29);

    private static byte[] run(InMemoryStore store, long noiseSeed) throws InterruptedException {
        SessionConfig config = SessionConfig.builder().derivedIntervals(List.of(Interval.ofMinutes(5),
                Interval.ofMinutes(15), Interval.ofMinutes(60))).upkeepCheckInterval(Duration.ofMinutes(5)).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Random noise = new Random(noiseSeed);
        try (DataManager dm = DataManager.builder().config(config).store(store).backtest(FROM, TO)
                .dropFilter(new DropFilter(0.05, 3)).build();
             EventJsonWriter events = new EventJsonWriter(out)) {
            dm.register(SYMBOLS, StreamType.BARS);
            dm.subscribe(events).subscribe(new MarketDataListener() {
                private long sink;

                @Override
                public void onBar(Bar bar) {
                    int r = noise.nextInt(100);
                    if (r < 5) {
                        Thread.yield();
                    } else if (r < 7) {
                        for (int i = 0; i < 50_000; i++) {
                            sink += i ^ r;
                        }
                    }
                }

                @Override
                public void onRunEnd() {
                    assertThat(sink).isNotNegative();
                }
            });
            RunResult r = dm.runInline();
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        return out.toByteArray();
    }

    @Test
    void twentyRunsWriteTheSameBytes() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(Bars.session(SYMBOLS, FROM, TO, (s, t) -> s.value().equals("CCC") && (t / 60_000_000L) % 11 == 0));
        byte[] first = run(store, 0);
        String text = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).contains("\"filled\":true").contains("\"revised\":true").contains("\"partial\":true")
                .doesNotContain("\"synthetic\":true");
        for (long seed = 1; seed < 20; seed++) {
            assertThat(run(store, seed)).as("run %d", seed).isEqualTo(first);
        }
    }
}
