package io.sessionflow.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.TimeRange;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.storage.Coverage;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.storage.UpsertResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link MarketDataStore} shares, checked against each backend (and the in-memory reference, to
 * keep the reference honest). A subclass supplies a fresh, empty store per test.
 */
public abstract class MarketDataStoreContract {

    protected static final Symbol AAPL = Symbol.of("AAPL");
    protected static final Symbol MSFT = Symbol.of("MSFT");
    protected static final Symbol SPY = Symbol.of("SPY");
    protected static final Symbol BRK_B = Symbol.of("BRK.B");
    protected static final Instant OPEN = Instant.parse("2013-10-07T13:30:00Z");
    protected static final Interval M1 = Interval.ONE_MINUTE;
    protected static final Interval M5 = Interval.ofMinutes(5);
    protected static final TimeRange ALL = TimeRange.of(Instant.parse("1900-01-01T00:00:00Z"),
            Instant.parse("2100-01-01T00:00:00Z"));

    protected MarketDataStore store;

    /** A new, empty store. */
    protected abstract MarketDataStore openStore() throws Exception;

    /** Called after the store is closed, to remove what a successful {@link #openStore()} created. */
    protected void disposeStore() throws Exception {
    }

    /**
     * Makes the database itself reject a write that stores two bars with the same volume (a unique index the store
     * does not know about), so that a write fails half-way inside its transaction. Empty when the backend cannot.
     *
     * @return what removes the rule again
     */
    protected abstract Optional<AutoCloseable> rejectRepeatedVolumes() throws Exception;

    /**
     * The symbols the backend's database has rows for, read past the store (which caches them). Empty when the
     * backend keeps no such table.
     */
    protected Optional<java.util.Set<String>> storedSymbols() throws Exception {
        return Optional.empty();
    }

    @BeforeEach
    void openTheStore() throws Exception {
        store = openStore();
    }

    @AfterEach
    void closeTheStore() throws Exception {
        if (store != null) {
            store.close();
            disposeStore();
        }
    }

    // ---------------------------------------------------------------- data helpers

    protected static Instant minute(int m) {
        return OPEN.plus(Duration.ofMinutes(m));
    }

    protected static Bar bar(Symbol s, Interval interval, int minute, double price) {
        return Bar.of(s, minute(minute), interval, price, price + 1, price - 1, price + 0.5, 1000 + minute);
    }

    protected static Bar bar(Symbol s, int minute, double price) {
        return bar(s, M1, minute, price);
    }

    protected static BarSeries bars(Interval interval, Bar... bars) {
        return BarSeries.of(interval, List.of(bars));
    }

    protected static BarSeries bars(Bar... bars) {
        return bars(M1, bars);
    }

    /** One session-like block: {@code minutes} 1m bars for each symbol, symbol after symbol. */
    protected static BarSeries session(List<Symbol> symbols, int firstMinute, int minutes) {
        BarSeries.Builder b = BarSeries.builder(M1, symbols.size() * minutes);
        for (Symbol s : symbols) {
            for (int m = firstMinute; m < firstMinute + minutes; m++) {
                b.add(bar(s, m, 100 + s.value().length() + m * 0.01));
            }
        }
        return b.build();
    }

    protected static Quote quote(Symbol s, Instant t, double bid) {
        return new Quote(s, t, bid, bid + 0.01, 100, 200);
    }

    protected static Trade trade(Symbol s, Instant t, double price) {
        return new Trade(s, t, price, 10);
    }

    private static List<Bar> expected(BarSeries... writes) {
        List<Bar> out = new ArrayList<>();
        for (BarSeries w : writes) {
            w.forEach(b -> out.add(b.withFlags(0)));
        }
        out.sort((a, b) -> a.symbol().equals(b.symbol()) ? a.start().compareTo(b.start())
                : a.symbol().compareTo(b.symbol()));
        return out;
    }

    // ---------------------------------------------------------------- bars: writes

