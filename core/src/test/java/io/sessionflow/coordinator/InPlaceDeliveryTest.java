package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarView;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.QuoteBarView;
import io.sessionflow.domain.QuoteSeries;
import io.sessionflow.domain.QuoteView;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.domain.TradeSeries;
import io.sessionflow.domain.TradeView;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Sessions;
import io.sessionflow.time.TimeProvider;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bars, quote bars, quotes and trades handed to listeners in place ({@link MarketDataListener#onBarView},
 * {@link MarketDataListener#onQuoteView}, {@link MarketDataListener#onTradeView}): the same events as the values
 * {@link MarketDataListener#onBar} and the others receive, in one reused view per kind, and delivered without an
 * allocation per event; the coordinator driven by {@code doWork()} on the test's thread.
 */
class InPlaceDeliveryTest {

    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    /** Two sessions: the second one's tick rings are grown already, so that it shows the cost of an event. */
    private static final List<TradingSession> SESSIONS = List.of(Sessions.of(MONDAY), Sessions.of(MONDAY.plusDays(1)));
    private static final TradingSession SESSION = SESSIONS.get(0);
    private static final List<Symbol> SYMBOLS = IntStream.range(0, 40).mapToObj(i -> Symbol.of("S" + (100 + i)))
            .toList();
    private static final List<Interval> DERIVED = List.of(Interval.ofMinutes(5), Interval.ofMinutes(15));
    /** 1m bars, quotes and trades per session. */
    private static final int BARS = SYMBOLS.size() * SESSION.minutes();
    private static final int TICKS = BARS;

    /**
     * The session's bars and quote bars (40 symbols x 390 minutes), a quote at each minute + 20 s and a trade at + 40
     * s.
     */
    private static SessionSplit split(SessionRequest request) {
        TradingSession s = request.session();
        QuoteSeries.Builder q = QuoteSeries.builder(TICKS);
        TradeSeries.Builder t = TradeSeries.builder(TICKS);
        QuoteBarSeries.Builder qb = QuoteBarSeries.builder(Interval.ONE_MINUTE, BARS);
        long open = Micros.of(s.open());
        for (int m = 0; m < s.minutes(); m++) {
            for (int k = 0; k < SYMBOLS.size(); k++) {
                long minute = open + m * Micros.PER_MINUTE;
                q.add(SYMBOLS.get(k), minute + 20 * Micros.PER_SECOND, 100 + k, 100.02 + k, 1 + m, 2);
                t.add(SYMBOLS.get(k), minute + 40 * Micros.PER_SECOND, 100.01 + k, 1 + m);
                double b = 100 + k + (m % 7) * 0.01;
                qb.add(QuoteBar.of(SYMBOLS.get(k), Micros.toInstant(minute), Interval.ONE_MINUTE, b, b + 0.02,
                        b - 0.01, b + 0.01, 1 + m, b + 0.02, b + 0.04, b + 0.01, b + 0.03, 2));
            }
        }
        EventBatch bars = EventBatch.bars(Bars.session(SYMBOLS, s.date(), s.date().plusDays(1))
                .sortedByStartThenSymbol());
        return new SessionSplit(request, bars, EventBatch.quotes(q.build()), EventBatch.trades(t.build()),
                SessionSplit.empty(request).checks(), java.util.Map.of(), 0, 0, 0, EventBatch.quoteBars(qb.build()));
    }

    /** Runs the sessions through a coordinator with {@code listeners}, on this thread, to its end. */
    private static RunResult replay(MarketDataListener... listeners) {
        SessionConfig config = SessionConfig.builder().derivedIntervals(DERIVED).build();
        TimeProvider time = TimeProvider.backtest(SESSION.open());
        ManualWallClock wall = new ManualWallClock();
        SystemManager system = new SystemManager(OperationMode.BACKTEST);
        SessionSource source = new SessionSource() {
            private final ArrayDeque<SourceAnswer> answers = new ArrayDeque<>();

            @Override
            public void request(SessionRequest request) {
                answers.add(split(request));
            }

            @Override
            public SourceAnswer poll() {
                return answers.poll();
            }
        };
        StreamCoordinator c = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(new io.sessionflow.session.SessionData(config, time)).wallClock(wall)
                .calendar(Calendars.xnys()).backtestSessions(SESSIONS).source(source)
                .signal(new WakeSignal(wall)).build();
        c.register(SYMBOLS, StreamType.BARS);
        c.register(SYMBOLS, StreamType.QUOTES);
        c.register(SYMBOLS, StreamType.TRADES);
        c.register(SYMBOLS, StreamType.QUOTE_BARS);
        for (MarketDataListener l : listeners) {
            c.subscribe(l);
        }
        system.start();
        for (int steps = 0; !c.isDone(); steps++) {
            assertThat(steps).as("doWork steps").isLessThan(10_000_000);
            c.doWork();
        }
        assertThat(c.result().outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        return c.result();
    }

    /** Keeps every event as a value, as a strategy keeping history would. */
    private static final class Keeper implements MarketDataListener {
        final List<Bar> oneMinute = new ArrayList<>();
        final List<Bar> derived = new ArrayList<>();
        final List<Quote> quotes = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final List<QuoteBar> quoteBars = new ArrayList<>();

        @Override
        public void onQuoteBar(QuoteBar bar) {
            quoteBars.add(bar);
        }

        @Override
        public void onDerivedQuoteBar(QuoteBar bar) {
            quoteBars.add(bar);
        }

        @Override
        public void onQuote(Quote quote) {
            quotes.add(quote);
        }

        @Override
        public void onTrade(Trade trade) {
            trades.add(trade);
        }

        @Override
        public void onBar(Bar bar) {
            oneMinute.add(bar);
        }

        @Override
        public void onDerivedBar(Bar bar) {
            derived.add(bar);
        }
    }

    /** Reads events in place; keeps their values, and the views it was handed. */
    private static final class Viewer implements MarketDataListener {
        final List<Bar> oneMinute = new ArrayList<>();
        final List<Bar> derived = new ArrayList<>();
        final List<Quote> quotes = new ArrayList<>();
        final List<Trade> trades = new ArrayList<>();
        final List<QuoteBar> quoteBars = new ArrayList<>();
        final Set<Object> views = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public void onQuoteBarView(QuoteBarView bar) {
            views.add(bar);
            assertThat(bar.startMicros()).isEqualTo(Micros.of(bar.start()));
            quoteBars.add(bar.toQuoteBar());
        }

        @Override
        public void onDerivedQuoteBarView(QuoteBarView bar) {
            views.add(bar);
            quoteBars.add(bar.toQuoteBar());
        }

        @Override
        public void onQuoteView(QuoteView quote) {
            views.add(quote);
            assertThat(quote.timeMicros()).isEqualTo(Micros.of(quote.time()));
            quotes.add(quote.toQuote());
        }

        @Override
        public void onTradeView(TradeView trade) {
            views.add(trade);
            assertThat(trade.timeMicros()).isEqualTo(Micros.of(trade.time()));
            trades.add(trade.toTrade());
        }

        @Override
        public void onBarView(BarView bar) {
            views.add(bar);
            assertThat(bar.startMicros()).isEqualTo(Micros.of(bar.start()));
            oneMinute.add(bar.toBar());
        }

        @Override
        public void onDerivedBarView(BarView bar) {
            views.add(bar);
            derived.add(bar.toBar());
        }
    }

    @Test
    void aListenerReadingInPlaceSeesTheEventsAListenerKeepingValuesSeesInOneReusedViewPerKind() {
        Keeper keeper = new Keeper();
        Viewer viewer = new Viewer();

        replay(keeper, viewer);

        assertThat(keeper.oneMinute).hasSize(2 * BARS);
        assertThat(keeper.derived).hasSize(2 * SYMBOLS.size() * (78 + 26));
        assertThat(viewer.oneMinute).containsExactlyElementsOf(keeper.oneMinute);
        assertThat(viewer.derived).containsExactlyElementsOf(keeper.derived);
        // one value per bar, shared: the viewer's toBar() is the value the keeper was given before it
        for (int i = 0; i < keeper.oneMinute.size(); i += 997) {
            assertThat(viewer.oneMinute.get(i)).isSameAs(keeper.oneMinute.get(i));
        }
        assertThat(keeper.quotes).hasSize(2 * TICKS);
        assertThat(keeper.trades).hasSize(2 * TICKS);
        assertThat(viewer.quotes).containsExactlyElementsOf(keeper.quotes);
        assertThat(viewer.trades).containsExactlyElementsOf(keeper.trades);
        assertThat(viewer.quotes.get(TICKS - 1)).isSameAs(keeper.quotes.get(TICKS - 1));
        assertThat(viewer.trades.get(7)).isSameAs(keeper.trades.get(7));
        assertThat(keeper.quoteBars).hasSize(2 * (BARS + SYMBOLS.size() * (78 + 26)));
        assertThat(viewer.quoteBars).containsExactlyElementsOf(keeper.quoteBars);
        assertThat(viewer.quoteBars.get(BARS)).isSameAs(keeper.quoteBars.get(BARS));
        assertThat(viewer.views).as("one view each: 1m and derived bars and quote bars, quotes, trades").hasSize(6);
    }

    /**
     * Counts 1m bars, quotes and trades in place, and the bytes this thread allocated between two 1m bars in
     * mid-session; it takes no derived bar.
     */
    private static class AllocationProbe implements MarketDataListener {
        /** Bars of the second session, whose tick rings the first one grew. */
        static final int FROM = BARS + 2_000;
        static final int TO = BARS + 14_000;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final boolean keep;
        private final List<Bar> kept = new ArrayList<>(2 * BARS);
        long bars;
        long quotes;
        long quoteBars;
        long trades;
        long allocatedAtFrom = -1;
        long allocatedAtTo = -1;

        AllocationProbe(boolean keep) {
            this.keep = keep;
        }

        @Override
        public void onBarView(BarView bar) {
            bars++;
            if (keep) {
                kept.add(bar.toBar());
            }
            if (bars == FROM) {
                allocatedAtFrom = threads.getCurrentThreadAllocatedBytes();
            } else if (bars == TO) {
                allocatedAtTo = threads.getCurrentThreadAllocatedBytes();
            }
        }

        @Override
        public void onQuoteView(QuoteView quote) {
            quotes++;
        }

        @Override
        public void onQuoteBarView(QuoteBarView bar) {
            quoteBars++;
        }

        @Override
        public void onTradeView(TradeView trade) {
            trades++;
        }

        /** The bytes allocated per 1m bar, the quote, the trade and the derived bars between two of them included. */
        double bytesPerBar() {
            assertThat(allocatedAtFrom).as("allocation counted at bar %d", FROM).isPositive();
            assertThat(allocatedAtTo).as("allocation counted at bar %d", TO).isPositive();
            return (allocatedAtTo - allocatedAtFrom) / (double) (TO - FROM);
        }
    }

    /** The probe, also reading the derived bars in place. */
    private static final class DerivedProbe extends AllocationProbe {
        long derived;

        DerivedProbe() {
            super(false);
        }

        @Override
        public void onDerivedBarView(BarView bar) {
            derived++;
        }

        @Override
        public void onDerivedQuoteBarView(QuoteBarView bar) {
            derived++;
        }
    }

    @Test
    void deliveringToListenersThatReadInPlaceAllocatesNothingPerBar() {
        DerivedProbe probe = new DerivedProbe();

        replay(probe);

        assertThat(probe.bars).isEqualTo(2L * BARS);
        assertThat(probe.derived).as("derived bars and quote bars").isEqualTo(2 * 2L * SYMBOLS.size() * (78 + 26));
        assertThat(probe.quoteBars).isEqualTo(2L * BARS);
        assertThat(probe.quotes).isEqualTo(2L * TICKS);
        assertThat(probe.trades).isEqualTo(2L * TICKS);
        // 12,000 bars, as many quote bars, quotes and trades, and the derived bars between them, with the
        // windows flushed at each boundary on the way
        assertThat(probe.bytesPerBar()).as("bytes allocated per 1m bar delivered, and its tick events")
                .isLessThan(1.0);
    }

    @Test
    void aListenerTakingNoDerivedBarCostsNoValueForThem() {
        AllocationProbe probe = new AllocationProbe(false);  // onDerivedBar's default would drop a value per bar
        assertThat(probe).isNotInstanceOf(DerivedProbe.class);

        replay(probe);

        assertThat(probe.bytesPerBar()).as("bytes allocated per 1m bar delivered").isLessThan(1.0);
    }

    @Test
    void theProbeSeesTheAllocationOfAListenerThatKeepsValues() {
        AllocationProbe probe = new AllocationProbe(true);  // without this, the tests above could not fail

        replay(probe);

        assertThat(probe.bytesPerBar()).as("a Bar, its instant shared by the minute").isGreaterThan(40.0);
    }
}
