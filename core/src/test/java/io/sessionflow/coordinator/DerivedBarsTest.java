package io.sessionflow.coordinator;

import static io.sessionflow.testing.Sessions.at;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.EventLog.Entry;
import io.sessionflow.testing.Listeners;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Derived bars delivered by the coordinator, against the tests' own aggregation ({@link Aggregation}): aligned to
 * the session open, delivered right after the 1m bar that completes them or, when their last minute is missing,
 * after every event of their window's end; partial at an early close; revised when a late 1m bar lands in a window
 * already delivered.
 */
class DerivedBarsTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Symbol BBB = Symbol.of("BBB");
    private static final List<Symbol> SYMBOLS = List.of(AAA, BBB);
    private static final Interval M5 = Interval.ofMinutes(5);
    private static final Interval M15 = Interval.ofMinutes(15);
    private static final Interval M30 = Interval.ofMinutes(30);
    private static final Interval M60 = Interval.ofMinutes(60);
    private static final List<Interval> DERIVED = List.of(M5, M15, M30, M60);
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final LocalDate EARLY_CLOSE = LocalDate.of(2025, 11, 28);

    private static Replay replay(LocalDate from, LocalDate to, BiPredicate<Symbol, Long> gap) {
        return Replay.over(from, to).symbols(SYMBOLS).streams(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES)
                .store(Stores.market(SYMBOLS, from, to, gap, 60, 60)).config(c -> c.derivedIntervals(DERIVED));
    }

    private static BiPredicate<Symbol, Long> missing(Symbol symbol, Instant... starts) {
        Set<Long> minutes = Arrays.stream(starts).map(Micros::of).collect(Collectors.toSet());
        return (s, t) -> s.equals(symbol) && minutes.contains(t);
    }

    private static int indexOf(List<Entry> entries, Bar bar) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).event().equals(bar)) {
                return i;
            }
        }
        throw new AssertionError("not delivered: " + bar);
    }

    private static Bar delivered(List<Entry> entries, Symbol symbol, Interval interval, Instant start) {
        return EventLog.bars(entries, interval).stream().filter(b -> b.symbol().equals(symbol)
                && b.start().equals(start)).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(
                "no " + interval + " bar of " + symbol + " at " + start));
    }

    @Test
    void derivedBarsEqualAnIndependentAggregationOnFullAndEarlyCloseSessions() {
        Replay.Result r = replay(MONDAY, EARLY_CLOSE.plusDays(1), (s, t) -> false).run().completed();

        Map<LocalDate, List<Entry>> sessions = r.log().sessions();
        assertThat(sessions).containsOnlyKeys(MONDAY, MONDAY.plusDays(1), MONDAY.plusDays(2), EARLY_CLOSE);
        sessions.forEach((date, entries) -> {
            TradingSession s = Sessions.of(date);
            for (Symbol symbol : SYMBOLS) {
                List<Bar> oneMinute = EventLog.bars(entries, Interval.ONE_MINUTE).stream()
                        .filter(b -> b.symbol().equals(symbol)).toList();
                assertThat(oneMinute).hasSize(s.minutes());
                for (Interval i : DERIVED) {
                    List<Bar> derived = EventLog.bars(entries, i).stream().filter(b -> b.symbol().equals(symbol))
                            .toList();
                    assertThat(derived).as("%s %s %s", date, symbol, i)
                            .containsExactlyElementsOf(Aggregation.derive(oneMinute, s, i));
                }
            }
        });
        List<Entry> monday = sessions.get(MONDAY);
        assertThat(EventLog.bars(monday, M5)).hasSize(2 * 78);
        assertThat(EventLog.bars(monday, M15)).hasSize(2 * 26);
        assertThat(EventLog.bars(monday, M30)).hasSize(2 * 13).noneMatch(Bar::isPartial);
        assertThat(EventLog.bars(monday, M60)).hasSize(2 * 7).filteredOn(Bar::isPartial).extracting(Bar::start)
                .as("15:30-16:00 is the only short hour").containsOnly(at(MONDAY, 15, 30));
        // The last session stays in SessionData: its derived bars aggregate its 1m bars.
        TradingSession early = Sessions.of(EARLY_CLOSE);
        for (Symbol symbol : SYMBOLS) {
            for (Interval i : DERIVED) {
                assertThat(r.data(symbol).derivedBars(i)).as("%s %s in SessionData", symbol, i)
                        .containsExactlyElementsOf(Aggregation.derive(r.data(symbol).bars(), early, i));
            }
        }
    }

    @Test
    void anEarlyCloseCutsTheLastHourShortAndSaysSo() {
        Replay.Result r = replay(EARLY_CLOSE, EARLY_CLOSE.plusDays(1), (s, t) -> false).run().completed();
        List<Entry> entries = r.log().sessions().get(EARLY_CLOSE);

        List<Bar> hours = EventLog.bars(entries, M60).stream().filter(b -> b.symbol().equals(AAA)).toList();
        assertThat(hours).extracting(Bar::start).containsExactly(at(EARLY_CLOSE, 9, 30), at(EARLY_CLOSE, 10, 30),
                at(EARLY_CLOSE, 11, 30), at(EARLY_CLOSE, 12, 30));
        assertThat(hours).extracting(Bar::isPartial).containsExactly(false, false, false, true);
        assertThat(hours.get(3).volume()).as("12:30-13:00 holds 30 minutes")
                .isEqualTo(IntStream.range(180, 210).map(m -> 100 + m).sum());
        assertThat(EventLog.bars(entries, M30).stream().filter(b -> b.symbol().equals(AAA)))
                .hasSize(7).noneMatch(Bar::isPartial);
        assertThat(EventLog.bars(entries, M5)).hasSize(2 * 42);
        assertThat(EventLog.bars(entries, M15)).hasSize(2 * 14);
        int last = indexOf(entries, hours.get(3));
        assertThat(entries.get(last).at()).isEqualTo(at(EARLY_CLOSE, 13, 0));
        assertThat(entries.get(last).at()).isEqualTo(Sessions.of(EARLY_CLOSE).close());
    }

    @Test
    void aDerivedBarComesRightAfterTheOneMinuteBarThatCompletesItAtThatBarsEnd() {
        Replay.Result r = replay(MONDAY, MONDAY.plusDays(1), (s, t) -> false).run().completed();
        List<Entry> entries = r.log().sessions().get(MONDAY);
        TradingSession s = Sessions.of(MONDAY);

        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i).event() instanceof Bar d) || d.interval().isOneMinute()) {
                continue;
            }
            Instant end = d.end().isAfter(s.close()) ? s.close() : d.end();
            int j = i - 1;
            while (entries.get(j).event() instanceof Bar p && !p.interval().isOneMinute()) {
                assertThat(p.symbol()).isEqualTo(d.symbol());
                assertThat(p.interval()).as("intervals in ascending order").isLessThan(d.interval());
                j--;
            }
            assertThat(entries.get(j).event()).as("the 1m bar completing %s", d)
                    .isInstanceOfSatisfying(Bar.class, b -> {
                        assertThat(b.symbol()).isEqualTo(d.symbol());
                        assertThat(b.end()).isEqualTo(end);
                    });
            assertThat(entries.get(i).at()).isEqualTo(end);
        }
        // The example of the specification: the 09:34 bar at 09:35, then the 09:30 5m bar it completes.
        Bar nineThirtyFour = delivered(entries, AAA, Interval.ONE_MINUTE, at(MONDAY, 9, 34));
        int k = indexOf(entries, nineThirtyFour);
        assertThat(entries.get(k).at()).isEqualTo(at(MONDAY, 9, 35));
        assertThat(entries.get(k + 1).event()).isEqualTo(delivered(entries, AAA, M5, at(MONDAY, 9, 30)));
        assertThat(entries.get(k + 1).at()).isEqualTo(at(MONDAY, 9, 35));
    }

    @Test
    void aWindowMissingMinutesIsBuiltFromThoseItHasAndFlushedAfterEveryEventOfItsEnd() {
        Instant lastOfFive = at(MONDAY, 10, 4);
        Instant lastOfHalfHour = at(MONDAY, 10, 59);
        Instant firstOfFive = at(MONDAY, 10, 10);
        Instant[] wholeWindow = IntStream.range(0, 5)
                .mapToObj(m -> at(MONDAY, 11, m)).toArray(Instant[]::new);
        Instant[] gaps = Stream.concat(Stream.of(lastOfFive, lastOfHalfHour,
                firstOfFive), Arrays.stream(wholeWindow)).toArray(Instant[]::new);
        Replay.Result r = replay(MONDAY, MONDAY.plusDays(1), missing(AAA, gaps)).run().completed();
        List<Entry> entries = r.log().sessions().get(MONDAY);
        TradingSession s = Sessions.of(MONDAY);
        List<Bar> aaaMinutes = EventLog.bars(entries, Interval.ONE_MINUTE).stream()
                .filter(b -> b.symbol().equals(AAA)).toList();
        assertThat(aaaMinutes).hasSize(390 - gaps.length);

        // 10:00 5m lacks 10:04: flushed at 10:05 after every event available then, before any later one.
        Bar ten = delivered(entries, AAA, M5, at(MONDAY, 10, 0));
        assertFlushedAt(entries, ten, at(MONDAY, 10, 5));
        assertThat(ten).isEqualTo(Aggregation.derive(aaaMinutes, s, M5).stream()
                .filter(b -> b.start().equals(at(MONDAY, 10, 0))).findFirst().orElseThrow());
        assertThat(ten.volume()).isEqualTo((100 + 30) + (100 + 31) + (100 + 32) + (100 + 33));

        // 10:59 is the last minute of a 5m, a 15m and a 30m window: all three flushed at 11:00, by interval.
        Bar five = delivered(entries, AAA, M5, at(MONDAY, 10, 55));
        Bar fifteen = delivered(entries, AAA, M15, at(MONDAY, 10, 45));
        Bar thirty = delivered(entries, AAA, M30, at(MONDAY, 10, 30));
        assertFlushedAt(entries, five, at(MONDAY, 11, 0));
        assertThat(indexOf(entries, fifteen)).isEqualTo(indexOf(entries, five) + 1);
        assertThat(indexOf(entries, thirty)).isEqualTo(indexOf(entries, five) + 2);

        // 10:10 missing: the window opens with 10:11 and is delivered with 10:14 as usual.
        Bar tenTen = delivered(entries, AAA, M5, firstOfFive);
        Bar tenFourteen = delivered(entries, AAA, Interval.ONE_MINUTE, at(MONDAY, 10, 14));
        assertThat(indexOf(entries, tenTen)).isEqualTo(indexOf(entries, tenFourteen) + 1);
        assertThat(tenTen.open()).isEqualTo(delivered(entries, AAA, Interval.ONE_MINUTE, at(MONDAY, 10, 11)).open());

        // A window without any minute gives no bar.
        assertThat(EventLog.bars(entries, M5)).noneMatch(b -> b.symbol().equals(AAA)
                && b.start().equals(at(MONDAY, 11, 0)));
        for (Interval i : DERIVED) {
            assertThat(EventLog.bars(entries, i).stream().filter(b -> b.symbol().equals(AAA)).toList())
                    .as("%s", i).containsExactlyElementsOf(Aggregation.derive(aaaMinutes, s, i));
        }
    }

    /** {@code bar} was delivered at {@code t}, after every event available at or before {@code t}, before later ones. */
    private static void assertFlushedAt(List<Entry> entries, Bar bar, Instant t) {
        int i = indexOf(entries, bar);
        assertThat(entries.get(i).at()).isEqualTo(t);
        assertThat(entries.subList(i + 1, entries.size())).allSatisfy(e -> {
            if (e.availableAt() != null && !(e.event() instanceof Bar b && !b.interval().isOneMinute())) {
                assertThat(e.availableAt()).as("after the flush: %s", e.line()).isAfter(t);
            }
        });
        assertThat(entries.subList(0, i).stream().filter(e -> t.equals(e.availableAt())).map(Entry::line))
                .as("events available at the window end come first")
                .anyMatch(l -> l.startsWith("quote")).anyMatch(l -> l.startsWith("trade"))
                .anyMatch(l -> l.startsWith("bar BBB 1m"));
    }

    @Test
    void aLateOneMinuteBarRevisesTheDerivedBarsOfItsWindow() {
        Instant late = at(MONDAY, 9, 32);
        AtomicReference<EventQueue> publisher = new AtomicReference<>();
        Bar lateBar = Bars.session(List.of(AAA), MONDAY, MONDAY.plusDays(1)).stream()
                .filter(b -> b.start().equals(late)).findFirst().orElseThrow();
        Replay.Result r = replay(MONDAY, MONDAY.plusDays(1), missing(AAA, late))
                .config(c -> c.retryMissingBars(false))
                .wall(new ManualWallClock())  // the silent publisher is not waited for
                .setup(dm -> publisher.set(dm.publisher("late", 4)))
                .listener(Listeners.onceAt(b -> b.symbol().equals(AAA) && b.start().equals(at(MONDAY, 9, 40)),
                        () -> Batches.publish(publisher.get(), List.of(lateBar), 1, MONDAY)))
                .run().completed();
        List<Entry> entries = r.log().sessions().get(MONDAY);

        Bar first = EventLog.bars(entries, M5).stream().filter(b -> b.symbol().equals(AAA)).findFirst().orElseThrow();
        assertThat(first.isRevised()).isFalse();
        assertThat(first.volume()).as("delivered at 09:35 without 09:32").isEqualTo(100 + 101 + 103 + 104);
        int i = indexOf(entries, delivered(entries, AAA, Interval.ONE_MINUTE, at(MONDAY, 9, 40)));
        assertThat(entries.get(i + 1).event()).isEqualTo(lateBar);
        assertThat(entries.get(i + 1).at()).as("stale: delivered at once, time does not go back")
                .isEqualTo(at(MONDAY, 9, 41));
        Bar revised = (Bar) entries.get(i + 2).event();
        assertThat(revised.isRevised()).isTrue();
        assertThat(revised.interval()).isEqualTo(M5);
        assertThat(revised.withFlags(0)).isEqualTo(Aggregation.derive(Bars.session(List.of(AAA), MONDAY,
                MONDAY.plusDays(1)), Sessions.of(MONDAY), M5).get(0));
        assertThat(((Bar) entries.get(i + 3).event()).interval()).as("15m 09:30 is not complete yet: no revision")
                .isEqualTo(Interval.ONE_MINUTE);
        assertThat(r.data(AAA).derivedBars(M5).get(0)).isEqualTo(revised);
        assertThat(Duration.between(first.start(), revised.start())).isZero();
    }
}
