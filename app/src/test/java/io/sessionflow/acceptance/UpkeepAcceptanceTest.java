package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.api.DataManager;
import io.sessionflow.app.Main;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.RecordingListener;
import io.sessionflow.upkeep.DropFilter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5's acceptance on real data: completeness of an illiquid symbol (SHY), repair of dropped bars, and trailing
 * history across session changes.
 */
class UpkeepAcceptanceTest {

    private static final List<LocalDate> SHY_DATES = List.of(LocalDate.of(2008, 3, 7), LocalDate.of(2008, 3, 10));
    private static final List<String> LIQUID = List.of("SPY", "IBM", "BAC", "AIG");
    private static final List<LocalDate> OCTOBER_2013 = List.of(LocalDate.of(2013, 10, 4), LocalDate.of(2013, 10, 7),
            LocalDate.of(2013, 10, 8), LocalDate.of(2013, 10, 9), LocalDate.of(2013, 10, 10),
            LocalDate.of(2013, 10, 11));

    @TempDir
    Path dir;

    private JsonNode replaySummary(InMemoryStore store, String... args) throws Exception {
        Path summary = dir.resolve("summary-" + System.identityHashCode(args) + ".json");
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--summary", summary.toString())).toArray(String[]::new);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(all, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), db -> store);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(Files.readString(summary));
    }

    @Test
    void shyReportsItsRealGapsAsConfirmedMissing() throws Exception {
        InMemoryStore store = LeanData.importTrades(List.of("SHY"), SHY_DATES);
        JsonNode s = replaySummary(store, "replay", "--symbols", "SHY", "--from", "2008-03-07", "--to", "2008-03-10");
        JsonNode first = s.get("sessions").get(0).get("symbols").get("SHY");
        JsonNode second = s.get("sessions").get(1).get("symbols").get("SHY");
        assertThat(first.get("present").asInt()).isEqualTo(333);
        assertThat(first.get("expected").asInt()).isEqualTo(390);
        assertThat(first.get("quality").asDouble()).isEqualTo(85.38);
        assertThat(first.get("confirmedMissing").asInt()).isEqualTo(57);
        assertThat(second.get("present").asInt()).isEqualTo(313);
        assertThat(second.get("quality").asDouble()).isEqualTo(80.26);
        assertThat(second.get("confirmedMissing").asInt()).isEqualTo(77);
        assertThat(first.get("filled").asInt()).isZero();
    }

