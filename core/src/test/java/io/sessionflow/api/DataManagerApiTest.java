package io.sessionflow.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.api.MarketDataListener;
import io.sessionflow.api.SessionEnd;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Listeners;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sequences;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The public facade: streams registered and cancelled mid-run, the bar iterator, listeners, time and errors. */
class DataManagerApiTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final Symbol CCC = Symbol.of("CCC");
    private static final List<Symbol> SYMBOLS = List.of(AAA, BBB, CCC);
    private static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    private static final LocalDate TO = LocalDate.of(2025, 11, 27);  // three full sessions
    private static final Interval M5 = Interval.ofMinutes(5);

    private static Replay replay(List<Symbol> symbols) {
        return Replay.over(FROM, TO).symbols(symbols).streams(StreamType.BARS, StreamType.QUOTES)
                .store(Stores.market(SYMBOLS, FROM, TO, Stores.gaps(60), 30, 45))
                .config(c -> c.derivedIntervals(List.of(M5)));
    }

    private static List<String> lines(Replay.Result r, Predicate<EventLog.Entry> keep) {
        return r.log().entries().stream().filter(keep).map(e -> e.line() + " @" + e.at()).toList();
    }

    private static boolean isBarOf(EventLog.Entry e, Symbol s) {
        return e.event() instanceof Bar b && b.symbol().equals(s);
    }

    @Test
    void cancellingOneStreamMidRunStopsItAndLeavesEveryOtherEventAsItWas() {
        Instant eleven = Instant.parse("2025-11-24T16:00:00Z");
        Replay.Result full = replay(SYMBOLS).run().completed();
        Replay.Result cancelled = replay(SYMBOLS)
                .listener(dm -> Listeners.onceAt(eleven, () -> dm.cancel(BBB, StreamType.BARS))).run().completed();

        Sequences.assertSame("everything but BBB's bars", lines(full, e -> !isBarOf(e, BBB)),
                lines(cancelled, e -> !isBarOf(e, BBB)));
        // The cancel runs at AAA's bar of 11:00, before BBB's bar of that instant.
        Sequences.assertSame("BBB's bars before the cancel", lines(full, e -> isBarOf(e, BBB)
                && e.at().isBefore(eleven)), lines(cancelled, e -> isBarOf(e, BBB)));
        assertThat(cancelled.dm().isRegistered(BBB, StreamType.BARS)).isFalse();
        assertThat(cancelled.dm().isRegistered(BBB, StreamType.QUOTES)).isTrue();
        assertThat(cancelled.log().of(Quote.class)).anyMatch(q -> q.symbol().equals(BBB)
                && q.time().isAfter(eleven));
    }

    @Test
    void aStreamRegisteredMidRunStartsWithTheNextSessionWithOrWithoutTheUpkeepThread() {
        Instant ten = Instant.parse("2025-11-24T15:00:00Z");
        List<List<String>> runs = new ArrayList<>();
        for (int run = 0; run < 4; run++) {
            Replay.Result r = replay(List.of(AAA, BBB)).upkeep(run % 2 == 0)
                    .listener(dm -> Listeners.onceAt(ten, () -> dm.register(CCC, StreamType.BARS))).run().completed();
            r.log().sessions().forEach((date, entries) -> assertThat(EventLog.bars(entries, Interval.ONE_MINUTE)
                    .stream().filter(b -> b.symbol().equals(CCC)))
                    .as("CCC bars on %s", date)
                    .hasSize(date.equals(FROM) ? 0 : 390 - Sessions.count(Stores.gaps(60), CCC, Sessions.of(date))));
            runs.add(r.log().timedLines());
        }
        for (int run = 1; run < runs.size(); run++) {
            Sequences.assertSame("run " + run, runs.get(0), runs.get(run));
        }
    }

    @Test
    void aSymbolRegisteredMidSessionGetsThePublishedEventsThatFollow() {
        Instant ten = Instant.parse("2025-11-24T15:00:00Z");
        List<Bar> both = Bars.session(List.of(AAA, CCC), FROM, FROM.plusDays(1)).sortedByStartThenSymbol();
        Replay.Result r = Replay.over(FROM, FROM.plusDays(1)).symbols(List.of(AAA))
                .setup(dm -> Batches.publish(dm.publisher("feed", 4), both, both.size(), FROM))
                .listener(dm -> Listeners.onceAt(b -> b.symbol().equals(AAA) && b.end().equals(ten),
                        () -> dm.register(CCC, StreamType.BARS)))
                .run().completed();
        assertThat(r.log().bars(Interval.ONE_MINUTE).stream().filter(b -> b.symbol().equals(CCC)).toList())
                .as("CCC from its bar of 10:00 on, out of the one batch already being delivered")
                .containsExactlyElementsOf(both.stream().filter(b -> b.symbol().equals(CCC) && !b.end().isBefore(ten))
                        .toList());
    }

    @Test
    void streamBarsIteratesTheDerivedBarsInDeliveryOrderAndEndsWithTheRun() throws InterruptedException {
        Replay.Started started = replay(List.of()).build();
        DataManager dm = started.dm();
        try (BarStream stream = dm.streamBars(List.of(AAA, BBB), M5)) {
            dm.start();
            List<Bar> read = new ArrayList<>();
            stream.forEachRemaining(read::add);
            assertThat(Replay.awaitOrNull(dm)).isNotNull();
            assertThat(read).isEqualTo(started.log().bars(M5));
            assertThat(read).hasSize(2 * 3 * 78).allMatch(b -> b.interval().equals(M5));
            assertThat(stream.hasNext()).isFalse();
            assertThat(dm.isRegistered(AAA, StreamType.BARS)).as("streamBars registers the bars").isTrue();
            assertThat(dm.isRegistered(CCC, StreamType.BARS)).isFalse();
        } finally {
            dm.stop();
        }
    }

    /**
     * The reader pauses with the buffer full until every bar has been delivered, so the run ends with a full buffer:
     * the end marker must wait for room, not push a bar out.
     */
    @Test
    void aSlowReaderOfStreamBarsGetsEveryBarEvenWhenItsBufferIsFullAtTheEnd() throws InterruptedException {
        List<Symbol> four = List.of(AAA, BBB, CCC, Symbol.of("DDD"));
        InMemoryStore store = Stores.bars(four, FROM, TO);
        int total = 4 * 3 * 390;  // more than the 4096 bars the stream buffers
        CountDownLatch allDelivered = new CountDownLatch(3);
        DataManager dm = DataManager.builder().store(store).backtest(FROM, TO).build();
        try (BarStream stream = dm.streamBars(four, Interval.ONE_MINUTE)) {
            dm.subscribe(new MarketDataListener() {
                @Override
                public void onSessionEnd(SessionEnd end) {
                    allDelivered.countDown();
                }
            });
            dm.start();
            int read = 0;
            while (read < total - 4096 && stream.hasNext()) {
                stream.next();
                read++;
            }
            assertThat(allDelivered.await(10, TimeUnit.SECONDS)).as("every bar is in the buffer").isTrue();
            while (stream.hasNext()) {
                stream.next();
                read++;
            }
            assertThat(read).isEqualTo(total);
            assertThat(Replay.awaitOrNull(dm)).isNotNull();
        } finally {
            dm.stop();
        }
    }

    @Test
    void listenersReceiveEachKindOfEventAndTheRunEndLast() {
        List<String> calls = Collections.synchronizedList(new ArrayList<>());
        MarketDataListener kinds = new MarketDataListener() {
            @Override
            public void onSessionStart(TradingSession session) {
                calls.add("start");
            }

            @Override
            public void onBar(Bar bar) {
                calls.add(bar.interval().isOneMinute() ? "bar" : "WRONG derived in onBar");
            }

            @Override
            public void onDerivedBar(Bar bar) {
                calls.add(bar.interval().isOneMinute() ? "WRONG 1m in onDerivedBar" : "derived");
            }

            @Override
            public void onQuote(Quote quote) {
                calls.add("quote");
            }

            @Override
            public void onTrade(Trade trade) {
                calls.add("trade");
            }

            @Override
            public void onSessionEnd(SessionEnd end) {
                calls.add("end");
            }

            @Override
            public void onRunEnd() {
                calls.add("run end");
            }
        };
        Replay.Result r = Replay.over(FROM, LocalDate.of(2025, 11, 25)).symbols(List.of(AAA))
                .streams(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES)
                .store(Stores.market(List.of(AAA), FROM, TO, (s, t) -> false, 60, 120))
                .config(c -> c.derivedIntervals(List.of(M5))).listener(kinds).run().completed();

        assertThat(calls).doesNotContain("WRONG derived in onBar", "WRONG 1m in onDerivedBar");
        assertThat(calls.stream().filter("bar"::equals)).hasSize(390);
        assertThat(calls.stream().filter("derived"::equals)).hasSize(78);
        assertThat(calls.stream().filter("quote"::equals)).hasSize(390);
        assertThat(calls.stream().filter("trade"::equals)).hasSize(195);
        assertThat(calls.get(0)).isEqualTo("start");
        assertThat(calls.subList(calls.size() - 2, calls.size())).containsExactly("end", "run end");
        assertThat(r.run().events()).as("events counted by the run").isEqualTo(calls.size() - 1);
    }

    @Test
    void anUnsubscribedListenerHearsNothingMore() {
        List<Bar> heard = new ArrayList<>();
        Instant ten = Instant.parse("2025-11-24T15:00:00Z");
        MarketDataListener ear = new MarketDataListener() {
            @Override
            public void onBar(Bar bar) {
                heard.add(bar);
            }
        };
        replay(List.of(AAA)).listener(ear).listener(dm -> Listeners.onceAt(ten, () -> dm.unsubscribe(ear))).run().completed();
        assertThat(heard).isNotEmpty().allMatch(b -> !b.end().isAfter(ten));
    }

    @Test
    void timeAndSessionAreThoseOfTheEventBeingDelivered() {
        List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
        Replay.Started started = replay(List.of(AAA)).listener(dm -> new MarketDataListener() {
            @Override
            public void onSessionStart(TradingSession session) {
                check(dm.now().equals(session.open()) && dm.currentSession().orElseThrow().equals(session), session);
            }

            @Override
            public void onBar(Bar bar) {
                check(dm.now().equals(bar.end()) && dm.currentSession().orElseThrow().contains(bar.start()), bar);
            }

            @Override
            public void onQuote(Quote quote) {
                check(dm.now().equals(quote.time()), quote);
            }

            private void check(boolean ok, Object event) {
                if (!ok) {
                    mismatches.add(event + " at " + event);
                }
            }
        }).build();
        DataManager dm = started.dm();
        assertThat(dm.now()).isEqualTo(dm.backtestSessions().get(0).open());
        assertThat(dm.currentSession()).isEmpty();
        assertThat(dm.progress().sessionsDone()).isZero();
        Replay.Result r = started.run().completed();

        assertThat(mismatches).isEmpty();
        TradingSession last = dm.backtestSessions().get(2);
        assertThat(r.dm().currentSession()).contains(last);
        assertThat(r.dm().now()).isEqualTo(last.close());
        assertThat(r.dm().progress()).isEqualTo(new Progress(3, 3, r.run().events(), last.date()));
    }

    @Test
    void badArgumentsAreRejectedWithMessagesThatSayWhatIsWrong() {
        InMemoryStore store = new InMemoryStore();
        DataManager.Builder builder = DataManager.builder().store(store)
                .config(SessionConfig.builder().derivedIntervals(List.of(M5)).build());
        try (DataManager dm = builder.backtest(FROM, TO).build()) {
            assertThatThrownBy(() -> dm.streamBars(List.of(AAA), Interval.ofMinutes(7)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("interval 7m is not produced; configured: [1m, 5m]");
            assertThatThrownBy(() -> dm.publisher("feed", 0)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("queue feed capacity 0 is not positive");
        }
        assertThatThrownBy(() -> builder.backtest(LocalDate.of(2025, 11, 27), LocalDate.of(2025, 11, 28)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no XNYS trading sessions between 2025-11-27 and 2025-11-27");
        assertThatThrownBy(() -> builder.backtest(TO, FROM).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("backtest window [2025-11-27, 2025-11-24) is empty");
        assertThatThrownBy(() -> builder.backtest(LocalDate.of(1980, 1, 2), LocalDate.of(1980, 2, 1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1980-01-02 is outside");
        assertThatThrownBy(() -> DataManager.builder().store(store).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("choose a mode");
        assertThatThrownBy(() -> DataManager.builder().backtest(FROM, TO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a backtest needs a store");
    }
}
