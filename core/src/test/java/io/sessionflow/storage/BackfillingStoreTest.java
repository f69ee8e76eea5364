package io.sessionflow.storage;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The backfilling store asks its provider for exactly the minutes the store lacks, once, and never fails a read. */
class BackfillingStoreTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingCalendar XNYS = Calendars.xnys();
    private static final TradingSession SESSION = XNYS.session(MONDAY).orElseThrow();
    /** What the vendor has: every minute of Monday for both symbols, a little different from what a store holds. */
    private static final BarSeries VENDOR = vendor();

    /** A provider over {@link #VENDOR} that records what it was asked and can be made to fail or to lack minutes. */
    static final class FakeProvider implements HistoricalBars {
        record Call(List<Symbol> symbols, TimeRange range) {
        }

        final List<Call> calls = new CopyOnWriteArrayList<>();
        volatile RuntimeException failure;
        volatile Set<Instant> lacking = Set.of();

        @Override
        public BarSeries fetch(Collection<Symbol> symbols, TimeRange range) {
            calls.add(new Call(List.copyOf(symbols), range));
            if (failure != null) {
                throw failure;
            }
            List<Bar> out = new ArrayList<>();
            for (Bar b : VENDOR) {
                if (symbols.contains(b.symbol()) && range.contains(b.start()) && !lacking.contains(b.start())) {
                    out.add(b);
                }
            }
            return BarSeries.of(Interval.ONE_MINUTE, out);
        }

        @Override
        public String toString() {
            return "fake vendor";
        }
    }

    private final InMemoryStore inner = new InMemoryStore();
    private final FakeProvider provider = new FakeProvider();
    private final SettableClock clock = new SettableClock(at(60));
    private final MarketDataStore store = MarketDataStores.withBarBackfill(inner, provider, XNYS, clock);
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(BackfillingStore.class);
    private Level before;

    @BeforeEach
    void captureLogs() {
        before = log.getLevel();
        log.setLevel(Level.INFO);
        logs.start();
        log.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        log.detachAppender(logs);
        log.setLevel(before);
    }

    private static BarSeries vendor() {
        List<Bar> out = new ArrayList<>();
        for (Bar b : Bars.session(List.of(AAA, BBB), MONDAY, MONDAY.plusDays(1))) {
            out.add(new Bar(b.symbol(), b.start(), b.interval(), b.open(), b.high(), b.low(), b.close(),
                    b.volume() + 7, 42, b.close(), 0));
        }
        return BarSeries.of(Interval.ONE_MINUTE, out);
    }

    /** The session's minute {@code m} (0 = 09:30). */
    private static Instant at(int m) {
        return SESSION.open().plus(Duration.ofMinutes(m));
    }

    private static TimeRange minutes(int from, int to) {
        return new TimeRange(at(from), at(to));
    }

    /** Bars a store holds: the test's own values (volume 1), so that store and vendor bars are told apart. */
    private static BarSeries held(Symbol s, int from, int to, Set<Integer> except) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        for (int m = from; m < to; m++) {
            if (!except.contains(m)) {
                b.add(s, Micros.of(at(m)), 10, 11, 9, 10.5, 1);
            }
        }
        return b.build();
    }

    private static Bar vendorBar(Symbol s, int m) {
        return VENDOR.stream().filter(b -> b.symbol().equals(s) && b.start().equals(at(m))).findFirst().orElseThrow();
    }

    private List<ILoggingEvent> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
    }

    @Test
    void theProviderIsAskedForExactlyTheMissingSpanAndWhatItSendsIsWrittenBack() {
        inner.upsertBars(held(AAA, 0, 12, Set.of(3, 4, 5)));
        BarSeries read = store.readBars(List.of(AAA), Interval.ONE_MINUTE, minutes(0, 12));

        assertThat(provider.calls).containsExactly(new FakeProvider.Call(List.of(AAA), minutes(3, 6)));
        assertThat(read).hasSize(12).extracting(Bar::start).isSorted();
        assertThat(read.subList(3, 6)).containsExactly(vendorBar(AAA, 3), vendorBar(AAA, 4), vendorBar(AAA, 5));
        assertThat(read.get(2).volume()).as("a stored bar stays the store's").isEqualTo(1);
        assertThat(inner.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12))).containsExactlyElementsOf(read);

        assertThat(store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12))).containsExactlyElementsOf(read);
        assertThat(provider.calls).as("the store has them now").hasSize(1);
        assertThat(warnings()).isEmpty();
    }

    @Test
    void symbolsLackingDifferentMinutesShareOneFetchAndOnlyTheirOwnGapsAreFilled() {
        inner.upsertBars(held(AAA, 0, 12, Set.of(3)));
        inner.upsertBars(held(BBB, 0, 12, Set.of(8)));
        BarSeries read = store.readBars(List.of(BBB, AAA), Interval.ONE_MINUTE, minutes(0, 12));

        assertThat(provider.calls).containsExactly(new FakeProvider.Call(List.of(AAA, BBB), minutes(3, 9)));
        assertThat(read).hasSize(24);
        assertThat(read.symbols()).as("ordered by symbol, then start").containsExactly(AAA, BBB);
        assertThat(read.stream().filter(b -> b.volume() != 1))
                .containsExactly(vendorBar(AAA, 3), vendorBar(BBB, 8));
        assertThat(inner.readBars(List.of(AAA, BBB), Interval.ONE_MINUTE, minutes(0, 12))).hasSize(24);
    }

    @Test
    void aFullyCoveredRangeAnotherIntervalAndAnEmptyRangeNeverReachTheProvider() {
        inner.upsertBars(held(AAA, 0, 30, Set.of()));
        assertThat(store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 30))).hasSize(30);
        assertThat(store.readBars(List.of(AAA), Interval.ofMinutes(5), minutes(0, 30))).isEmpty();
        assertThat(store.readBars(List.of(BBB), Interval.ofMinutes(5), minutes(0, 30))).isEmpty();
        assertThat(store.readBars(List.of(BBB), Interval.ONE_MINUTE, minutes(5, 5))).isEmpty();
        assertThat(provider.calls).isEmpty();
    }

    @Test
    void minutesThatHaveNotEndedAndMinutesOutsideSessionsAreNeverAskedFor() {
        clock.set(at(10).plusSeconds(30));  // 09:40:30: 09:30..09:39 have ended
        BarSeries read = store.readBars(List.of(AAA), Interval.ONE_MINUTE,
                new TimeRange(SESSION.open().minus(Duration.ofDays(3)), SESSION.close()));

        // Friday's session is whole; the weekend and Monday's night and pre-market are not asked for.
        TradingSession friday = XNYS.session(MONDAY.minusDays(3)).orElseThrow();
        assertThat(provider.calls).containsExactly(
                new FakeProvider.Call(List.of(AAA), friday.range()),
                new FakeProvider.Call(List.of(AAA), minutes(0, 10)));
        assertThat(read).as("the vendor here has Monday only").hasSize(10);
        assertThat(read.get(9)).isEqualTo(vendorBar(AAA, 9));
    }

    @Test
    void aMinuteWithoutTradesIsAskedForOnceWhenSettledAndAgainWhileYoung() {
        provider.lacking = Set.of(at(3), at(10));
        inner.upsertBars(held(AAA, 0, 10, Set.of(3)));
        clock.set(at(11).plusSeconds(10));  // 09:41:10: 09:40 ended 10 s ago, 09:33 long ago
        store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 11));
        assertThat(provider.calls).containsExactly(new FakeProvider.Call(List.of(AAA), minutes(3, 11)));

        store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 11));
        assertThat(provider.calls).as("09:40 is young: asked again, 09:33 not").hasSize(2)
                .last().isEqualTo(new FakeProvider.Call(List.of(AAA), minutes(10, 11)));

        clock.set(at(13).plusSeconds(30));  // 09:43:30: 09:40 ended 2.5 min ago, past the settle
        store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 11));
        store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 11));
        assertThat(provider.calls).as("settled: asked once more, then never").hasSize(3);
    }

    @Test
    void aFailingProviderLeavesTheStoresBarsWarnsOnceAndIsLeftAloneForTheCooldown() {
        inner.upsertBars(held(AAA, 0, 12, Set.of(5)));
        provider.failure = new StorageException("GET http://vendor/bars: HTTP 503 Service Unavailable");

        BarSeries read = store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12));
        assertThat(read).hasSize(11).allMatch(b -> b.volume() == 1);
        assertThat(provider.calls).hasSize(1);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .contains("fake vendor").contains("HTTP 503").contains("store's bars"));

        clock.advance(Duration.ofSeconds(10));
        assertThat(store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12))).hasSize(11);
        assertThat(provider.calls).as("within the cooldown").hasSize(1);

        clock.advance(Duration.ofSeconds(25));
        assertThat(store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12))).hasSize(11);
        assertThat(provider.calls).as("after the cooldown").hasSize(2);
        assertThat(warnings()).as("the second failure in a row is not warned again").hasSize(1);

        provider.failure = null;
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 12))).hasSize(12)
                .contains(vendorBar(AAA, 5));
        assertThat(logs.list).last().satisfies(e -> assertThat(e.getFormattedMessage()).contains("answers again"));
    }

    @Test
    void aFailedWriteStillAnswersTheReadAndTheMinutesAreAskedForAgain() {
        HookedStore failing = new HookedStore(inner).onBarWrite(b -> {
            throw new StorageException("disk full");
        });
        MarketDataStore s = MarketDataStores.withBarBackfill(failing, provider, XNYS, clock);
        assertThat(s.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 3))).hasSize(3);
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .contains("disk full").contains("not stored"));
        assertThat(s.readBars(AAA, Interval.ONE_MINUTE, minutes(0, 3))).hasSize(3);
        assertThat(provider.calls).hasSize(2);
        assertThat(s.description()).contains("fake vendor");
    }
}
