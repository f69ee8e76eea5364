package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A symbol with quote bars and no trade bars (forex) replays: its quote bars are delivered at their ends with derived
 * quote bars aligned to the open, and its session quality counts its quote-bar minutes, since it has no trade bars.
 * A symbol with both keeps its quality from its trade bars.
 */
class QuoteOnlyInstrumentTest {

    private static final Symbol EURUSD = Symbol.of("EURUSD");
    private static final Symbol SPY = Symbol.of("SPY");
    private static final LocalDate DAY = LocalDate.of(2025, 11, 24);
    private static final Interval M5 = Interval.ofMinutes(5);

    /** Quote bars for every minute of the session but those in {@code missing}; minute 7 has no ask. */
    private static QuoteBarSeries quoteBars(Symbol s, TradingSession session, java.util.Set<Integer> missing) {
        QuoteBarSeries.Builder b = QuoteBarSeries.builder(Interval.ONE_MINUTE);
        long open = Micros.of(session.open());
        for (int m = 0; m < session.minutes(); m++) {
            if (missing.contains(m)) {
                continue;
            }
            double bid = 1.1 + m * 1e-5;
            boolean noAsk = m == 7;
            b.add(s, open + m * Micros.PER_MINUTE, bid, bid + 2e-5, bid - 1e-5, bid + 1e-5, 1_000_000.5 + m,
                    noAsk ? Double.NaN : bid + 1e-4, noAsk ? Double.NaN : bid + 2e-4, noAsk ? Double.NaN : bid,
                    noAsk ? Double.NaN : bid + 1.5e-4, noAsk ? 0 : 2_000_000.25);
        }
        return b.build();
    }

    @Test
    void aQuoteOnlySymbolReplaysWithQualityFromItsQuoteBars() {
        TradingSession session = Sessions.of(DAY);
        InMemoryStore store = new InMemoryStore();
        java.util.Set<Integer> missing = java.util.Set.of(3, 4, 100, 389);
        QuoteBarSeries stored = quoteBars(EURUSD, session, missing);
        store.upsertQuoteBars(stored);
        List<QuoteBar> oneMinute = new ArrayList<>();
        List<QuoteBar> derived = new ArrayList<>();
        Replay.Result r = Replay.over(DAY, DAY.plusDays(1)).symbols(List.of(EURUSD)).streams(StreamType.QUOTE_BARS)
                .config(c -> c.derivedIntervals(List.of(M5))).store(store)
                .listener(new MarketDataListener() {
                    @Override
                    public void onQuoteBar(QuoteBar bar) {
                        oneMinute.add(bar);
                    }

                    @Override
                    public void onDerivedQuoteBar(QuoteBar bar) {
                        derived.add(bar);
                    }
                }).run().completed();

        assertThat(oneMinute).containsExactlyElementsOf(stored);
        SessionSummary.SymbolSummary summary = r.sessions().get(0).symbols().get(EURUSD);
        assertThat(summary).as("a quote-only symbol has a summary").isNotNull();
        assertThat(summary.expected()).isEqualTo(390);
        assertThat(summary.present()).isEqualTo(390 - missing.size());
        assertThat(summary.quality()).isEqualTo((390 - missing.size()) * 100.0 / 390);
        assertThat(r.data(EURUSD).quality()).isEqualTo(summary.quality());
        assertThat(r.data(EURUSD).quoteBars()).containsExactlyElementsOf(stored);

        // 78 five-minute windows, every one holding quote bars; the window of minutes 0-4 lacks 3 and 4
        assertThat(derived).hasSize(78);
        assertThat(summary.derived()).containsEntry(M5, 78);
        assertThat(derived).extracting(QuoteBar::start).isSorted();
        QuoteBar first = derived.get(0);
        assertThat(first.start()).isEqualTo(session.open());
        assertThat(first.bidOpen()).isEqualTo(stored.get(0).bidOpen());
        assertThat(first.bidClose()).isEqualTo(stored.get(2).bidClose());
        assertThat(first.bidSize()).isEqualTo(stored.get(2).bidSize());
        assertThat(first.bidHigh()).isEqualTo(stored.get(2).bidHigh());
        assertThat(first.bidLow()).isEqualTo(stored.get(0).bidLow());
        // minutes 5-9: minute 7 has no ask, the ask folds the other four
        QuoteBar second = derived.get(1);
        assertThat(second.askOpen()).isEqualTo(stored.get(3).askOpen());  // stored row 3 is minute 5
        assertThat(second.askClose()).isEqualTo(stored.get(7).askClose());  // minute 9
        assertThat(second.flags()).isZero();
        assertThat(r.data(EURUSD).derivedQuoteBars(M5)).containsExactlyElementsOf(derived);
    }

    @Test
    void aSymbolWithTradeBarsKeepsItsQualityFromThem() {
        TradingSession session = Sessions.of(DAY);
        InMemoryStore store = new InMemoryStore();
        store.upsertQuoteBars(quoteBars(SPY, session, java.util.Set.of()));
        long open = Micros.of(session.open());
        io.sessionflow.domain.BarSeries.Builder bars = io.sessionflow.domain.BarSeries.builder(Interval.ONE_MINUTE);
        for (int m = 0; m < 195; m++) {
            bars.add(SPY, open + m * Micros.PER_MINUTE, 100, 101, 99, 100.5, 10);
        }
        store.upsertBars(bars.build());
        List<String> order = new ArrayList<>();
        Replay.Result r = Replay.over(DAY, DAY.plusDays(1)).symbols(List.of(SPY))
                .streams(StreamType.BARS, StreamType.QUOTE_BARS).store(store)
                .listener(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        order.add("bar " + bar.start());
                    }

                    @Override
                    public void onQuoteBar(QuoteBar bar) {
                        order.add("quote_bar " + bar.start());
                    }
                }).run().completed();

        SessionSummary.SymbolSummary summary = r.sessions().get(0).symbols().get(SPY);
        assertThat(summary.present()).isEqualTo(195);
        assertThat(summary.quality()).isEqualTo(50.0);
        assertThat(order).hasSize(195 + 390);
        assertThat(order.subList(0, 4)).containsExactly("bar " + session.open(), "quote_bar " + session.open(),
                "bar " + session.open().plusSeconds(60), "quote_bar " + session.open().plusSeconds(60));
    }
}