    @Test
    void fillForwardGivesEveryMinuteABarAndMarksTheSyntheticOnes() throws Exception {
        InMemoryStore store = LeanData.importTrades(List.of("SHY"), SHY_DATES);
        Path events = dir.resolve("events.jsonl");
        JsonNode s = replaySummary(store, "replay", "--symbols", "SHY", "--from", "2008-03-07", "--to", "2008-03-10",
                "--fill-forward", "--events", events.toString());
        List<JsonNode> bars = Files.readAllLines(events).stream().map(UpkeepAcceptanceTest::json)
                .filter(n -> n.get("type").asText().equals("bar") && n.get("interval").asText().equals("1m")).toList();
        assertThat(bars).hasSize(2 * 390);
        assertThat(bars.stream().filter(n -> n.has("synthetic"))).hasSize(57 + 77);
        assertThat(bars.stream().filter(n -> n.has("synthetic")))
                .allSatisfy(n -> assertThat(n.get("volume").asLong()).isZero());
        assertThat(bars.stream().map(n -> n.get("start").asText()).distinct()).hasSize(2 * 390);
        // Quality still counts synthetic minutes as missing.
        assertThat(s.get("sessions").get(0).get("symbols").get("SHY").get("quality").asDouble()).isEqualTo(85.38);
        assertThat(s.get("sessions").get(0).get("symbols").get("SHY").get("synthetic").asInt()).isEqualTo(57);
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The final value of each derived bar (after revisions) and the quality per session and symbol. */
    private record Outcome(Map<String, Bar> finalDerived, List<SessionSummary> sessions) {
    }

    private static Outcome replay(InMemoryStore store, DropFilter drop) throws InterruptedException {
        SessionConfig config = SessionConfig.builder()
                .derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15))).build();
        Map<String, Bar> derived = new LinkedHashMap<>();
        try (DataManager dm = DataManager.builder().config(config).store(store)
                .backtest(OCTOBER_2013.get(0), OCTOBER_2013.get(5).plusDays(1)).dropFilter(drop).build()) {
            dm.register(LIQUID.stream().map(Symbol::of).toList(), StreamType.BARS);
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onDerivedBar(Bar bar) {
                    derived.put(bar.symbol() + " " + bar.interval() + " " + bar.start(), bar.withFlags(0));
                }
            });
            RunResult r = dm.runInline();
            assertThat(r.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
            return new Outcome(derived, r.sessions());
        }
    }

    @Test
    void droppedBarsAreAllRepairedSoQualityAndDerivedBarsMatchTheRunWithoutDrops() throws Exception {
        InMemoryStore store = LeanData.importTrades(LIQUID, OCTOBER_2013);
        Outcome clean = replay(store, DropFilter.NONE);
        Outcome dropped = replay(store, new DropFilter(0.05, 42));

        int filled = 0;
        boolean lastMinuteDropped = false;
        for (int i = 0; i < clean.sessions().size(); i++) {
            SessionSummary c = clean.sessions().get(i);
            SessionSummary d = dropped.sessions().get(i);
            for (String symbol : LIQUID) {
                SessionSummary.SymbolSummary cs = c.symbols().get(Symbol.of(symbol));
                SessionSummary.SymbolSummary ds = d.symbols().get(Symbol.of(symbol));
                assertThat(ds.quality()).as("%s %s", symbol, c.date()).isEqualTo(cs.quality());
                assertThat(ds.present()).isEqualTo(cs.present());
                filled += ds.filled();
            }
            TradingSession session = io.sessionflow.calendar.Calendars.xnys().session(c.date()).orElseThrow();
            long last = io.sessionflow.domain.Micros.of(session.close()) - io.sessionflow.domain.Micros.PER_MINUTE;
            for (String symbol : LIQUID) {
                lastMinuteDropped |= new DropFilter(0.05, 42).drops(Symbol.of(symbol), last);
            }
        }
        assertThat(filled).as("about 5%% of %d bars", 6 * 4 * 390).isBetween(350, 600);
        assertThat(lastMinuteDropped).as("the seed drops a session's last minute somewhere").isTrue();
        assertThat(dropped.finalDerived()).isEqualTo(clean.finalDerived());
    }

    @Test
    void trailingHistoryHoldsThePreviousThreeTradingSessions() throws Exception {
        InMemoryStore store = LeanData.importTrades(List.of("SPY"), OCTOBER_2013);
        SessionConfig config = SessionConfig.builder().historicalTrailingSessions(3)
                .historicalBarIntervals(List.of(Interval.ONE_MINUTE, Interval.ofMinutes(5))).build();
        Map<LocalDate, Map<Interval, NavigableMap<LocalDate, BarSeries>>> seen = new LinkedHashMap<>();
        int readsBefore;
        try (DataManager dm = DataManager.builder().config(config).store(store)
                .backtest(OCTOBER_2013.get(0), OCTOBER_2013.get(5).plusDays(1)).build()) {
            dm.register(Symbol.of("SPY"), StreamType.BARS);
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onSessionStart(TradingSession session) {
                    seen.put(session.date(), dm.sessionData().symbol(Symbol.of("SPY")).orElseThrow().history());
                }
            });
            readsBefore = store.reads();
            assertThat(dm.runInline().outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        Map<Interval, NavigableMap<LocalDate, BarSeries>> before10th = seen.get(LocalDate.of(2013, 10, 10));
        assertThat(before10th.get(Interval.ONE_MINUTE).keySet()).containsExactly(LocalDate.of(2013, 10, 7),
                LocalDate.of(2013, 10, 8), LocalDate.of(2013, 10, 9));
        assertThat(before10th.get(Interval.ofMinutes(5)).keySet()).containsExactly(LocalDate.of(2013, 10, 7),
                LocalDate.of(2013, 10, 8), LocalDate.of(2013, 10, 9));
        before10th.get(Interval.ONE_MINUTE).values().forEach(s -> assertThat(s).hasSize(390));
        before10th.get(Interval.ofMinutes(5)).values().forEach(s -> assertThat(s).hasSize(78));
        // Before the 7th, history holds the 4th (read from storage) and nothing older exists in the store.
        assertThat(seen.get(LocalDate.of(2013, 10, 7)).get(Interval.ONE_MINUTE).keySet())
                .contains(LocalDate.of(2013, 10, 4)).hasSize(3);
        assertThat(seen.get(LocalDate.of(2013, 10, 11)).get(Interval.ONE_MINUTE).keySet())
                .doesNotContain(LocalDate.of(2013, 10, 4), LocalDate.of(2013, 10, 7));
        // One bar read per session, plus the history read once before the first session.
        assertThat(store.reads() - readsBefore).isEqualTo(OCTOBER_2013.size() + 1);
    }
}