    @Test
    void anEmptyStoreHasNothing() {
        assertThat(store.readBars(List.of(AAPL, MSFT), M1, ALL)).isEmpty();
        assertThat(store.readBars(AAPL, M5, ALL)).isEmpty();
        assertThat(store.readQuotes(List.of(AAPL), ALL)).isEmpty();
        assertThat(store.readTrades(List.of(AAPL), ALL)).isEmpty();
        assertThat(store.barCoverage()).isEmpty();
        assertThat(store.quoteCoverage()).isEmpty();
        assertThat(store.tradeCoverage()).isEmpty();
        assertThat(store.description()).isNotBlank();
    }

    @Test
    void upsertCountsInsertedThenUnchanged() {
        BarSeries three = bars(bar(AAPL, 0, 10), bar(AAPL, 1, 11), bar(MSFT, 0, 20));

        assertThat(store.upsertBars(three)).isEqualTo(new UpsertResult(3, 0, 0));
        assertThat(store.upsertBars(three)).isEqualTo(new UpsertResult(0, 0, 3));
        assertThat(store.readBars(List.of(AAPL, MSFT), M1, ALL)).containsExactlyElementsOf(expected(three));
    }

    @Test
    void upsertOverwritesChangedValuesAndCountsThem() {
        store.upsertBars(bars(bar(AAPL, 0, 10), bar(AAPL, 1, 11)));
        Bar changed = Bar.of(AAPL, minute(1), M1, 11, 13, 10, 12.25, 5000);

        UpsertResult result = store.upsertBars(bars(bar(AAPL, 0, 10), changed, bar(AAPL, 2, 12)));

        assertThat(result).isEqualTo(new UpsertResult(1, 1, 1));
        assertThat(store.readBars(AAPL, M1, ALL)).containsExactly(bar(AAPL, 0, 10), changed, bar(AAPL, 2, 12));
    }

    @Test
    void aChangeInAnOptionalColumnIsAnUpdate() {
        Bar plain = bar(AAPL, 0, 10);
        store.upsertBars(bars(plain));
        Bar withExtras = new Bar(AAPL, plain.start(), M1, plain.open(), plain.high(), plain.low(), plain.close(),
                plain.volume(), 42, 10.2, 0);

        assertThat(store.upsertBars(bars(withExtras))).isEqualTo(new UpsertResult(0, 1, 0));
        assertThat(store.upsertBars(bars(plain))).isEqualTo(new UpsertResult(0, 1, 0));
        assertThat(store.readBars(AAPL, M1, ALL)).containsExactly(plain);
    }

    @Test
    void duplicateKeysInOneWriteAreRejectedAndNothingIsWritten() {
        BarSeries withTwin = bars(bar(AAPL, 0, 10), bar(MSFT, 0, 20), bar(AAPL, 0, 10.5));

        assertThatThrownBy(() -> store.upsertBars(withTwin))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AAPL")
                .hasMessageContaining(minute(0).toString());
        assertThat(store.readBars(List.of(AAPL, MSFT), M1, ALL)).isEmpty();
        assertThat(store.barCoverage()).isEmpty();
    }

    @Test
    void aWriteThatFailsInsideTheDatabaseChangesNothing() throws Exception {
        Optional<AutoCloseable> rule = rejectRepeatedVolumes();
        assumeThat(rule).as("this backend cannot fail inside a write").isPresent();
        Bar stored = bar(AAPL, 0, 10);
        AutoCloseable undo = rule.orElseThrow();
        try {
            store.upsertBars(bars(stored));
            Bar changed = Bar.of(AAPL, minute(0), M1, 10, 12, 9, 11, 7);
            Bar fresh = Bar.of(MSFT, minute(0), M1, 20, 21, 19, 20, 8);
            Bar clash = Bar.of(SPY, minute(0), M1, 30, 31, 29, 30, fresh.volume());

            assertThatThrownBy(() -> store.upsertBars(bars(changed, fresh, clash)))
                    .isInstanceOf(io.sessionflow.storage.StorageException.class)
                    .hasMessageNotContaining("\n");
        } finally {
            undo.close();
        }
        assertThat(store.readBars(List.of(AAPL, MSFT, SPY), M1, ALL)).containsExactly(stored);
        assertThat(store.upsertBars(bars(bar(MSFT, 0, 20)))).isEqualTo(new UpsertResult(1, 0, 0));
    }

