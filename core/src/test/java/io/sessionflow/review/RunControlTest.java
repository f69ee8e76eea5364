package io.sessionflow.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.api.BarStream;
import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.SystemState;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.SettableClock;
import io.sessionflow.testing.Stores;
import io.sessionflow.testing.Threads;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Review C7, C8, C11 and C12: stop outcomes, a second start, and stops that must join every thread. */
class RunControlTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    /** The bar-stream buffer of {@link DataManager#streamBars}. */
    private static final int STREAM_CAPACITY = 4096;

    /** C7: a coordinator back-pressured by a bar stream nobody reads is stopped, not failed. */
    @Test
    void stoppingARunBlockedOnAFullBarStreamEndsStopped() throws Exception {
        List<Symbol> symbols = List.of(AAA);
        LocalDate to = LocalDate.of(2025, 12, 12);  // 4,890 bars: more than the stream holds
        CountDownLatch full = new CountDownLatch(STREAM_CAPACITY);
        try (DataManager dm = DataManager.builder().store(Stores.bars(symbols, MONDAY, to)).backtest(MONDAY, to)
                .build()) {
            BarStream stream = dm.streamBars(symbols, Interval.ONE_MINUTE);  // nobody reads it
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    full.countDown();  // after the stream took the bar: at the count, the stream's buffer is full
                }
            });
            dm.start();
            assertThat(full.await(10, TimeUnit.SECONDS)).as("the stream's buffer filled").isTrue();
            dm.stop();
            RunResult r = dm.await(Duration.ofSeconds(5));
            assertThat(r.outcome()).as("%s", r.failure()).isEqualTo(RunResult.Outcome.STOPPED);
            assertThat(r.failure()).isNull();
            assertThat(r.sessions().size()).as("sessions finished before the stop").isLessThan(12);
            stream.close();
        }
    }

    /** C8: a data manager runs once; a second start says so and leaves it stopped. */
    @Test
    void startAfterAFinishedRunIsRefusedAndTheStateStaysStopped() throws Exception {
        try (DataManager dm = DataManager.builder().store(Stores.bars(List.of(AAA), MONDAY, MONDAY.plusDays(1)))
                .backtest(MONDAY, MONDAY.plusDays(1)).build()) {
            dm.register(AAA, StreamType.BARS);
            assertThat(dm.run(Duration.ofSeconds(10)).outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            assertThat(dm.state()).isEqualTo(SystemState.STOPPED);
            Set<Thread> before = Threads.sessionflow();
            assertThatThrownBy(dm::start).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has run already").hasMessageContaining("build a new one");
            assertThat(dm.state()).isEqualTo(SystemState.STOPPED);
            assertThatThrownBy(dm::runInline).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("has run already");
            assertThat(dm.state()).isEqualTo(SystemState.STOPPED);
            Set<Thread> started = new HashSet<>(Threads.sessionflow());
            started.removeAll(before);
            assertThat(started).as("threads started by the refused start").isEmpty();
        }
    }

    /** C11: a listener stops the run on the coordinator thread; close() from the test thread joins it. */
    @Test
    void aStopFromAListenerThenCloseLeavesNoThread() throws Exception {
        InMemoryStore store = Stores.bars(List.of(AAA), MONDAY, LocalDate.of(2025, 11, 27));
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger after = new AtomicInteger();
        Set<Thread> before = Threads.sessionflow();
        Set<Thread> started = java.util.concurrent.ConcurrentHashMap.newKeySet();
        DataManager dm = DataManager.builder().store(store).backtest(MONDAY, LocalDate.of(2025, 11, 27)).build();
        try {
            dm.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    if (stopped.getCount() == 0) {
                        after.incrementAndGet();
                        return;
                    }
                    started.addAll(Threads.sessionflow());  // both threads are alive while a listener runs
                    started.removeAll(before);
                    dm.stop();
                    stopped.countDown();
                }
            });
            dm.start();
            assertThat(stopped.await(5, TimeUnit.SECONDS)).isTrue();
        } finally {
            dm.close();
        }
        assertThat(started).extracting(Thread::getName).contains("sessionflow-coordinator", "sessionflow-upkeep");
        assertThat(started).as("threads alive after close()").noneMatch(Thread::isAlive);
        Set<Thread> left = new HashSet<>(Threads.sessionflow());
        left.removeAll(before);
        assertThat(left).isEmpty();
        assertThat(dm.await(Duration.ofSeconds(1)).outcome()).isEqualTo(RunResult.Outcome.STOPPED);
        assertThat(after.get()).as("bars after the stop").isZero();
    }

    /** C12: stop() from an interrupted thread still joins both threads and keeps the caller's interrupt. */
    @Test
    void stopFromAnInterruptedThreadJoinsBothThreads() throws Exception {
        TradingSession session = Calendars.xnys().session(MONDAY).orElseThrow();
        SettableClock clock = new SettableClock(session.open().plus(Duration.ofMinutes(5)));
        Set<Thread> before = Threads.sessionflow();
        CountDownLatch running = new CountDownLatch(1);
        DataManager dm = DataManager.builder().store(Stores.bars(List.of(AAA), MONDAY, MONDAY.plusDays(1)))
                .live(clock).build();
        Set<Thread> started;
        boolean interruptKept;
        try {
            dm.register(AAA, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    running.countDown();  // the upkeep thread answered the session's history: both threads run
                }
            });
            dm.start();
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            started = new HashSet<>(Threads.sessionflow());
            started.removeAll(before);
            assertThat(started).extracting(Thread::getName).contains("sessionflow-coordinator", "sessionflow-upkeep");

            Thread.currentThread().interrupt();
            dm.stop();
        } finally {
            interruptKept = Thread.interrupted();  // clears the flag for the rest of the suite
            dm.close();
        }
        assertThat(interruptKept).as("the caller's interrupt flag after stop()").isTrue();
        assertThat(started).as("threads alive after an interrupted stop()").noneMatch(Thread::isAlive);
        assertThat(dm.state()).isEqualTo(SystemState.STOPPED);
        assertThat(dm.await(Duration.ofSeconds(1)).outcome()).isEqualTo(RunResult.Outcome.STOPPED);
    }
}
