package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.ConfigException;
import io.sessionflow.config.DerivedAlignment;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.QuoteBarSeries;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.testing.FixedCalendar;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.upkeep.DropFilter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Sessions with segments, run as backtests over an in-memory store on hand-built calendars: a CME-like session that
 * opens at 17:00 Chicago the evening before (spanning midnight UTC) with the 15:15-15:30 halt and trading until
 * 16:15 in a window to 17:00, and an extended XNYS-like day with sparse pre- and post-market minutes.
 */
class SegmentedSessionTest {

    private static final Symbol ES = Symbol.of("ES");
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Interval M5 = Interval.ofMinutes(5);
    private static final Interval M15 = Interval.ofMinutes(15);
    private static final Interval M60 = Interval.ofMinutes(60);
    /** Sessions Mon 2025-11-24 .. Wed 2025-11-26, each opening 17:00 CT the day before. */
    private static final List<TradingSession> CME = List.of(cme(LocalDate.of(2025, 11, 24)),
            cme(LocalDate.of(2025, 11, 25)), cme(LocalDate.of(2025, 11, 26)));
    private static final TradingCalendar CMES = FixedCalendar.of("CMES-TEST", CHICAGO, CME);
    /** 1380 minutes a day: 17:00-15:15 (1335) and 15:30-16:15 (45). */
    private static final int CME_EXPECTED = 1335 + 45;

    private static Instant at(LocalDate d, int h, int m, ZoneId zone) {
        return ZonedDateTime.of(d, LocalTime.of(h, m), zone).toInstant();
    }

    private static TradingSession cme(LocalDate date) {
        Instant open = at(date.minusDays(1), 17, 0, CHICAGO);
        return new TradingSession(date, open, at(date, 17, 0, CHICAGO), CHICAGO, false, List.of(
                new SessionSegment(Kind.MARKET, open, at(date, 15, 15, CHICAGO)),
                new SessionSegment(Kind.MARKET, at(date, 15, 30, CHICAGO), at(date, 16, 15, CHICAGO))));
    }

    /** 1m bars of {@code s} at the minutes {@code keep} accepts; values depend on the minute only. */
    private static BarSeries bars(TradingSession s, Predicate<Instant> keep) {
        BarSeries.Builder b = BarSeries.builder(Interval.ONE_MINUTE);
        long open = Micros.of(s.open());
        for (int m = 0; m < s.minutes(); m++) {
            Instant start = Micros.toInstant(open + m * Micros.PER_MINUTE);
            if (keep.test(start)) {
                double p = 4000 + (m % 53) * 0.25;
                b.add(ES, Micros.of(start), p, p + 0.5, p - 0.5, p + 0.25, 10 + m % 7);
            }
        }
        return b.build();
    }

    /** 1m quote bars of {@code s} at the minutes {@code keep} accepts, both sides; values depend on the minute only. */
    private static QuoteBarSeries quoteBars(TradingSession s, Predicate<Instant> keep) {
        QuoteBarSeries.Builder b = QuoteBarSeries.builder(Interval.ONE_MINUTE);
        long open = Micros.of(s.open());
        for (int m = 0; m < s.minutes(); m++) {
            long start = open + m * Micros.PER_MINUTE;
            if (keep.test(Micros.toInstant(start))) {
                double bid = 4000 + (m % 53) * 0.25;
                b.add(ES, start, bid, bid + 0.25, bid - 0.25, bid + 0.125, 5 + m % 3, bid + 0.25, bid + 0.5, bid,
                        bid + 0.375, 6 + m % 4);
            }
        }
        return b.build();
    }

    /** Every event with the backtest time it was delivered at. */
    private record Seen(String kind, Bar bar, Instant at) {
    }

    private static final class Recorder implements MarketDataListener {
        final List<Seen> seen = new ArrayList<>();
        final List<QuoteBar> derivedQuoteBars = new ArrayList<>();
        final Map<LocalDate, NavigableMap<LocalDate, BarSeries>> historyAtStart = new TreeMap<>();
        DataManager dm;