    @Test
    void aWriteThatFailsInsideTheDatabaseRegistersNoSymbols() throws Exception {
        Optional<AutoCloseable> rule = rejectRepeatedVolumes();
        assumeThat(rule).as("this backend cannot fail inside a write").isPresent();
        AutoCloseable undo = rule.orElseThrow();
        try {
            store.upsertBars(bars(bar(AAPL, 0, 10)));
            Bar fresh = Bar.of(MSFT, minute(0), M1, 20, 21, 19, 20, 8);
            Bar clash = Bar.of(SPY, minute(0), M1, 30, 31, 29, 30, fresh.volume());

            assertThatThrownBy(() -> store.upsertBars(bars(fresh, clash)))
                    .isInstanceOf(io.sessionflow.storage.StorageException.class);
        } finally {
            undo.close();
        }
        assertThat(storedSymbols()).hasValueSatisfying(s -> assertThat(s).containsExactly("AAPL"));
        assertThat(store.upsertBars(bars(bar(MSFT, 0, 20)))).isEqualTo(new UpsertResult(1, 0, 0));
        assertThat(storedSymbols()).hasValueSatisfying(s -> assertThat(s).containsExactlyInAnyOrder("AAPL", "MSFT"));
        assertThat(store.readBars(List.of(MSFT, SPY), M1, ALL)).containsExactly(bar(MSFT, 0, 20));
        assertThat(store.barCoverage()).extracting(Coverage::symbol).containsExactly(AAPL, MSFT);
    }

    @Test
    void flagsAreNotStored() {
        store.upsertBars(bars(bar(AAPL, 0, 10).withFlags(Bar.FILLED | Bar.SYNTHETIC)));

        assertThat(store.readBars(AAPL, M1, ALL).get(0).flags()).isZero();
        assertThat(store.upsertBars(bars(bar(AAPL, 0, 10)))).isEqualTo(new UpsertResult(0, 0, 1));
    }

    @Test
    void emptyWritesAndEmptyRequestsDoNothing() {
        store.upsertBars(bars(bar(AAPL, 0, 10)));

        assertThat(store.upsertBars(BarSeries.empty(M1))).isEqualTo(UpsertResult.NONE);
        assertThat(store.upsertQuotes(QuoteSeries.empty())).isEqualTo(UpsertResult.NONE);
        assertThat(store.upsertTrades(TradeSeries.empty())).isEqualTo(UpsertResult.NONE);
        assertThat(store.readBars(List.of(), M1, ALL)).isEmpty();
        assertThat(store.readBars(AAPL, M1, TimeRange.of(minute(0), minute(0)))).isEmpty();
    }

    // ---------------------------------------------------------------- bars: reads

    @Test
    void rangesAreHalfOpen() {
        store.upsertBars(session(List.of(AAPL), 0, 5));

        BarSeries read = store.readBars(AAPL, M1, TimeRange.of(minute(1), minute(3)));

        assertThat(read).extracting(Bar::start).containsExactly(minute(1), minute(2));
    }

    @Test
    void readsAreOrderedBySymbolThenStartWhateverTheWriteOrder() {
        BarSeries late = bars(bar(MSFT, 7, 27), bar(MSFT, 5, 25), bar(SPY, 3, 33));
        BarSeries middle = bars(bar(AAPL, 4, 14), bar(AAPL, 2, 12), bar(BRK_B, 1, 41));
        BarSeries early = bars(bar(MSFT, 1, 21), bar(AAPL, 0, 10), bar(MSFT, 6, 26), bar(SPY, 0, 30));
        store.upsertBars(late);
        store.upsertBars(middle);
        store.upsertBars(early);

        BarSeries read = store.readBars(List.of(SPY, MSFT, BRK_B, AAPL), M1, ALL);

        assertThat(read).containsExactlyElementsOf(expected(late, middle, early));
    }

