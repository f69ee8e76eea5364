package io.sessionflow.store.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.Trade;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.StorageException;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.SettableClock;
import io.sessionflow.time.WallClock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link StoreRecorder}: what it writes, when, and what survives failures. */
class StoreRecorderTest {

    static final Symbol AAA = Symbol.of("AAA");
    static final Symbol BBB = Symbol.of("BBB");
    static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    static final TradingSession SESSION = Calendars.xnys().session(MONDAY).orElseThrow();
    static final TimeRange DAY = TimeRange.of(SESSION.open(), SESSION.close());

    /** The first {@code n} minutes of the session for AAA and BBB, in time order. */
    static List<Bar> minutes(int n) {
        return Bars.session(List.of(AAA, BBB), MONDAY, MONDAY.plusDays(1)).sortedByStartThenSymbol().stream()
                .filter(b -> b.start().isBefore(SESSION.open().plus(Duration.ofMinutes(n)))).toList();
    }

    static List<Bar> stored(MarketDataStore store) {
        return store.readBars(List.of(AAA, BBB), Interval.ONE_MINUTE, DAY).sortedByStartThenSymbol();
    }

    static void assertSameValues(List<Bar> actual, List<Bar> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).sameValues(expected.get(i))).as("bar %d: %s vs %s", i, actual.get(i),
                    expected.get(i)).isTrue();
        }
    }

    /** A store whose first {@code failures} bar writes fail before they reach it; {@code attempts} counts them all. */
    private static HookedStore flaky(int failures, AtomicInteger attempts) {
        AtomicInteger left = new AtomicInteger(failures);
        return new HookedStore(new InMemoryStore()).onBarWrite(bars -> {
            attempts.incrementAndGet();
            if (left.getAndDecrement() > 0) {
                throw new StorageException("injected failure writing " + bars.size() + " bars");
            }
        });
    }

    private static RecorderSettings settings(int batchBars) {
        return RecorderSettings.DEFAULT.withBatchBars(batchBars).withFlushInterval(Duration.ofHours(1));
    }

    @Test
    void liveBarsAreStoredOnceWithTheirValuesAndRecordingAgainChangesNothing() throws Exception {
        InMemoryStore store = new InMemoryStore();
        List<Bar> bars = minutes(5).stream().filter(b -> b.symbol().equals(AAA)).toList();
        SettableClock clock = new SettableClock(SESSION.open().plusSeconds(10));
        StoreRecorder recorder = new StoreRecorder(store, settings(2), WallClock.system());
        CountDownLatch delivered = new CountDownLatch(bars.size());
        try (DataManager dm = DataManager.builder().store(store).live(clock).upkeep(false).build()) {
            dm.register(AAA, StreamType.BARS).subscribe(recorder).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    delivered.countDown();
                }
            });
            EventQueue feed = dm.publisher("test feed", 16);
            recorder.start();
            dm.start();
            for (Bar b : bars) {
                feed.put(EventBatch.bars(BarSeries.of(Interval.ONE_MINUTE, List.of(b))));
            }
            clock.set(SESSION.open().plus(Duration.ofMinutes(6)));
            assertThat(delivered.await(10, TimeUnit.SECONDS)).as("the five bars delivered").isTrue();
            dm.stop();
            dm.await(Duration.ofSeconds(10));
        }
        recorder.close();  // onRunEnd closed it already; a second close changes nothing
        assertSameValues(stored(store), bars);
        RecorderFigures f = recorder.figures();
        assertThat(f.bars()).isEqualTo(5);
        assertThat(f.batches()).as("batches of 2, 2 and 1").isEqualTo(3);
        assertThat(f.complete()).isTrue();

        try (StoreRecorder again = StoreRecorder.start(store, settings(3), WallClock.system())) {
            bars.forEach(again::onBar);
        }
        assertSameValues(stored(store), bars);
    }

    @Test
    void syntheticAndDerivedBarsAreNotStoredFilledBarsAre() {
        InMemoryStore store = new InMemoryStore();
        List<Bar> bars = minutes(3).stream().filter(b -> b.symbol().equals(AAA)).toList();
        Bar fiveMinutes = Bar.of(AAA, SESSION.open(), Interval.ofMinutes(5), 10, 11, 9, 10, 500);
        StoreRecorder recorder = StoreRecorder.start(store, settings(10), WallClock.system());
        recorder.onBar(bars.get(0));
        recorder.onBar(bars.get(1).withFlags(Bar.FILLED));
        recorder.onBar(bars.get(2).withFlags(Bar.SYNTHETIC | Bar.FILLED));
        recorder.onDerivedBar(fiveMinutes);
        recorder.onBar(fiveMinutes);
        recorder.close();
        assertThat(recorder.figures().skipped()).isEqualTo(2);
        assertThat(recorder.figures().bars()).isEqualTo(2);
        assertSameValues(stored(store), bars.subList(0, 2));
        assertThat(store.readBars(AAA, Interval.ofMinutes(5), DAY)).isEmpty();
    }

    @Test
    void aBatchIsWrittenWhenFullOrWhenTheFlushIntervalHasPassed() {
        InMemoryStore store = new InMemoryStore();
        ManualWallClock wall = new ManualWallClock();
        RecorderSettings s = RecorderSettings.DEFAULT.withBatchBars(4).withFlushInterval(Duration.ofSeconds(5));
        StoreRecorder recorder = new StoreRecorder(store, s, wall);
        RecordingWriter writer = recorder.writer();
        List<Bar> bars = minutes(5);  // 10 bars
        bars.forEach(recorder::onBar);

        writer.doWork();
        assertThat(stored(store)).as("one full batch").hasSize(4);
        writer.doWork();
        assertThat(stored(store)).as("two full batches").hasSize(8);
        writer.doWork();
        assertThat(stored(store)).as("the partial batch waits for the flush interval").hasSize(8);
        assertThat(writer.wakeAtNanos()).isEqualTo(wall.nanoTime() + Duration.ofSeconds(5).toNanos());
        wall.advanceNanos(Duration.ofSeconds(5).toNanos() - 1);
        writer.doWork();
        assertThat(stored(store)).hasSize(8);
        wall.advanceNanos(1);
        writer.doWork();
        assertSameValues(stored(store), bars);
        assertThat(recorder.figures().batches()).isEqualTo(3);
        recorder.close();
    }

    @Test
    void closeWritesThePartialBatch() {
        InMemoryStore store = new InMemoryStore();
        List<Bar> bars = minutes(4);
        StoreRecorder recorder = StoreRecorder.start(store, settings(100), WallClock.system());
        bars.forEach(recorder::onBar);
        recorder.close();
        assertSameValues(stored(store), bars);
        assertThat(recorder.figures()).isEqualTo(new RecorderFigures(8, 0, 0, 1, 0, 0, 0, 0));
        assertThatThrownBy(() -> recorder.onBar(bars.get(0))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void aStoreThatFailsTwiceThenSucceedsKeepsEveryBar() {
        AtomicInteger attempts = new AtomicInteger();
        HookedStore store = flaky(2, attempts);
        ManualWallClock wall = new ManualWallClock();
        RecorderSettings s = settings(5).withRetry(Duration.ofMillis(100), Duration.ofSeconds(1), 3);
        StoreRecorder recorder = new StoreRecorder(store, s, wall);
        RecordingWriter writer = recorder.writer();
        List<Bar> bars = minutes(3);  // 6 bars: a full batch of 5 and one more
        bars.forEach(recorder::onBar);

        writer.doWork();
        assertThat(recorder.figures().failures()).isEqualTo(1);
        assertThat(recorder.figures().pending()).as("the batch is kept").isEqualTo(6);
        long firstRetry = writer.wakeAtNanos();
        assertThat(firstRetry).isEqualTo(wall.nanoTime() + Duration.ofMillis(100).toNanos());
        writer.doWork();
        assertThat(attempts.get()).as("no attempt before the backoff").isEqualTo(1);
        wall.advanceNanos(Duration.ofMillis(100).toNanos());
        writer.doWork();
        assertThat(recorder.figures().failures()).isEqualTo(2);
        assertThat(writer.wakeAtNanos()).as("the backoff doubles").isEqualTo(wall.nanoTime()
                + Duration.ofMillis(200).toNanos());
        wall.advanceNanos(Duration.ofMillis(200).toNanos());
        writer.doWork();
        assertThat(recorder.figures().bars()).isEqualTo(5);
        recorder.close();
        assertSameValues(stored(store), bars);
        assertThat(recorder.figures()).isEqualTo(new RecorderFigures(6, 0, 0, 2, 2, 0, 0, 0));
    }

    @Test
    void aRunningRecorderRetriesThroughFailuresOnClose() {
        AtomicInteger attempts = new AtomicInteger();
        HookedStore store = flaky(2, attempts);
        RecorderSettings s = settings(100).withRetry(Duration.ofMillis(100), Duration.ofSeconds(1), 3);
        StoreRecorder recorder = StoreRecorder.start(store, s, new ManualWallClock());
        List<Bar> bars = minutes(3);
        bars.forEach(recorder::onBar);
        recorder.close();
        assertSameValues(stored(store), bars);
        assertThat(recorder.figures().failures()).isEqualTo(2);
        assertThat(recorder.figures().complete()).isTrue();
    }

    @Test
    void aStoreThatKeepsFailingIsReportedOnClose() {
        HookedStore store = flaky(Integer.MAX_VALUE, new AtomicInteger());
        RecorderSettings s = settings(100).withRetry(Duration.ofMillis(100), Duration.ofSeconds(1), 3);
        StoreRecorder recorder = StoreRecorder.start(store, s, new ManualWallClock());
        minutes(2).forEach(recorder::onBar);
        assertThatThrownBy(recorder::close).isInstanceOf(RecordingException.class)
                .hasMessageContaining("4 not written").hasMessageNotContaining("did not finish")
                .hasRootCauseMessage("injected failure writing 4 bars")
                .satisfies(e -> assertThat(((RecordingException) e).figures().pending()).isEqualTo(4));
        assertThat(stored(store)).isEmpty();
    }

    @Test
    void aFullHandOffWaitsThenDropsCountedAndCloseReportsIt() {
        InMemoryStore store = new InMemoryStore();
        RecorderSettings s = settings(100).withCapacity(3, Duration.ofMillis(1));
        StoreRecorder recorder = new StoreRecorder(store, s, new ManualWallClock());  // no writer thread drains
        List<Bar> bars = minutes(2);
        bars.forEach(recorder::onBar);
        assertThat(recorder.figures().dropped()).isEqualTo(1);
        assertThatThrownBy(recorder::close).isInstanceOf(RecordingException.class)
                .hasMessageContaining("1 events dropped");
        assertSameValues(stored(store), bars.subList(0, 3));
    }

    @Test
    void quotesAndTradesAreRecordedWhenAskedWithoutSplittingATimestamp() {
        InMemoryStore store = new InMemoryStore();
        RecorderSettings s = settings(100).withTicks(true, true).withBatchTicks(3);
        StoreRecorder recorder = new StoreRecorder(store, s, new ManualWallClock());
        var t0 = SESSION.open();
        var t1 = t0.plusSeconds(1);
        List<Quote> quotes = List.of(new Quote(AAA, t0, 10, 10.01, 1, 1), new Quote(AAA, t1, 10, 10.02, 1, 1),
                new Quote(AAA, t1, 10, 10.03, 2, 2), new Quote(AAA, t1, 10, 10.04, 3, 3));
        List<Trade> trades = List.of(new Trade(AAA, t0, 10, 5), new Trade(AAA, t1, 10.01, 6));
        quotes.forEach(recorder::onQuote);
        trades.forEach(recorder::onTrade);
        recorder.writer().doWork();
        assertThat(store.readQuotes(List.of(AAA), DAY)).as("the ticks at the newest time wait")
                .containsExactly(quotes.get(0));
        recorder.close();
        assertThat(store.readQuotes(List.of(AAA), DAY)).containsExactlyElementsOf(quotes);
        assertThat(store.readTrades(List.of(AAA), DAY)).containsExactlyElementsOf(trades);
        assertThat(recorder.figures().quotes()).isEqualTo(4);
        assertThat(recorder.figures().trades()).isEqualTo(2);

        StoreRecorder barsOnly = new StoreRecorder(new InMemoryStore(), settings(100), new ManualWallClock());
        quotes.forEach(barsOnly::onQuote);
        assertThat(barsOnly.figures().pending()).as("ticks are not recorded unless asked").isZero();
        barsOnly.close();
    }
}