        @Override
        public void onSessionStart(TradingSession session) {
            dm.sessionData().symbol(ES).ifPresent(d ->
                    historyAtStart.put(session.date(), d.historicalBars(Interval.ONE_MINUTE)));
        }

        @Override
        public void onBar(Bar bar) {
            seen.add(new Seen("1m", bar, dm.now()));
        }

        @Override
        public void onDerivedBar(Bar bar) {
            seen.add(new Seen("derived", bar, dm.now()));
        }

        @Override
        public void onDerivedQuoteBar(QuoteBar bar) {
            derivedQuoteBars.add(bar);
        }

        List<Bar> bars(Interval interval) {
            return seen.stream().map(Seen::bar).filter(b -> b.interval().equals(interval)).toList();
        }
    }

    private record Run(RunResult result, Recorder log, DataManager dm) {
        SessionSummary.SymbolSummary summary(LocalDate date) {
            return result.sessions().stream().filter(s -> s.date().equals(date)).findFirst().orElseThrow()
                    .symbols().get(ES);
        }
    }

    private static Run run(TradingCalendar calendar, InMemoryStore store, LocalDate from, LocalDate to,
                           DropFilter drop, UnaryOperator<SessionConfig.Builder> config, StreamType... more) {
        SessionConfig c = config.apply(SessionConfig.builder()).build();
        DataManager dm = DataManager.builder().config(c).calendar(calendar).store(store).backtest(from, to)
                .upkeep(true).dropFilter(drop).build();
        Recorder r = new Recorder();
        r.dm = dm;
        dm.register(ES, StreamType.BARS);
        for (StreamType t : more) {
            dm.register(ES, t);
        }
        dm.subscribe(r);
        try (dm) {
            RunResult result = dm.runInline();
            assertThat(result.failureCause()).as("run failure").isEmpty();
            assertThat(result.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            return new Run(result, r, dm);
        }
    }

    private static boolean inHalt(TradingSession s, Instant t) {
        return s.contains(t) && s.segmentAt(t).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------ CME-like

    @Test
    void overnightSessionWithAHaltExpectsSegmentMinutesOnlyAndNeverRepairsIntoTheHalt() {
        TradingSession tue = CME.get(1);
        Instant missing = at(tue.date(), 9, 41, CHICAGO);   // a market minute storage lacks too
        Instant haltBar = at(tue.date(), 15, 20, CHICAGO);  // a stray bar in the halt, in storage
        InMemoryStore store = new InMemoryStore();
        for (TradingSession s : CME) {
            store.upsertBars(bars(s, t -> s.segmentAt(t).isPresent() && !t.equals(missing)));
        }
        store.upsertBars(bars(tue, t -> t.equals(haltBar)));
        DropFilter drop = new DropFilter(0.02, 7);
        Run run = run(CMES, store, tue.date(), tue.date().plusDays(1), drop, c -> c.fillForward(true)
                .derivedIntervals(List.of(M5, M15, M60)));

        long open = Micros.of(tue.open());
        int dropped = 0;
        for (int m = 0; m < tue.minutes(); m++) {
            Instant t = Micros.toInstant(open + m * Micros.PER_MINUTE);
            if (tue.segmentAt(t).isPresent() && !t.equals(missing) && drop.drops(ES, Micros.of(t))) {
                dropped++;
            }
        }
        assertThat(dropped).as("the drop filter drops some expected minutes").isGreaterThan(5);
        SessionSummary.SymbolSummary s = run.summary(tue.date());
        assertThat(s.expected()).isEqualTo(CME_EXPECTED);
        assertThat(s.present()).isEqualTo(CME_EXPECTED - 1);
        assertThat(s.filled()).isEqualTo(dropped);
        assertThat(s.confirmedMissing()).isEqualTo(1);
        assertThat(s.synthetic()).isEqualTo(1);
        assertThat(s.quality()).isEqualTo((CME_EXPECTED - 1) * 100.0 / CME_EXPECTED);
        assertThat(s.segments()).containsExactly(new SessionSummary.SegmentSummary(Kind.MARKET, CME_EXPECTED,
                CME_EXPECTED - 1, true));

        List<Bar> oneMinute = run.log().bars(Interval.ONE_MINUTE);
        assertThat(oneMinute).noneMatch(b -> inHalt(tue, b.start()));
        assertThat(oneMinute).filteredOn(b -> b.isSynthetic()).extracting(Bar::start)
                .containsExactly(missing);
        assertThat(oneMinute).filteredOn(b -> b.isFilled()).hasSize(dropped)
                .allMatch(b -> tue.segmentAt(b.start()).isPresent());
        assertThat(run.dm().sessionData().symbol(ES).orElseThrow().bars().size()).isEqualTo(CME_EXPECTED);
        assertThat(run.result().sessions().get(0).end()).as("the session ends at its last segment's end")
                .isEqualTo(at(tue.date(), 16, 15, CHICAGO));
    }

    @Test
    void derivedWindowsAlignToTheEveningOpenAndAHaltCutsThem() {
        TradingSession tue = CME.get(1);
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(bars(tue, t -> tue.segmentAt(t).isPresent()));
        Run run = run(CMES, store, tue.date(), tue.date().plusDays(1), DropFilter.NONE,
                c -> c.derivedIntervals(List.of(M5, M15, M60)));

        long open = Micros.of(tue.open());
        for (Interval i : List.of(M5, M15)) {
            List<Bar> d = run.log().bars(i);
            assertThat(d).as("%s windows", i).hasSize(CME_EXPECTED / i.minutes());
            assertThat(d).allMatch(b -> (Micros.of(b.start()) - open) % (i.minutes() * Micros.PER_MINUTE) == 0)
                    .noneMatch(b -> b.isPartial()).noneMatch(b -> inHalt(tue, b.start()));
        }
        // 60m from 17:00: 14:00-15:00, then 15:00-15:15 cut by the halt, 15:30-16:00 and 16:00-16:15.
        List<Bar> hours = run.log().bars(M60);
        assertThat(hours).hasSize(22 + 1 + 2);
        Bar beforeHalt = hours.stream().filter(b -> b.start().equals(at(tue.date(), 15, 0, CHICAGO)))
                .findFirst().orElseThrow();
        assertThat(beforeHalt.isPartial()).isTrue();
        double volume = run.log().bars(Interval.ONE_MINUTE).stream()
                .filter(b -> !b.start().isBefore(beforeHalt.start()) && b.start().isBefore(at(tue.date(), 15, 15,
                        CHICAGO))).mapToDouble(Bar::volume).sum();
        assertThat(beforeHalt.volume()).as("only the 15 minutes before the halt").isEqualTo(volume);
        Seen delivered = run.log().seen.stream().filter(e -> e.bar() == beforeHalt).findFirst().orElseThrow();
        assertThat(delivered.at()).as("delivered at the halt start").isEqualTo(at(tue.date(), 15, 15, CHICAGO));
        assertThat(hours).filteredOn(b -> b.start().equals(at(tue.date(), 15, 30, CHICAGO)))
                .singleElement().matches(b -> b.isPartial());
    }

    @Test
    void trailingHistoryHoldsSessionsThatOpenedTheDayBefore() {
        InMemoryStore store = new InMemoryStore();
        for (TradingSession s : CME) {
            store.upsertBars(bars(s, t -> s.segmentAt(t).isPresent() || inHalt(s, t)));  // halt bars are no data
        }
        Run run = run(CMES, store, CME.get(1).date(), CME.get(2).date().plusDays(1), DropFilter.NONE,
                c -> c.historicalTrailingSessions(1).historicalBarIntervals(List.of(Interval.ONE_MINUTE, M5)));

        NavigableMap<LocalDate, BarSeries> atTuesday = run.log().historyAtStart.get(CME.get(1).date());
        assertThat(atTuesday.keySet()).containsExactly(CME.get(0).date());
        BarSeries monday = atTuesday.get(CME.get(0).date());
        assertThat(monday.size()).as("read from storage: Sunday 17:00 CT to Monday 16:15 CT, halt left out")
                .isEqualTo(CME_EXPECTED);
        assertThat(monday.get(0).start()).isEqualTo(CME.get(0).open());
        NavigableMap<LocalDate, BarSeries> atWednesday = run.log().historyAtStart.get(CME.get(2).date());
        assertThat(atWednesday.keySet()).containsExactly(CME.get(1).date());
        assertThat(atWednesday.get(CME.get(1).date()).size()).as("rolled in at Tuesday's end")
                .isEqualTo(CME_EXPECTED);
        assertThat(run.dm().sessionData().symbol(ES).orElseThrow().historicalBars(M5).lastEntry().getValue().size())
                .isEqualTo(CME_EXPECTED / 5);
    }

    @Test
    void theSessionBarSpansBothMarketSegmentsAcrossTheHaltAndIsHeldInHistory() {
        InMemoryStore store = new InMemoryStore();
        for (TradingSession s : CME) {
            store.upsertBars(bars(s, t -> s.segmentAt(t).isPresent()));
        }
        Run run = run(CMES, store, CME.get(1).date(), CME.get(2).date().plusDays(1), DropFilter.NONE,
                c -> c.derivedIntervals(List.of(M5, Interval.SESSION)).historicalTrailingSessions(2)
                        .historicalBarIntervals(List.of(Interval.SESSION)));
        List<Bar> days = run.log().bars(Interval.SESSION);
        assertThat(days).extracting(Bar::start).containsExactly(CME.get(1).open(), CME.get(2).open());
        for (int k = 0; k < days.size(); k++) {
            TradingSession s = CME.get(k + 1);
            BarSeries oneMinute = bars(s, t -> s.segmentAt(t).isPresent());
            Bar d = days.get(k);
            assertThat(d.isPartial()).isFalse();
            assertThat(d.volume()).isEqualTo(oneMinute.stream().mapToDouble(Bar::volume).sum());
            assertThat(d.open()).isEqualTo(oneMinute.get(0).open());
            assertThat(d.close()).isEqualTo(oneMinute.get(oneMinute.size() - 1).close());
        }
        // each session rolled in at its end: one 1d bar per session, the one delivered
        NavigableMap<LocalDate, BarSeries> history = run.dm().sessionData().symbol(ES).orElseThrow()
                .historicalBars(Interval.SESSION);
        assertThat(history.keySet()).containsExactly(CME.get(1).date(), CME.get(2).date());
        assertThat(history.get(CME.get(1).date())).containsExactly(days.get(0));
        assertThat(history.get(CME.get(2).date())).containsExactly(days.get(1));
        // a run of Wednesday alone reads Tuesday's 1d bar from the stored 1m bars: the same bar
        Run wednesday = run(CMES, store, CME.get(2).date(), CME.get(2).date().plusDays(1), DropFilter.NONE,
                c -> c.derivedIntervals(List.of(Interval.SESSION)).historicalTrailingSessions(2)
                        .historicalBarIntervals(List.of(Interval.SESSION)));
        assertThat(wednesday.dm().sessionData().symbol(ES).orElseThrow().historicalBars(Interval.SESSION)
                .get(CME.get(1).date())).containsExactly(days.get(0));
    }

    // ------------------------------------------------------------------------------------------------ extended XNYS

    private static final LocalDate DAY = LocalDate.of(2025, 11, 25);

    /** 04:02-20:00 New York (to 01:00 UTC the next day): pre-market to 09:30, market to 16:00, post-market. */
    private static TradingSession extended(int openMinute) {
        Instant open = at(DAY, 4, openMinute, NEW_YORK);
        return new TradingSession(DAY, open, at(DAY, 20, 0, NEW_YORK), NEW_YORK, false, List.of(
                new SessionSegment(Kind.PREMARKET, open, at(DAY, 9, 30, NEW_YORK)),
                new SessionSegment(Kind.MARKET, at(DAY, 9, 30, NEW_YORK), at(DAY, 16, 0, NEW_YORK)),
                new SessionSegment(Kind.POSTMARKET, at(DAY, 16, 0, NEW_YORK), at(DAY, 20, 0, NEW_YORK))));
    }

    /** Every market minute, and a pre- or post-market minute only when its minute of the hour is even and < 10. */
    private static boolean sparse(TradingSession s, Instant t) {
        SessionSegment g = s.segmentAt(t).orElseThrow();
        int minute = t.atZone(NEW_YORK).getMinute();
        return g.kind() == Kind.MARKET || (minute % 2 == 0 && minute < 10);
    }

    private static int count(TradingSession s, Kind kind) {
        long open = Micros.of(s.open());
        int n = 0;
        for (int m = 0; m < s.minutes(); m++) {
            Instant t = Micros.toInstant(open + m * Micros.PER_MINUTE);
            if (s.segmentAt(t).orElseThrow().kind() == kind && sparse(s, t)) {
                n++;
            }
        }
        return n;
    }

    private static Run extendedRun(TradingSession s, UnaryOperator<SessionConfig.Builder> config) {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(bars(s, t -> sparse(s, t)));
        TradingCalendar calendar = FixedCalendar.of("XNYS-EXT", NEW_YORK, List.of(s));
        return run(calendar, store, DAY, DAY.plusDays(1), DropFilter.NONE, config);
    }

    @Test
    void sparsePreMarketMinutesAreNotMissingByDefault() {
        TradingSession s = extended(2);
        int pre = count(s, Kind.PREMARKET);
        int post = count(s, Kind.POSTMARKET);
        Run run = extendedRun(s, c -> c.fillForward(true));

        SessionSummary.SymbolSummary v = run.summary(DAY);
        assertThat(v.expected()).isEqualTo(390);
        assertThat(v.present()).isEqualTo(390);
        assertThat(v.confirmedMissing()).isZero();
        assertThat(v.synthetic()).isZero();
        assertThat(v.quality()).isEqualTo(100.0);
        assertThat(v.bars()).isEqualTo(pre + 390 + post);
        assertThat(v.segments()).containsExactly(
                new SessionSummary.SegmentSummary(Kind.PREMARKET, 328, pre, false),
                new SessionSummary.SegmentSummary(Kind.MARKET, 390, 390, true),
                new SessionSummary.SegmentSummary(Kind.POSTMARKET, 240, post, false));
        assertThat(run.log().bars(Interval.ONE_MINUTE)).hasSize(pre + 390 + post);
        var snapshot = run.dm().sessionData().symbol(ES).orElseThrow().snapshot();
        assertThat(snapshot.present()).isEqualTo(pre + 390 + post);
        assertThat(snapshot.presentExpected()).isEqualTo(390);
        assertThat(snapshot.quality(390)).isEqualTo(100.0);
    }

    @Test
    void sparsePreMarketMinutesAreMissingWhenQualitySegmentsAskForThem() {
        TradingSession s = extended(2);
        int pre = count(s, Kind.PREMARKET);
        Run run = extendedRun(s, c -> c.fillForward(true)
                .qualitySegments(EnumSet.of(Kind.PREMARKET, Kind.MARKET)));

        SessionSummary.SymbolSummary v = run.summary(DAY);
        assertThat(v.expected()).isEqualTo(328 + 390);
        assertThat(v.present()).isEqualTo(pre + 390);
        assertThat(v.confirmedMissing()).isEqualTo(328 - pre);
        assertThat(v.synthetic()).as("filled forward from the first pre-market bar on").isEqualTo(328 - pre);
        assertThat(v.quality()).isEqualTo((pre + 390) * 100.0 / (328 + 390));
        assertThat(run.log().bars(Interval.ONE_MINUTE)).filteredOn(b -> b.isSynthetic())
                .allMatch(b -> s.segmentAt(b.start()).orElseThrow().kind() == Kind.PREMARKET);
    }

    @Test
    void theSessionBarOfAnExtendedDayIsTheMarketSegmentsAloneDeliveredWithItsLastMinute() {
        TradingSession s = extended(2);
        Run run = extendedRun(s, c -> c.derivedIntervals(List.of(M5, Interval.SESSION)));
        List<Seen> days = run.log().seen.stream().filter(e -> e.bar().interval().isSession()).toList();
        assertThat(days).hasSize(1);
        Bar d = days.get(0).bar();
        Instant marketOpen = at(DAY, 9, 30, NEW_YORK);
        Instant marketClose = at(DAY, 16, 0, NEW_YORK);
        List<Bar> market = run.log().bars(Interval.ONE_MINUTE).stream()
                .filter(b -> !b.start().isBefore(marketOpen) && b.start().isBefore(marketClose)).toList();
        assertThat(market).hasSize(390);
        assertThat(d.start()).isEqualTo(marketOpen);
        assertThat(d.isPartial()).isFalse();
        assertThat(List.of(d.open(), d.close(), d.volume())).containsExactly(market.get(0).open(),
                market.get(389).close(), market.stream().mapToDouble(Bar::volume).sum());
        assertThat(d.high()).isEqualTo(market.stream().mapToDouble(Bar::high).max().orElseThrow());
        assertThat(d.low()).isEqualTo(market.stream().mapToDouble(Bar::low).min().orElseThrow());
        // delivered right after the 15:59 1m bar, before any post-market bar
        int at = run.log().seen.indexOf(days.get(0));
        assertThat(run.log().seen.subList(0, at).stream().filter(e -> e.kind().equals("1m"))
                .reduce((a, b) -> b).orElseThrow().bar().start()).isEqualTo(at(DAY, 15, 59, NEW_YORK));
    }

    @Test
    void derivedBarsAlignToTheSessionOpenOrTheMarketOpen() {
        TradingSession s = extended(2);
        Instant marketOpen = at(DAY, 9, 30, NEW_YORK);
        List<Instant> bySession = extendedRun(s, c -> c.derivedIntervals(List.of(M5))).log().bars(M5).stream()
                .map(Bar::start).toList();
        assertThat(bySession).contains(at(DAY, 9, 2, NEW_YORK), at(DAY, 9, 27, NEW_YORK), at(DAY, 9, 32, NEW_YORK))
                .doesNotContain(at(DAY, 9, 5, NEW_YORK), marketOpen);

        List<Bar> byMarket = extendedRun(s, c -> c.derivedIntervals(List.of(M5))
                .derivedAlignment(DerivedAlignment.MARKET_OPEN)).log().bars(M5);
        assertThat(byMarket).extracting(Bar::start).contains(at(DAY, 9, 5, NEW_YORK), marketOpen,
                at(DAY, 9, 35, NEW_YORK)).doesNotContain(at(DAY, 9, 2, NEW_YORK), at(DAY, 9, 32, NEW_YORK));
        Bar first = byMarket.get(0);
        assertThat(first.start()).as("the first window, 04:00-04:05, is cut by the open").isEqualTo(s.open());
        assertThat(first.isPartial()).isTrue();
        assertThat(byMarket).filteredOn(b -> !b.start().isBefore(marketOpen) && b.start().isBefore(
                at(DAY, 16, 0, NEW_YORK))).hasSize(78).noneMatch(b -> b.isPartial());
    }

    /** A derived window as its start and whether it is cut short. */
    private static String window(Instant start, boolean partial) {
        return start + (partial ? " partial" : "");
    }

    private static void assertQuoteWindowsAreTradeWindows(Run run, Interval i) {
        List<String> trade = run.log().bars(i).stream().map(b -> window(b.start(), b.isPartial())).toList();
        List<String> quote = run.log().derivedQuoteBars.stream().filter(q -> q.interval().equals(i))
                .map(q -> window(q.start(), q.isPartial())).toList();
        assertThat(trade).as("%s trade windows", i).isNotEmpty();
        assertThat(quote).as("%s quote windows", i).isEqualTo(trade);
    }

    @Test
    void derivedQuoteBarsHaveTheTradeBarsWindowsCutByAHaltAndAlignedToTheMarketOpen() {
        TradingSession tue = CME.get(1);
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(bars(tue, t -> tue.segmentAt(t).isPresent()));
        store.upsertQuoteBars(quoteBars(tue, t -> tue.segmentAt(t).isPresent()));
        Run cme = run(CMES, store, tue.date(), tue.date().plusDays(1), DropFilter.NONE,
                c -> c.derivedIntervals(List.of(M5, M60)), StreamType.QUOTE_BARS);
        assertQuoteWindowsAreTradeWindows(cme, M5);
        assertQuoteWindowsAreTradeWindows(cme, M60);
        // 60m: 15:00-15:15, cut by the halt, folds those 15 minutes only; then 15:30-16:00
        QuoteBar beforeHalt = cme.log().derivedQuoteBars.stream().filter(q -> q.interval().equals(M60)
                && q.start().equals(at(tue.date(), 15, 0, CHICAGO))).findFirst().orElseThrow();
        int last = (int) ((Micros.of(at(tue.date(), 15, 14, CHICAGO)) - Micros.of(tue.open())) / Micros.PER_MINUTE);
        assertThat(beforeHalt.isPartial()).isTrue();
        assertThat(beforeHalt.bidClose()).as("the close of 15:14, the last minute before the halt")
                .isEqualTo(4000 + (last % 53) * 0.25 + 0.125);

        TradingSession day = extended(2);
        InMemoryStore ext = new InMemoryStore();
        ext.upsertBars(bars(day, t -> sparse(day, t)));
        ext.upsertQuoteBars(quoteBars(day, t -> sparse(day, t)));
        Run byMarket = run(FixedCalendar.of("XNYS-EXT", NEW_YORK, List.of(day)), ext, DAY, DAY.plusDays(1),
                DropFilter.NONE, c -> c.derivedIntervals(List.of(M5)).derivedAlignment(DerivedAlignment.MARKET_OPEN),
                StreamType.QUOTE_BARS);
        assertQuoteWindowsAreTradeWindows(byMarket, M5);
        assertThat(byMarket.log().derivedQuoteBars).extracting(QuoteBar::start).contains(at(DAY, 9, 30, NEW_YORK))
                .doesNotContain(at(DAY, 9, 32, NEW_YORK));
    }

    @Test
    void theSegmentsKeyCutsTheCalendarsSessionsToTheNamedParts() {
        TradingSession s = extended(0);
        Run run = extendedRun(s, c -> c.segments(EnumSet.of(Kind.MARKET)));
        TradingSession regular = run.dm().backtestSessions().get(0);
        assertThat(regular.open()).isEqualTo(at(DAY, 9, 30, NEW_YORK));
        assertThat(regular.close()).isEqualTo(at(DAY, 16, 0, NEW_YORK));
        assertThat(regular.isSegmented()).isFalse();
        SessionSummary.SymbolSummary v = run.summary(DAY);
        assertThat(v.expected()).isEqualTo(390);
        assertThat(v.segments()).isEmpty();
        assertThat(run.log().bars(Interval.ONE_MINUTE)).hasSize(390);
    }

    @Test
    void qualitySegmentsMustBeKeptSegments() {
        assertThatThrownBy(() -> SessionConfig.builder().set("segments", "[market, postmarket]")
                .set("quality-segments", "premarket,market").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("quality-segments premarket,market is not within segments market,postmarket");
        assertThatThrownBy(() -> SessionConfig.builder().set("quality-segments", "[]").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("quality-segments is empty");
        assertThatThrownBy(() -> SessionConfig.builder().set("derived-alignment", "noon").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("'noon' is not session-open or market-open");
        assertThat(SessionConfig.defaults().describe()).containsEntry("segments", "premarket,market,postmarket")
                .containsEntry("quality-segments", "market").containsEntry("derived-alignment", "session-open");
        Set<Kind> all = SessionConfig.defaults().segments();
        assertThat(all).containsExactly(Kind.PREMARKET, Kind.MARKET, Kind.POSTMARKET);
    }
}
