package io.sessionflow.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.RunResult;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.server.LiveFeedServerRun;
import io.sessionflow.testing.InMemoryStore;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's must-hold: a live run against {@code feed-server} replaying LEAN SPY, IBM, BAC, AIG 2013-10-07 at 1200x
 * real time, on a clock that runs at the same speed, delivers per symbol the same final 1m, 5m and 15m bars as the
 * backtest of that session; and still does when the server is stopped mid-session and started again 5 s (wall) later,
 * the feed reconnecting by itself and the minutes it missed repaired from storage.
 */
class LiveFeedServerAcceptanceTest {

    private static final LocalDate DAY = LocalDate.of(2013, 10, 7);
    private static final List<String> NAMES = List.of("SPY", "IBM", "BAC", "AIG");
    private static final List<Symbol> SYMBOLS = NAMES.stream().map(Symbol::of).toList();
    /** 390 minutes in 19.5 s; a wall second is 20 market minutes. */
    private static final double SPEED = 1200;
    private static final SessionConfig CONFIG = SessionConfig.builder()
            .derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15))).build();
    private static final TradingSession SESSION = Calendars.xnys().session(DAY).orElseThrow();

    @Test
    void theLiveRunDeliversTheBacktestsFinalBarsWithoutARepair() throws Exception {
        InMemoryStore store = LeanData.importTrades(NAMES, List.of(DAY));
        Map<LiveFeedServerRun.BarKey, Bar> expected = backtest(store);
        LiveFeedServerRun.Result live;
        try (LiveFeedServerRun run = new LiveFeedServerRun(store)) {
            live = run.run(SESSION, SYMBOLS, SPEED, CONFIG, b -> false, (r, b) -> { });
        }
        assertSameFinalBars(live.finalBars(), expected);
        SessionSummary summary = onlySession(live.run());
        summary.symbols().forEach((symbol, s) -> assertThat(s.filled())
                .as("%s: every minute came from the feed, none from a repair", symbol).isZero());
        assertThat(live.feed().reconnects()).isZero();
    }

    @Test
    void aServerStoppedMidSessionAndRestartedFiveSecondsLaterLosesNoBar() throws Exception {
        InMemoryStore store = LeanData.importTrades(NAMES, List.of(DAY));
        Map<LiveFeedServerRun.BarKey, Bar> expected = backtest(store);
        LiveFeedServerRun.Result live;
        try (LiveFeedServerRun run = new LiveFeedServerRun(store)) {
            live = run.run(SESSION, SYMBOLS, SPEED, CONFIG,
                    b -> b.symbol().value().equals("SPY") && newYork(b).equals(LocalTime.of(12, 0)),
                    (r, b) -> {
                        r.closeServer();
                        r.scheduler().schedule(r::restartServer, 5, TimeUnit.SECONDS);
                    });
        }
        assertThat(live.serverStarts()).as("the server was started again").isEqualTo(2);
        assertThat(live.feed().reconnects()).as("the feed reconnected by itself").isPositive();
        SessionSummary summary = onlySession(live.run());
        summary.symbols().forEach((symbol, s) -> assertThat(s.filled())
                .as("%s: the minutes played while the server was down were repaired from storage", symbol)
                .isGreaterThanOrEqualTo(60));
        assertSameFinalBars(live.finalBars(), expected);
    }

    private static LocalTime newYork(Bar b) {
        return b.start().atZone(LeanData.NEW_YORK).toLocalTime();
    }

    private static SessionSummary onlySession(RunResult r) {
        assertThat(r.failureCause()).isEmpty();
        assertThat(r.sessions()).extracting(SessionSummary::date).containsExactly(DAY);
        return r.sessions().get(0);
    }

    private static Map<LiveFeedServerRun.BarKey, Bar> backtest(InMemoryStore store) throws InterruptedException {
        Map<LiveFeedServerRun.BarKey, Bar> bars = new ConcurrentHashMap<>();
        try (DataManager dm = DataManager.builder().config(CONFIG).store(store).backtest(DAY, DAY.plusDays(1))
                .build()) {
            dm.register(SYMBOLS, StreamType.BARS).subscribe(new MarketDataListener() {
                @Override
                public void onBar(Bar bar) {
                    bars.put(LiveFeedServerRun.BarKey.of(bar), bar);
                }

                @Override
                public void onDerivedBar(Bar bar) {
                    bars.put(LiveFeedServerRun.BarKey.of(bar), bar);
                }
            });
            assertThat(dm.runInline().outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        }
        return bars;
    }

    private static void assertSameFinalBars(Map<LiveFeedServerRun.BarKey, Bar> live,
                                            Map<LiveFeedServerRun.BarKey, Bar> backtest) {
        assertThat(new TreeMap<>(count(live))).as("final bars per symbol and interval")
                .isEqualTo(new TreeMap<>(count(backtest)));
        assertThat(live.keySet()).isEqualTo(backtest.keySet());
        backtest.forEach((key, b) -> assertThat(live.get(key).sameValues(b))
                .as("live %s vs backtest %s", live.get(key), b).isTrue());
    }

    private static Map<String, Integer> count(Map<LiveFeedServerRun.BarKey, Bar> bars) {
        Map<String, Integer> n = new TreeMap<>();
        bars.keySet().forEach(k -> n.merge(k.symbol().value() + " " + k.interval(), 1, Integer::sum));
        return n;
    }
}