    @Test
    void barsWrittenOneAtATimeNewestFirstReadInOrder() {
        List<Bar> written = new ArrayList<>();
        for (int m = 20; m >= 0; m--) {
            for (Symbol s : List.of(SPY, AAPL)) {
                Bar b = bar(s, m, 50 + m);
                store.upsertBars(bars(b));
                written.add(b);
            }
        }

        BarSeries read = store.readBars(List.of(AAPL, SPY), M1, ALL);

        assertThat(read).containsExactlyElementsOf(expected(BarSeries.of(M1, written)));
    }

    @Test
    void multiSymbolReadsReturnOnlyRequestedSymbolsThatHaveBars() {
        store.upsertBars(session(List.of(AAPL, BRK_B, MSFT, SPY), 0, 3));

        BarSeries read = store.readBars(List.of(SPY, AAPL, Symbol.of("ZZZ"), AAPL), M1, ALL);

        assertThat(read.symbols()).containsExactly(AAPL, SPY);
        assertThat(read).hasSize(6);
        assertThat(store.readBars(List.of(Symbol.of("ZZZ")), M1, ALL)).isEmpty();
    }

    @Test
    void aReadOfTheSameSymbolsAgainSeesSymbolsWrittenSinceAndOtherSymbolListsGetTheirOwnRows() {
        List<Symbol> asked = new java.util.ArrayList<>(List.of(AAPL, MSFT));
        store.upsertBars(session(List.of(AAPL), 0, 2));
        assertThat(store.readBars(asked, M1, ALL).symbols()).containsExactly(AAPL);

        store.upsertBars(session(List.of(MSFT), 0, 2));  // MSFT was unknown to the store at the first read

        assertThat(store.readBars(asked, M1, ALL).symbols()).containsExactly(AAPL, MSFT);
        assertThat(store.readBars(List.of(MSFT), M1, ALL).symbols()).containsExactly(MSFT);
        asked.set(1, SPY);  // the same list, changed: no rows of MSFT any more
        assertThat(store.readBars(asked, M1, ALL).symbols()).containsExactly(AAPL);
        assertThat(store.readBars(java.util.Set.of(MSFT, AAPL), M1, ALL)).hasSize(4);
    }

