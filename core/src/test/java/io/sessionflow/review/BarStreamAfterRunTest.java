package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.BarStream;
import io.sessionflow.api.DataManager;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Stores;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Review C10: a bar stream opened after the run ended is empty and says so at once, it does not wait forever. */
class BarStreamAfterRunTest {

    @Test
    void aStreamOpenedAfterTheRunEndedHasNoNextPromptly() throws Exception {
        Symbol aaa = Symbol.of("AAA");
        LocalDate mon = LocalDate.of(2025, 11, 24);
        try (DataManager dm = DataManager.builder().store(Stores.bars(List.of(aaa), mon, mon.plusDays(1)))
                .backtest(mon, mon.plusDays(1)).build()) {
            dm.register(aaa, StreamType.BARS);
            assertThat(dm.run(Duration.ofSeconds(10)).outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            BarStream s = dm.streamBars(List.of(aaa), Interval.ONE_MINUTE);
            CompletableFuture<Boolean> hasNext = CompletableFuture.supplyAsync(s::hasNext);
            assertThat(hasNext.get(5, TimeUnit.SECONDS)).as("hasNext() of a stream opened after the end").isFalse();
            assertThat(CompletableFuture.supplyAsync(s::hasNext).get(5, TimeUnit.SECONDS)).as("and again").isFalse();
        }
    }
}
