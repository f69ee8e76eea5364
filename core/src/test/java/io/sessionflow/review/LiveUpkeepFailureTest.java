package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionLoadException;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.coordinator.StreamCoordinator;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.SystemState;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Review C6: an unexpected exception on the live upkeep side (a driver bug, not a {@code StorageException}) is
 * reported with its cause, never turned into a misleading "storage may be down or slow" timeout, and the upkeep goes
 * on: a failed completeness check is logged and the next check runs; a failed history load fails the run at once
 * with the cause, and the diagnostics name it.
 */
class LiveUpkeepFailureTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Calendars.xnys().session(DAY).orElseThrow();

    @Test
    void aCheckThatThrowsIsReportedAndTheNextCheckStillRuns() throws Exception {
        BarSeries all = Bars.session(List.of(SPY), DAY, DAY.plusDays(1));
        InMemoryStore mem = new InMemoryStore();
        mem.upsertBars(all);
        CountDownLatch thrown = new CountDownLatch(1);
        AtomicBoolean thrownOnce = new AtomicBoolean();
        HookedStore store = new HookedStore(mem).onRead(r -> {
            // Reads inside the session are completeness checks (history lies before the open): the first throws.
            if (!r.range().start().isBefore(SESSION.open()) && thrownOnce.compareAndSet(false, true)) {
                thrown.countDown();
                throw new IllegalArgumentException("driver bug");
            }
        });
        Logger log = (Logger) LoggerFactory.getLogger(StreamCoordinator.class);
        ListAppender<ILoggingEvent> warnings = new ListAppender<>();
        warnings.start();
        log.addAppender(warnings);
        // Started a second after the open: no earlier minutes to warm up from storage (LiveWarmStartTest).
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(1));
        List<Bar> filled = new CopyOnWriteArrayList<>();
        CountDownLatch fed = new CountDownLatch(27);
        CountDownLatch repaired = new CountDownLatch(3);
        try (DataManager dm = DataManager.builder().store(store).live(clock).build()) {
            dm.register(SPY, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    fed.countDown();
                    if (bar.isFilled()) {
                        filled.add(bar);
                        repaired.countDown();
                    }
                }
            });
            EventQueue feed = dm.publisher("feed", 16);
            dm.start();
            int[] rows = IntStream.range(0, 30).filter(m -> m < 10 || m > 12).toArray();
            feed.put(EventBatch.bars(all.reorder(rows)));
            assertThat(fed.await(5, TimeUnit.SECONDS)).isTrue();
            clock.set(SESSION.open().plus(Duration.ofMinutes(30)));

            clock.advance(Duration.ofSeconds(60));
            assertThat(thrown.await(5, TimeUnit.SECONDS)).as("the first check's read threw").isTrue();
            clock.advance(Duration.ofSeconds(60));
            assertThat(repaired.await(5, TimeUnit.SECONDS)).as("the next check ran and repaired the gap").isTrue();
            long open = Micros.of(SESSION.open());
            assertThat(filled).extracting(b -> (Micros.of(b.start()) - open) / Micros.PER_MINUTE)
                    .as("the feed's gap first (minute 30 has ended too by then)").startsWith(10L, 11L, 12L);
            assertThat(dm.state()).as("the run goes on").isEqualTo(SystemState.RUNNING);
            assertThat(dm.diagnostics().upkeepFailure()).as("a failed check gives no session up").isEmpty();
            assertThat(warnings.list).as("the failed check is logged with its cause")
                    .anySatisfy(e -> {
                        assertThat(e.getLevel()).isEqualTo(Level.WARN);
                        assertThat(e.getFormattedMessage()).contains("completeness check").contains("driver bug");
                    });
            dm.stop();
            RunResult r = dm.await(Duration.ofSeconds(5));
            assertThat(r.outcome()).as("%s", r.failure()).isEqualTo(RunResult.Outcome.STOPPED);
        } finally {
            log.detachAppender(warnings);
        }
    }

    @Test
    void aHistoryLoadThatThrowsFailsTheRunWithItsCauseNotATimeout() throws Exception {
        InMemoryStore mem = new InMemoryStore();
        mem.upsertBars(Bars.session(List.of(SPY), LocalDate.of(2025, 11, 20), DAY.plusDays(1)));
        HookedStore store = new HookedStore(mem).onRead(r -> {
            throw new IllegalArgumentException("driver bug");
        });
        SettableClock clock = new SettableClock(SESSION.open().plus(Duration.ofMinutes(5)));
        // A refill timeout far beyond the test's wait: a timeout could not end the run in time.
        SessionConfig config = SessionConfig.builder().historicalTrailingSessions(1)
                .refillTimeout(Duration.ofMinutes(10)).build();
        try (DataManager dm = DataManager.builder().live(clock).store(store).config(config).build()) {
            dm.register(SPY, StreamType.BARS);
            dm.start();
            RunResult r = dm.await(Duration.ofSeconds(5));
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.FAILED);
            assertThat(r.failure()).isInstanceOf(SessionLoadException.class)
                    .hasMessageContaining("driver bug").hasMessageNotContaining("storage may be down")
                    .hasRootCauseInstanceOf(IllegalArgumentException.class);
            assertThat(dm.diagnostics().upkeepFailure()).get().isInstanceOf(IllegalArgumentException.class);
        }
    }
}