    @Test
    void manySymbolsAndSessionsRoundTripAcrossBatches() {
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            symbols.add(Symbol.of("S" + (char) ('A' + i / 26) + (char) ('A' + i % 26)));
        }
        Collections.reverse(symbols);
        BarSeries day1 = session(symbols, 0, 390);
        BarSeries day2 = session(symbols, 24 * 60, 390);
        store.upsertBars(day2);
        store.upsertBars(day1);
        List<Symbol> every3rd = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i += 3) {
            every3rd.add(symbols.get(i));
        }

        assertThat(store.readBars(symbols, M1, ALL)).containsExactlyElementsOf(expected(day1, day2));
        assertThat(store.readBars(every3rd, M1, TimeRange.of(minute(24 * 60), minute(48 * 60))))
                .containsExactlyElementsOf(expected(day2).stream().filter(b -> every3rd.contains(b.symbol())).toList());
    }

    @Test
    void oneWriteRegistersMoreNewSymbolsThanOneStatementTakes() {
        List<Symbol> symbols = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            symbols.add(Symbol.of(String.format("T%04d", i)));
        }
        BarSeries one = session(symbols, 0, 1);

        assertThat(store.upsertBars(one)).isEqualTo(new UpsertResult(1_200, 0, 0));
        assertThat(store.readBars(symbols, M1, ALL)).containsExactlyElementsOf(expected(one));
        assertThat(store.barCoverage()).hasSize(1_200);
    }

    @Test
    void intervalsAreStoredApart() {
        store.upsertBars(bars(bar(AAPL, 0, 10), bar(AAPL, 1, 11)));
        store.upsertBars(bars(M5, bar(AAPL, M5, 0, 12)));

        assertThat(store.readBars(AAPL, M5, ALL)).containsExactly(bar(AAPL, M5, 0, 12));
        assertThat(store.readBars(AAPL, M1, ALL)).hasSize(2);
        assertThat(store.readBars(AAPL, M5, ALL).interval()).isEqualTo(M5);
    }

    @Test
    void optionalColumnsRoundTrip() {
        Bar both = new Bar(AAPL, minute(0), M1, 10, 11, 9, 10.5, 100, 17, 10.25, 0);
        Bar countOnly = new Bar(AAPL, minute(1), M1, 10, 11, 9, 10.5, 100, 0, Double.NaN, 0);
        Bar vwapOnly = new Bar(AAPL, minute(2), M1, 10, 11, 9, 10.5, 100, Bar.NO_TRADE_COUNT, 10.125, 0);
        Bar neither = bar(AAPL, 3, 10);
        store.upsertBars(bars(both, countOnly, vwapOnly, neither));

        BarSeries read = store.readBars(AAPL, M1, ALL);

        assertThat(read).containsExactly(both, countOnly, vwapOnly, neither);
        assertThat(read.get(2).hasTradeCount()).isFalse();
        assertThat(read.get(1).hasVwap()).isFalse();
    }

    @Test
    void timesAndPricesAreExact() {
        Instant odd = Instant.parse("2013-10-07T13:30:00.000001Z");
        Instant beforeEpoch = Instant.parse("1969-12-31T23:59:59.999999Z");
        Bar a = Bar.of(AAPL, odd, M1, 0.1 + 0.2, 1e300, -1e-300, 1.0 / 3, Long.MAX_VALUE);
        Bar b = Bar.of(AAPL, beforeEpoch, M1, 4.9e-324, 5, 0, 2, 0);
        store.upsertBars(bars(a, b));

        assertThat(store.readBars(AAPL, M1, ALL)).containsExactly(b, a);
        assertThat(store.readBars(AAPL, M1, TimeRange.of(odd, odd.plusNanos(1000)))).containsExactly(a);
        assertThat(store.readBars(AAPL, M1, TimeRange.of(OPEN, odd))).isEmpty();
    }

    @Test
    void barCoverageIsPerSymbolAndIntervalInOrder() {
        store.upsertBars(bars(bar(SPY, 3, 30), bar(AAPL, 0, 10), bar(AAPL, 7, 17), bar(SPY, 1, 31)));
        store.upsertBars(bars(M5, bar(AAPL, M5, 5, 12)));

        assertThat(store.barCoverage()).containsExactly(
                new Coverage(AAPL, StreamType.BARS, 1, minute(0), minute(7), 2),
                new Coverage(AAPL, StreamType.BARS, 5, minute(5), minute(5), 1),
                new Coverage(SPY, StreamType.BARS, 1, minute(1), minute(3), 2));
    }

    @Test
    void nullSymbolsAreRejectedBeforeAnyRead() {
        store.upsertBars(bars(bar(AAPL, 0, 10)));
        List<Symbol> withNull = Arrays.asList(AAPL, null);

        assertThatThrownBy(() -> store.readBars(withNull, M1, ALL))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
        assertThatThrownBy(() -> store.readQuotes(withNull, ALL))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
        assertThatThrownBy(() -> store.readTrades(withNull, ALL))
                .isInstanceOfAny(IllegalArgumentException.class, NullPointerException.class);
        assertThatThrownBy(() -> Symbol.of("AAPL'; DROP TABLE bars; --"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.readBars(AAPL, M1, ALL)).hasSize(1);
    }

    @Test
    void twoThreadsReadConcurrently() throws Exception {
        List<Symbol> symbols = List.of(AAPL, BRK_B, MSFT, SPY);
        store.upsertBars(session(symbols, 0, 390));
        store.upsertQuotes(QuoteSeries.of(List.of(quote(AAPL, minute(0), 10), quote(AAPL, minute(0), 10.01))));
        BarSeries expectedBars = store.readBars(symbols, M1, ALL);
        List<Coverage> expectedCoverage = store.barCoverage();
        int rounds = 40;
        CyclicBarrier together = new CyclicBarrier(2);
        Callable<Integer> reader = () -> {
            int ok = 0;
            for (int i = 0; i < rounds; i++) {
                together.await(30, TimeUnit.SECONDS);
                if (store.readBars(symbols, M1, ALL).equals(expectedBars)
                        && store.barCoverage().equals(expectedCoverage)
                        && store.readQuotes(List.of(AAPL), ALL).size() == 2) {
                    ok++;
                }
            }
            return ok;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> first = pool.submit(reader);
            Future<Integer> second = pool.submit(reader);
            assertThat(first.get(2, TimeUnit.MINUTES)).isEqualTo(rounds);
            assertThat(second.get(2, TimeUnit.MINUTES)).isEqualTo(rounds);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        }
    }

    // ---------------------------------------------------------------- quote bars

    /** Every field, bit for bit: {@code record equals} compares doubles as {@link Double#compare} does. */
    private static void assertSameBits(QuoteBarSeries got, List<QuoteBar> expected) {
        assertThat(got).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            QuoteBar g = got.get(i);
            QuoteBar e = expected.get(i);
            double[] a = {g.bidOpen(), g.bidHigh(), g.bidLow(), g.bidClose(), g.bidSize(), g.askOpen(), g.askHigh(),
                g.askLow(), g.askClose(), g.askSize()};
            double[] b = {e.bidOpen(), e.bidHigh(), e.bidLow(), e.bidClose(), e.bidSize(), e.askOpen(), e.askHigh(),
                e.askLow(), e.askClose(), e.askSize()};
            for (int k = 0; k < a.length; k++) {
                assertThat(Double.doubleToLongBits(a[k])).as("%s field %d", e, k)
                        .isEqualTo(Double.doubleToLongBits(b[k]));
            }
            assertThat(g).isEqualTo(e);
        }
    }

    @Test
    void quoteBarsRoundTripBitForBitWithAbsentSidesAndFractionalSizes() {
        List<QuoteBar> bars = List.of(
                QuoteBar.of(AAPL, minute(0), M1, 0.1, 0.30000000000000004, 0.1, 0.2, 0.123456789, 0.2, 0.4, 0.2,
                        0.3, 1e-9),
                QuoteBar.of(AAPL, minute(1), M1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 167.27,
                        168.0, 167.26, 167.27, 20000),
                QuoteBar.of(AAPL, minute(2), M1, 1234.5678, 1234.5678, 1234.5678, 1234.5678, 3.5, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, 0),
                QuoteBar.of(MSFT, minute(0), M1, 1.0 / 3, 2.0 / 3, 1.0 / 3, 0.5, Double.MIN_VALUE, 1, 1, 1, 1,
                        Double.MAX_VALUE));
        QuoteBarSeries written = QuoteBarSeries.of(M1, bars);

        assertThat(store.upsertQuoteBars(written)).isEqualTo(new UpsertResult(4, 0, 0));
        assertSameBits(store.readQuoteBars(List.of(MSFT, AAPL), M1, ALL), bars);
        assertThat(store.readQuoteBars(List.of(AAPL), M5, ALL)).as("intervals apart").isEmpty();
        assertThat(store.readQuoteBars(List.of(AAPL), M1, TimeRange.of(minute(1), minute(2))))
                .containsExactly(bars.get(1));
        assertThat(store.upsertQuoteBars(written)).isEqualTo(new UpsertResult(0, 0, 4));
        QuoteBar changed = QuoteBar.of(AAPL, minute(1), M1, 1, 1, 1, 1, 1, 167.27, 168.0, 167.26, 167.27, 20000);
        assertThat(store.upsertQuoteBars(QuoteBarSeries.of(M1, List.of(changed))))
                .as("a side that appears is an update").isEqualTo(new UpsertResult(0, 1, 0));
        assertThat(store.readQuoteBars(List.of(AAPL), M1, ALL).get(1)).isEqualTo(changed);
        assertThat(store.quoteBarCoverage()).extracting(Coverage::symbol, Coverage::type, Coverage::rows)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AAPL, StreamType.QUOTE_BARS, 3L),
                        org.assertj.core.groups.Tuple.tuple(MSFT, StreamType.QUOTE_BARS, 1L));
        assertThat(store.quoteCoverage()).as("quote bars are not quotes").isEmpty();
    }

    // ---------------------------------------------------------------- quotes and trades

    @Test
    void quotesWithEqualTimesAreAllKeptInWrittenOrder() {
        Instant t = minute(0);
        QuoteSeries written = QuoteSeries.of(List.of(quote(AAPL, t, 10.03), quote(AAPL, t, 10.01),
                quote(MSFT, t, 20), quote(AAPL, t, 10.02), quote(AAPL, minute(1), 11)));

        assertThat(store.upsertQuotes(written)).isEqualTo(new UpsertResult(5, 0, 0));
        assertThat(store.readQuotes(List.of(MSFT, AAPL), ALL)).containsExactly(quote(AAPL, t, 10.03),
                quote(AAPL, t, 10.01), quote(AAPL, t, 10.02), quote(AAPL, minute(1), 11), quote(MSFT, t, 20));
        assertThat(store.upsertQuotes(written)).isEqualTo(new UpsertResult(0, 0, 5));
        assertThat(store.readQuotes(List.of(AAPL), ALL)).hasSize(4);
    }

    @Test
    void quotesAtATimeAreMatchedBySequence() {
        Instant t = minute(0);
        store.upsertQuotes(QuoteSeries.of(List.of(quote(AAPL, t, 10), quote(AAPL, t, 11))));

        UpsertResult result = store.upsertQuotes(QuoteSeries.of(List.of(quote(AAPL, t, 10), quote(AAPL, t, 12),
                quote(AAPL, t, 13))));

        assertThat(result).isEqualTo(new UpsertResult(1, 1, 1));
        assertThat(store.readQuotes(List.of(AAPL), ALL))
                .containsExactly(quote(AAPL, t, 10), quote(AAPL, t, 12), quote(AAPL, t, 13));
    }

    @Test
    void quoteReadsAreHalfOpenAndExact() {
        Instant t = Instant.parse("2013-10-07T13:30:00.123456Z");
        Quote oneSided = new Quote(SPY, t, 0, 170.5, 0, 300);
        store.upsertQuotes(QuoteSeries.of(List.of(oneSided, quote(SPY, t.plusNanos(1000), 170),
                quote(SPY, t.minusNanos(1000), 169))));

        assertThat(store.readQuotes(List.of(SPY), TimeRange.of(t, t.plusNanos(1000)))).containsExactly(oneSided);
    }

    @Test
    void tradesWithEqualTimesAreAllKeptAndReupsertIsIdempotent() {
        Instant t = minute(3);
        TradeSeries written = TradeSeries.of(List.of(trade(SPY, t, 170.02), trade(SPY, t, 170.01),
                trade(AAPL, minute(2), 10), trade(SPY, t, 170.02), trade(SPY, minute(4), 171)));

        assertThat(store.upsertTrades(written)).isEqualTo(new UpsertResult(5, 0, 0));
        assertThat(store.upsertTrades(written)).isEqualTo(new UpsertResult(0, 0, 5));
        assertThat(store.readTrades(List.of(SPY, AAPL), ALL)).containsExactly(trade(AAPL, minute(2), 10),
                trade(SPY, t, 170.02), trade(SPY, t, 170.01), trade(SPY, t, 170.02), trade(SPY, minute(4), 171));
        assertThat(store.readTrades(List.of(SPY), TimeRange.of(t, minute(4)))).hasSize(3);
        TradeSeries changed = TradeSeries.of(List.of(new Trade(SPY, t, 170.02, 99)));
        assertThat(store.upsertTrades(changed)).isEqualTo(new UpsertResult(0, 1, 0));
    }

    @Test
    void manyTicksWrittenOutOfOrderReadInOrder() {
        List<Trade> trades = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            trades.add(trade(i % 2 == 0 ? SPY : AAPL, OPEN.plusMillis(20_000 - i / 3), 100 + i % 7));
        }
        // Split between groups of equal times: a sequence is only defined within one write.
        store.upsertTrades(TradeSeries.of(trades.subList(10_002, 20_000)));
        store.upsertTrades(TradeSeries.of(trades.subList(0, 10_002)));

        TradeSeries read = store.readTrades(List.of(AAPL, SPY), ALL);

        List<Trade> expected = new ArrayList<>(trades);
        expected.sort((a, b) -> a.symbol().equals(b.symbol()) ? a.time().compareTo(b.time())
                : a.symbol().compareTo(b.symbol()));
        assertThat(read).containsExactlyElementsOf(expected);
    }

    @Test
    void tickCoverageIsPerSymbol() {
        store.upsertQuotes(QuoteSeries.of(List.of(quote(SPY, minute(2), 1), quote(SPY, minute(2), 2),
                quote(AAPL, minute(0), 3), quote(SPY, minute(9), 4))));
        store.upsertTrades(TradeSeries.of(List.of(trade(MSFT, minute(1), 5))));

        assertThat(store.quoteCoverage()).containsExactly(
                new Coverage(AAPL, StreamType.QUOTES, 0, minute(0), minute(0), 1),
                new Coverage(SPY, StreamType.QUOTES, 0, minute(2), minute(9), 3));
        assertThat(store.tradeCoverage()).containsExactly(
                new Coverage(MSFT, StreamType.TRADES, 0, minute(1), minute(1), 1));
        assertThat(store.barCoverage()).isEmpty();
    }

    @Test
    void corporateActionsFactorAndMapRowsRoundTripAndAReRecordReplacesThem() {
        Symbol aaa = Symbol.of("AAA");
        java.time.LocalDate d1 = java.time.LocalDate.of(2014, 6, 6);
        java.time.LocalDate d2 = java.time.LocalDate.of(2050, 12, 31);
        io.sessionflow.corporate.FactorFile factors = new io.sessionflow.corporate.FactorFile(aaa, List.of(
                new io.sessionflow.corporate.FactorFile.Row(d1, 0.9011818, 0.0357143, 645.57),
                new io.sessionflow.corporate.FactorFile.Row(d2, 1, 1, Double.NaN)));
        store.recordFactorFile(factors);
        assertThat(store.factorFile(aaa)).contains(factors);
        assertThat(store.factorFile(Symbol.of("BBB"))).isEmpty();
        io.sessionflow.corporate.FactorFile shorter = new io.sessionflow.corporate.FactorFile(aaa, List.of(
                new io.sessionflow.corporate.FactorFile.Row(d2, 1, 1, 0)));
        store.recordFactorFile(shorter);
        assertThat(store.factorFile(aaa)).contains(shorter);

        io.sessionflow.corporate.MapFile map = new io.sessionflow.corporate.MapFile(aaa, List.of(
                new io.sessionflow.corporate.MapFile.Row(java.time.LocalDate.of(2014, 4, 2), Symbol.of("AAB"), "Q"),
                new io.sessionflow.corporate.MapFile.Row(d2, aaa, "Q")));
        store.recordMapFile(map);
        assertThat(store.mapFile(aaa)).contains(map);
        assertThat(store.securityTradedAs(Symbol.of("AAB"), java.time.LocalDate.of(2014, 3, 28))).contains(aaa);
        assertThat(store.securityTradedAs(Symbol.of("AAB"), java.time.LocalDate.of(2014, 4, 3))).isEmpty();
        assertThat(store.securityTradedAs(aaa, java.time.LocalDate.of(2014, 4, 3))).contains(aaa);

        io.sessionflow.corporate.CorporateAction split = io.sessionflow.corporate.CorporateAction.split(aaa,
                java.time.LocalDate.of(2014, 6, 9), 7);
        io.sessionflow.corporate.CorporateAction dividend = io.sessionflow.corporate.CorporateAction.dividend(aaa,
                java.time.LocalDate.of(2014, 5, 8), 3.29);
        store.recordCorporateActions(List.of(split, dividend));
        store.recordCorporateActions(List.of(io.sessionflow.corporate.CorporateAction.dividend(aaa,
                java.time.LocalDate.of(2014, 5, 8), 3.3)));
        assertThat(store.corporateActions(aaa)).containsExactly(io.sessionflow.corporate.CorporateAction.dividend(
                aaa, java.time.LocalDate.of(2014, 5, 8), 3.3), split);
    }
}
