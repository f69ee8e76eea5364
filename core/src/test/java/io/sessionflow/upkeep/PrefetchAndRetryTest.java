package io.sessionflow.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.StorageException;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Listeners;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sequences;
import io.sessionflow.testing.Stores;
import io.sessionflow.testing.Threads;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The upkeep thread's prefetch (at most one session ahead, each session read once), its retries of storage
 * failures (backoff on the wall clock, reported), and its stop while a read blocks.
 */
class PrefetchAndRetryTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 17);
    private static final LocalDate TO = LocalDate.of(2025, 11, 22);  // five sessions
    private static final List<TradingSession> SESSIONS = Calendars.xnys().sessions(FROM, TO);

    private static int sessionIndex(HookedStore.Read read) {
        for (int i = 0; i < SESSIONS.size(); i++) {
            if (SESSIONS.get(i).open().equals(read.range().start())) {
                return i;
            }
        }
        throw new AssertionError("read outside the sessions: " + read);
    }

    @Test
    void whileTheCoordinatorIsPausedTheUpkeepThreadPrefetchesOneSessionAndNoMore() throws InterruptedException {
        CountDownLatch secondRead = new CountDownLatch(1);
        CountDownLatch thirdRead = new CountDownLatch(1);
        HookedStore store = new HookedStore(Stores.bars(SYMBOLS, FROM, TO)).onRead(read -> {
            int k = sessionIndex(read);
            if (k == 1) {
                secondRead.countDown();
            } else if (k == 2) {
                thirdRead.countDown();
            }
        });
        CountDownLatch paused = new CountDownLatch(1);
        Replay.Started run = Replay.over(FROM, TO).symbols(SYMBOLS).store(store)
                .listener(dm -> Listeners.onceAt(SESSIONS.get(0).open().plusSeconds(1800), () -> {
                    dm.pause();
                    paused.countDown();
                })).build();
        DataManager dm = run.dm();
        try {
            dm.start();
            assertThat(paused.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(secondRead.await(10, TimeUnit.SECONDS)).as("the next session is prefetched").isTrue();
            assertThat(thirdRead.await(300, TimeUnit.MILLISECONDS)).as("nothing beyond the next session").isFalse();
            assertThat(dm.diagnostics().prefetchedSessions()).isZero();
            dm.resume();
            RunResult r = Replay.awaitOrNull(dm);
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        } finally {
            dm.stop();
        }
        Map<Integer, Long> readsPerSession = store.reads().stream()
                .collect(Collectors.groupingBy(PrefetchAndRetryTest::sessionIndex, Collectors.counting()));
        assertThat(readsPerSession).as("one bulk read per session").containsOnlyKeys(0, 1, 2, 3, 4)
                .allSatisfy((k, n) -> assertThat(n).isEqualTo(1));
        assertThat(store.reads()).allMatch(read -> read.thread().equals("sessionflow-upkeep"));
        assertThat(dm.diagnostics().prefetchedSessions()).isEqualTo(SESSIONS.size() - 1);
    }

    @Test
    void storageFailuresAreRetriedWithBackoffReportedAndChangeNothing() {
        Replay.Result clean = Replay.over(FROM, TO).symbols(SYMBOLS).store(Stores.bars(SYMBOLS, FROM, TO))
                .wall(new ManualWallClock()).run().completed();
        InMemoryStore store = Stores.bars(SYMBOLS, FROM, TO);
        store.failNextReads(2, new StorageException("connection reset"));
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = Replay.over(FROM, TO).symbols(SYMBOLS).store(store).wall(wall)
                .retry(new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(5)))
                .run().completed();

        io.sessionflow.api.Diagnostics upkeep = r.dm().diagnostics();
        assertThat(upkeep.storageRetries()).isEqualTo(2);
        assertThat(upkeep.storageIssues()).containsExactly(
                "loading session 2025-11-17, attempt 1: connection reset",
                "loading session 2025-11-17, attempt 2: connection reset");
        assertThat(wall.sleptNanos()).as("200 ms, then 400 ms").isEqualTo(Duration.ofMillis(600).toNanos());
        assertThat(upkeep.upkeepFailure()).isEmpty();
        Sequences.assertSame("with retries", clean.log().timedLines(), r.log().timedLines());
    }

    @Test
    void backoffDoublesUpToItsCap() {
        InMemoryStore store = Stores.bars(SYMBOLS, FROM, TO);
        store.failNextReads(5, new StorageException("busy"));
        ManualWallClock wall = new ManualWallClock();
        Replay.Result r = Replay.over(FROM, TO).symbols(SYMBOLS).store(store).wall(wall)
                .retry(new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(3)))
                .run().completed();
        assertThat(wall.sleptNanos()).as("1 + 2 + 3 + 3 + 3 s").isEqualTo(Duration.ofSeconds(12).toNanos());
        assertThat(r.dm().diagnostics().storageRetries()).isEqualTo(5);
    }

    @Test
    void stopWhileAPrefetchReadBlocksReturnsPromptlyAndLeavesNoThread() throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        HookedStore store = new HookedStore(Stores.bars(SYMBOLS, FROM, TO)).onRead(read -> {
            if (sessionIndex(read) == 1) {
                blocked.countDown();
                try {
                    never.await();
                } catch (InterruptedException e) {
                    // Like many drivers: the interrupt becomes an I/O error and the flag is lost.
                    throw new StorageException("read interrupted", e);
                }
            }
        });
        Set<Thread> before = Threads.sessionflow();
        Replay.Started run = Replay.over(FROM, TO).symbols(SYMBOLS).store(store).build();
        DataManager dm = run.dm();
        dm.start();
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        Set<Thread> started = new HashSet<>(Threads.sessionflow());
        started.removeAll(before);

        long t0 = System.nanoTime();
        dm.stop();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(started).extracting(Thread::getName).contains("sessionflow-upkeep");
        assertThat(started).noneMatch(Thread::isAlive);
        assertThat(dm.diagnostics().upkeepFailure()).as("a stop is not a failure").isEmpty();
    }
}
