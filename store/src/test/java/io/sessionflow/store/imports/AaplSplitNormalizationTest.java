package io.sessionflow.store.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.CorporateActions;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.ReferenceData;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12's must-hold on the real files: AAPL's 7:1 split of 2014-06-09 replayed over 2014-06-05..09 from the LEAN
 * minute zips with LEAN's factor file, in every normalization. Prices are on the basis of the run's last session
 * (06-09), so split-adjusted 06-05 and 06-06 are raw x 0.0357143 / 0.25 (= 0.1428572, LEAN's 1/7 to 7 digits) exactly,
 * with no rounding, volumes x 7 rounded to whole shares, and 06-09 is raw. Runs on the JUnit thread; each replay
 * starts and joins the coordinator's threads itself.
 */
class AaplSplitNormalizationTest {

    private static final Symbol AAPL = Symbol.of("AAPL");
    private static final LocalDate FROM = LocalDate.of(2014, 6, 5);
    private static final LocalDate SPLIT = LocalDate.of(2014, 6, 9);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Interval FIVE = Interval.ofMinutes(5);
    /** Split factor of 06-05 and 06-06 over that of 06-09, both from aapl.csv (rows 20140606 and 20140806). */
    private static final double SPLIT_MULTIPLIER = 0.0357143 / 0.25;

    private static InMemoryStore store;
    private static FactorFile factors;

    /** What one replay delivered and held. */
    private record Replay(List<Bar> minutes, List<Bar> fives, NavigableMap<LocalDate, BarSeries> historyOnSplitDay,
                          List<String> order) {
    }

    @BeforeAll
    static void importAapl() {
        Path minute = ReferenceData.require("marketdata/lean/equity/usa/minute/aapl");
        Path factorFile = ReferenceData.require("marketdata/lean/equity/usa/factor_files/aapl.csv");
        store = new InMemoryStore();
        ImportFixtures.run(ImportOptions.builder(ImportFormat.LEAN).build(), store,
                minute.resolve("20140605_trade.zip"), minute.resolve("20140606_trade.zip"),
                minute.resolve("20140609_trade.zip"));
        factors = LeanCorporateFiles.factorFile(factorFile);
    }

    private static Replay replay(CorporateActions actions, Normalization mode) throws Exception {
        SessionConfig config = SessionConfig.builder().derivedIntervals(List.of(FIVE)).historicalTrailingSessions(3)
                .historicalBarIntervals(List.of(Interval.ONE_MINUTE, FIVE)).build();
        List<Bar> minutes = new CopyOnWriteArrayList<>();
        List<Bar> fives = new CopyOnWriteArrayList<>();
        List<String> order = new CopyOnWriteArrayList<>();  // session starts, actions and first bars, as delivered
        Map<LocalDate, NavigableMap<LocalDate, BarSeries>> history = new TreeMap<>();
        RunResult r;
        try (DataManager dm = DataManager.builder().config(config).store(store).corporateActions(actions)
                .normalization(AAPL, mode).backtest(FROM, SPLIT.plusDays(1)).build()) {
            assertThat(dm.normalization(AAPL)).isEqualTo(mode);
            dm.register(AAPL, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession s) {
                    synchronized (history) {
                        history.put(s.date(), dm.sessionData().symbol(AAPL).orElseThrow().historicalBars(FIVE));
                    }
                    order.add("start " + s.date());
                }

                @Override
                public void onCorporateAction(CorporateAction a) {
                    order.add(a.kind().label() + " " + a.symbol() + " " + a.exDate() + " " + a.value());
                }

                @Override
                public void onBar(Bar bar) {
                    if (minutes.isEmpty() || !date(minutes.get(minutes.size() - 1)).equals(date(bar))) {
                        order.add("bar " + bar.start());
                    }
                    minutes.add(bar);
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    fives.add(bar);
                }
            });
            r = dm.run(Duration.ofSeconds(60));
        }
        assertThat(r.outcome()).as("%s", r.failure()).isEqualTo(RunResult.Outcome.COMPLETED);
        synchronized (history) {
            return new Replay(List.copyOf(minutes), List.copyOf(fives), history.get(SPLIT), List.copyOf(order));
        }
    }

    private static LocalDate date(Bar b) {
        return b.start().atZone(NEW_YORK).toLocalDate();
    }

    @Test
    void splitAdjustedBarsBeforeTheSplitAreRawTimesTheSplitFactorAndTheSplitDayIsRaw() throws Exception {
        Replay raw = replay(CorporateActions.NONE, Normalization.RAW);
        Replay adjusted = replay(CorporateActions.of(List.of(factors)), Normalization.SPLIT_ADJUSTED);
        assertThat(adjusted.minutes()).hasSameSizeAs(raw.minutes()).hasSize(390 * 3);
        assertThat(SPLIT_MULTIPLIER).isCloseTo(1 / 7.0, org.assertj.core.data.Offset.offset(1e-6));
        for (int i = 0; i < raw.minutes().size(); i++) {
            Bar want = raw.minutes().get(i);
            Bar got = adjusted.minutes().get(i);
            assertThat(got.start()).isEqualTo(want.start());
            if (date(want).isBefore(SPLIT)) {
                assertThat(got.open()).as("%s", want).isEqualTo(want.open() * SPLIT_MULTIPLIER);
                assertThat(got.high()).as("%s", want).isEqualTo(want.high() * SPLIT_MULTIPLIER);
                assertThat(got.low()).as("%s", want).isEqualTo(want.low() * SPLIT_MULTIPLIER);
                assertThat(got.close()).as("%s", want).isEqualTo(want.close() * SPLIT_MULTIPLIER);
                assertThat(got.volume()).as("%s", want).isEqualTo(Math.rint(want.volume() / SPLIT_MULTIPLIER));
            } else {
                assertThat(got).isEqualTo(want);
            }
        }
        // Derived bars are built from the adjusted minutes: a 5m close is its last minute's.
        Bar lastFiveOf0605 = adjusted.fives().stream().filter(b -> date(b).equals(FROM)).reduce((a, b) -> b)
                .orElseThrow();
        Bar lastMinuteOf0605 = adjusted.minutes().stream().filter(b -> date(b).equals(FROM)).reduce((a, b) -> b)
                .orElseThrow();
        assertThat(lastFiveOf0605.close()).isEqualTo(lastMinuteOf0605.close());
    }

    @Test
    void rawModeWithFactorsDeliversExactlyTheBarsOfARunWithoutThem() throws Exception {
        Replay without = replay(CorporateActions.NONE, Normalization.RAW);
        Replay with = replay(CorporateActions.of(List.of(factors)), Normalization.RAW);
        assertThat(with.minutes()).isEqualTo(without.minutes());
        assertThat(with.fives()).isEqualTo(without.fives());
        // ... but the history it holds on the split day is on the split day's basis: 06-06 is divided by 7.
        BarSeries before = without.historyOnSplitDay().get(LocalDate.of(2014, 6, 6));
        BarSeries rebased = with.historyOnSplitDay().get(LocalDate.of(2014, 6, 6));
        assertThat(rebased.size()).isEqualTo(before.size()).isPositive();
        for (int i = 0; i < before.size(); i++) {
            assertThat(rebased.close(i)).isEqualTo(before.close(i) * SPLIT_MULTIPLIER);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Normalization.class)
    void theSplitIsDeliveredAfterTheSplitDaysStartAndBeforeItsFirstBar(Normalization mode) throws Exception {
        assertThat(replay(CorporateActions.of(List.of(factors)), mode).order()).containsExactly(
                "start 2014-06-05", "bar 2014-06-05T13:30:00Z", "start 2014-06-06", "bar 2014-06-06T13:30:00Z",
                "start 2014-06-09", "split AAPL 2014-06-09 7.0", "bar 2014-06-09T13:30:00Z");
        assertThat(replay(CorporateActions.NONE, mode).order()).noneMatch(e -> e.startsWith("split"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Normalization.class)
    void theTrailingFiveMinuteHistoryOnTheSplitDayRunsOnIntoItsBarsWithoutAStep(Normalization mode)
            throws Exception {
        Replay r = replay(CorporateActions.of(List.of(factors)), mode);
        assertThat(r.historyOnSplitDay().keySet()).as("trailing sessions held on 06-09")
                .contains(LocalDate.of(2014, 6, 5), LocalDate.of(2014, 6, 6));
        List<double[]> closes = new ArrayList<>();  // {open, close} of each 5m bar, history then 06-09
        r.historyOnSplitDay().values().forEach(s -> {
            for (int i = 0; i < s.size(); i++) {
                closes.add(new double[] {s.open(i), s.close(i)});
            }
        });
        r.fives().stream().filter(b -> date(b).equals(SPLIT)).forEach(b -> closes.add(new double[] {b.open(),
                b.close()}));
        double largestRange = 0;
        for (LocalDate d : List.of(FROM, LocalDate.of(2014, 6, 6), SPLIT)) {
            List<Bar> day = r.minutes().stream().filter(b -> date(b).equals(d)).toList();
            double high = day.stream().mapToDouble(Bar::high).max().orElseThrow();
            double low = day.stream().mapToDouble(Bar::low).min().orElseThrow();
            largestRange = Math.max(largestRange, high - low);
        }
        assertThat(closes).hasSizeGreaterThan(78 * 3 - 1);
        for (int i = 1; i < closes.size(); i++) {
            double step = Math.abs(closes.get(i)[0] - closes.get(i - 1)[1]);
            assertThat(step).as("%s: step from 5m bar %d's close to the next one's open", mode, i - 1)
                    .isLessThanOrEqualTo(largestRange);
        }
    }
}
