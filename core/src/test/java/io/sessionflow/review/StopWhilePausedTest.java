package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.SystemState;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Stores;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Review C1: a run stopped while paused ends STOPPED, never FAILED with "stop requested". */
class StopWhilePausedTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);

    @Test
    void stopWhilePausedEndsStoppedInEveryRun() throws Exception {
        InMemoryStore store = Stores.bars(List.of(AAA), MONDAY, MONDAY.plusDays(1));
        for (int i = 0; i < 20; i++) {
            CountDownLatch paused = new CountDownLatch(1);
            try (DataManager dm = DataManager.builder().store(store).backtest(MONDAY, MONDAY.plusDays(1)).build()) {
                dm.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        if (paused.getCount() > 0) {
                            dm.pause();
                            paused.countDown();
                        }
                    }
                });
                dm.start();
                assertThat(paused.await(5, TimeUnit.SECONDS)).isTrue();
                assertThat(dm.state()).isEqualTo(SystemState.PAUSED);
                dm.stop();
                RunResult r = dm.await(Duration.ofSeconds(5));
                assertThat(r.outcome()).as("run %d: %s", i, r.failure()).isEqualTo(RunResult.Outcome.STOPPED);
                assertThat(r.failure()).as("run %d", i).isNull();
                assertThat(dm.state()).isEqualTo(SystemState.STOPPED);
            }
        }
    }
}
