package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Stores;
import io.sessionflow.upkeep.DropFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers on other threads snapshot SymbolSessionData over and over while a real backtest writes it (drops, fills,
 * revisions, fill-forward, quote retention, trailing history) and the upkeep thread prefetches: every snapshot is
 * internally consistent, and no read throws.
 */
class SessionDataConcurrencyTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC"),
            Symbol.of("DDD"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 26);  // then Thanksgiving, then an early close
    private static final LocalDate TO = LocalDate.of(2025, 11, 29);
    private static final List<Interval> DERIVED = List.of(Interval.ofMinutes(5), Interval.ofMinutes(15),
            Interval.ofMinutes(60));
    private static final int READERS = 2;
    private static final int QUOTE_RETENTION = 50;

    @Test
    void snapshotsTakenWhileTheCoordinatorWritesAreAlwaysConsistent() throws InterruptedException {
        AtomicLong snapshots = new AtomicLong();
        Semaphore taken = new Semaphore(0);
        AtomicBoolean done = new AtomicBoolean();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        Replay.Started run = Replay.over(FROM, TO).symbols(SYMBOLS).streams(StreamType.BARS, StreamType.QUOTES)
                .store(Stores.market(SYMBOLS, Calendars.xnys().previousTradingDay(FROM), TO, Stores.gaps(70), 20, 60))
                .drop(new DropFilter(0.05, 11))
                .config(c -> c.derivedIntervals(DERIVED).upkeepCheckInterval(Duration.ofMinutes(5)).fillForward(true)
                        .quoteRetention(QUOTE_RETENTION).historicalTrailingSessions(2)
                        .historicalBarIntervals(List.of(Interval.ONE_MINUTE, Interval.ofMinutes(5))))
                .listener(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        // At each bar, wait (without spinning) for a reader to finish a snapshot begun from now on:
                        // thousands of snapshots interleave with the writes, on two cores as on many.
                        taken.drainPermits();
                        try {
                            if (!taken.tryAcquire(5, TimeUnit.SECONDS)) {
                                problems.add("no snapshot within 5 s");
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build();
        DataManager dm = run.dm();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < READERS; r++) {
            int offset = r;
            readers.add(new Thread(() -> {
                int i = offset;
                while (!done.get()) {
                    SymbolSessionData d = dm.sessionData().symbol(SYMBOLS.get(i++ % SYMBOLS.size())).orElseThrow();
                    try {
                        check(d.snapshot());
                        double q = d.quality();
                        if (!(q >= 0 && q <= 100)) {
                            problems.add("quality " + q);
                        }
                        d.consumeBarsUpdated();
                        d.consumeQuotesUpdated();
                    } catch (Throwable t) {
                        if (problems.size() < 10) {
                            problems.add(t.toString());
                        }
                    }
                    snapshots.incrementAndGet();
                    taken.release();
                    Thread.yield();  // the cores are shared with the coordinator and the upkeep thread
                }
            }, "reader " + r));
        }
        readers.forEach(Thread::start);
        RunResult result;
        try {
            result = Replay.runOrNull(dm);
        } finally {
            done.set(true);
            for (Thread t : readers) {
                t.join(5_000);
            }
        }

        assertThat(result).isNotNull();
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.sessions()).hasSize(2);
        assertThat(problems).as("inconsistent snapshots (first ten)").isEmpty();
        assertThat(snapshots.get()).as("snapshots taken").isGreaterThan(2_000);
        assertThat(readers).noneMatch(Thread::isAlive);
    }

    /** The invariants a snapshot must satisfy at any instant; throws AssertionError describing the first broken. */
    private static void check(SymbolSnapshot s) {
        if (s.sessionDate() == null) {
            return;  // before the first session
        }
        TradingSession session = Calendars.xnys().session(s.sessionDate()).orElseThrow();
        BarSeries bars = s.bars();
        int real = 0;
        int filled = 0;
        int synthetic = 0;
        long volume = 0;
        double high = Double.NaN;
        double low = Double.NaN;
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            assertThat(session.contains(b.start())).as("%s in session %s", b, session.date()).isTrue();
            if (i > 0) {
                assertThat(b.start()).as("sorted and unique").isAfter(bars.get(i - 1).start());
            }
            if (b.isSynthetic()) {
                synthetic++;
                continue;
            }
            real++;
            filled += b.isFilled() ? 1 : 0;
            volume += b.volume();
            high = Double.isNaN(high) ? b.high() : Math.max(high, b.high());
            low = Double.isNaN(low) ? b.low() : Math.min(low, b.low());
        }
        assertThat(s.present()).as("present").isEqualTo(real);
        assertThat(s.filled()).as("filled").isEqualTo(filled);
        assertThat(s.synthetic()).as("synthetic").isEqualTo(synthetic);
        assertThat(s.sessionVolume()).as("volume").isEqualTo(volume);
        assertThat(Double.compare(s.sessionHigh(), high)).as("high %s vs %s", s.sessionHigh(), high).isZero();
        assertThat(Double.compare(s.sessionLow(), low)).as("low %s vs %s", s.sessionLow(), low).isZero();
        assertThat(s.present() + s.confirmedMissing()).isLessThanOrEqualTo(session.minutes());
        for (Interval i : DERIVED) {
            Map<Instant, Bar> expected = new HashMap<>();
            Aggregation.derive(bars, session, i).forEach(b -> expected.put(b.start(), b));
            BarSeries derived = s.derived().get(i);
            for (int k = 0; k < derived.size(); k++) {
                Bar d = derived.get(k);
                if (k > 0) {
                    assertThat(d.start()).isAfter(derived.get(k - 1).start());
                }
                assertThat(d.withFlags(d.flags() & ~Bar.REVISED)).as("%s %s from the snapshot's 1m bars", i, d.start())
                        .isEqualTo(expected.get(d.start()));
            }
        }
        assertThat(s.quotes().size()).isLessThanOrEqualTo(QUOTE_RETENTION);
        List<Quote> quotes = s.quotes();
        for (int k = 1; k < quotes.size(); k++) {
            assertThat(quotes.get(k).time()).isAfterOrEqualTo(quotes.get(k - 1).time());
        }
        s.history().forEach((interval, byDate) -> assertThat(byDate.size()).isLessThanOrEqualTo(2));
    }
}
