package io.sessionflow.upkeep;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.api.SessionSummary;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.EventLog.BarKey;
import io.sessionflow.testing.EventLog.Entry;
import io.sessionflow.testing.InMemoryStore;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sessions;
import io.sessionflow.testing.Stores;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Gap repair by the upkeep thread (issue 5): bars the stream loses are filled from storage at the first check at or
 * after their end, minutes storage lacks are confirmed missing without being asked for again, quality measures what
 * is present, fill-forward stands in for what is missing, and a longer check interval delays fills and revises the
 * derived bars already delivered.
 */
class GapRepairTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    private static final LocalDate TO = LocalDate.of(2025, 11, 29);  // four sessions, the last one short
    private static final List<TradingSession> SESSIONS = Calendars.xnys().sessions(FROM, TO);
    private static final Interval M5 = Interval.ofMinutes(5);
    private static final Interval M15 = Interval.ofMinutes(15);
    private static final List<Interval> DERIVED = List.of(M5, M15);
    /** A 5 % drop whose seed also drops some session's last minute (found, deterministically, once). */
    private static final DropFilter DROPS = dropsIncludingALastMinute();

    private static DropFilter dropsIncludingALastMinute() {
        for (long seed = 1; ; seed++) {
            DropFilter f = new DropFilter(0.05, seed);
            for (TradingSession s : SESSIONS) {
                for (Symbol sym : SYMBOLS) {
                    if (f.drops(sym, Micros.of(s.close()) - Micros.PER_MINUTE)) {
                        return f;
                    }
                }
            }
        }
    }

    private static Replay replay(InMemoryStore store) {
        return Replay.over(FROM, TO).symbols(SYMBOLS).store(store).config(c -> c.derivedIntervals(DERIVED));
    }

    private static List<Bar> dropped(DropFilter f, BiPredicate<Symbol, Long> gap) {
        return Bars.session(SYMBOLS, FROM, TO, gap).stream()
                .filter(b -> f.drops(b.symbol(), Micros.of(b.start()))).toList();
    }

    /** The first check at or after {@code end} when checks run every {@code every} from the open. */
    private static Instant firstCheck(Instant end, Duration every) {
        TradingSession s = SESSIONS.stream().filter(x -> !end.isBefore(x.open()) && !end.isAfter(x.close()))
                .findFirst().orElseThrow();
        long since = Duration.between(s.open(), end).toNanos();
        long n = (since + every.toNanos() - 1) / every.toNanos();
        Instant due = s.open().plusNanos(n * every.toNanos());
        return due.isAfter(s.close()) ? s.close() : due;
    }

    @Test
    void droppedBarsAreFilledAtTheirEndAndTheSessionsEndAsIfNothingWasDropped() {
        Replay.Result clean = replay(Stores.bars(SYMBOLS, FROM, TO)).run().completed();
        Replay.Result repaired = replay(Stores.bars(SYMBOLS, FROM, TO)).drop(DROPS).run().completed();

        List<Bar> lost = dropped(DROPS, (s, t) -> false);
        assertThat(lost).isNotEmpty().anyMatch(b -> SESSIONS.stream().anyMatch(s -> b.end().equals(s.close())));
        Map<Bar, Entry> filled = repaired.log().entries().stream()
                .filter(e -> e.event() instanceof Bar b && b.isFilled())
                .collect(Collectors.toMap(e -> ((Bar) e.event()).withFlags(0), e -> e));
        assertThat(filled.keySet()).as("exactly the dropped bars are filled, once each")
                .containsExactlyInAnyOrderElementsOf(lost);
        filled.forEach((b, e) -> assertThat(e.at()).as("fill of %s", b).isEqualTo(b.end()));

        for (Interval i : List.of(Interval.ONE_MINUTE, M5, M15)) {
            assertThat(withoutFilledFlag(repaired.log().finalValues(i))).as("final %s bars", i)
                    .isEqualTo(clean.log().finalValues(i));
        }
        assertThat(repaired.log().of(Bar.class)).as("fills land before their window completes: no revision")
                .noneMatch(Bar::isRevised);
        for (int k = 0; k < SESSIONS.size(); k++) {
            SessionSummary a = clean.sessions().get(k);
            SessionSummary b = repaired.sessions().get(k);
            for (Symbol s : SYMBOLS) {
                long lostHere = lost.stream().filter(x -> x.symbol().equals(s) && Sessions.dateOf(x).equals(a.date())).count();
                assertThat(b.symbols().get(s).quality()).isEqualTo(a.symbols().get(s).quality()).isEqualTo(100.0);
                assertThat(b.symbols().get(s).present()).isEqualTo(a.symbols().get(s).present());
                assertThat(b.symbols().get(s).derived()).isEqualTo(a.symbols().get(s).derived());
                assertThat(b.symbols().get(s).filled()).isEqualTo(lostHere);
            }
        }
    }

    @Test
    void storageGapsAreConfirmedMissingWithOneBulkReadPerKindAndSession() {
        BiPredicate<Symbol, Long> gap = Stores.gaps(30);
        InMemoryStore store = Stores.market(SYMBOLS, FROM, TO, gap, 60, 60);
        Replay.Result r = replay(store).streams(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES).run()
                .completed();

        assertThat(store.reads()).as("bars, quotes and trades once per session; gaps are not asked again")
                .isEqualTo(3 * SESSIONS.size());
        for (SessionSummary summary : r.sessions()) {
            TradingSession session = Sessions.of(summary.date());
            for (Symbol s : SYMBOLS) {
                int gaps = Sessions.count(gap, s, session);
                SessionSummary.SymbolSummary x = summary.symbols().get(s);
                assertThat(gaps).isPositive();
                assertThat(x.confirmedMissing()).as("%s %s", summary.date(), s).isEqualTo(gaps);
                assertThat(x.present()).isEqualTo(session.minutes() - gaps);
                assertThat(x.filled()).isZero();
                assertThat(x.quality()).isEqualTo((session.minutes() - gaps) * 100.0 / session.minutes());
            }
        }
        assertThat(r.data(SYMBOLS.get(0)).snapshot().confirmedMissing())
                .isEqualTo(r.sessions().get(3).symbols().get(SYMBOLS.get(0)).confirmedMissing());
    }

    @Test
    void withoutRetriesNothingIsRepairedButQualityStillMeasuresTheGaps() {
        Replay.Result r = replay(Stores.bars(SYMBOLS, FROM, TO)).drop(DROPS)
                .config(c -> c.retryMissingBars(false)).run().completed();
        List<Bar> lost = dropped(DROPS, (s, t) -> false);

        assertThat(r.log().of(Bar.class)).noneMatch(Bar::isFilled);
        for (SessionSummary summary : r.sessions()) {
            TradingSession session = Sessions.of(summary.date());
            for (Symbol s : SYMBOLS) {
                long lostHere = lost.stream().filter(x -> x.symbol().equals(s) && Sessions.dateOf(x).equals(summary.date()))
                        .count();
                SessionSummary.SymbolSummary x = summary.symbols().get(s);
                assertThat(x.present()).isEqualTo(session.minutes() - lostHere);
                assertThat(x.quality()).isEqualTo((session.minutes() - lostHere) * 100.0 / session.minutes());
                assertThat(x.confirmedMissing()).isZero();
                assertThat(x.filled()).isZero();
            }
        }
        Symbol aaa = SYMBOLS.get(0);
        assertThat(r.data(aaa).quality()).as("live quality at the close")
                .isEqualTo(r.sessions().get(3).symbols().get(aaa).quality()).isLessThan(100.0);
    }

    @Test
    void fillForwardGivesEveryMinuteABarAndQualityStillCountsTheSyntheticOnesMissing() {
        TradingSession first = SESSIONS.get(0);
        BiPredicate<Symbol, Long> gap = Stores.gaps(25).or((s, t) -> t == Micros.of(first.open()));
        LocalDate before = Calendars.xnys().previousTradingDay(FROM);
        InMemoryStore store = Stores.bars(SYMBOLS, before, TO, gap);
        Replay.Result r = replay(store).config(c -> c.fillForward(true)).run().completed();

        assertThat(store.reads()).as("bars and the previous closes, once per session").isEqualTo(2 * SESSIONS.size());
        r.log().sessions().forEach((date, entries) -> {
            TradingSession session = Sessions.of(date);
            for (Symbol s : SYMBOLS) {
                List<Bar> minutes = EventLog.bars(entries, Interval.ONE_MINUTE).stream()
                        .filter(b -> b.symbol().equals(s)).sorted(Comparator.comparing(Bar::start)).toList();
                assertThat(minutes).as("%s %s: a bar every minute", date, s).hasSize(session.minutes());
                Bar previous = null;
                for (Bar b : minutes) {
                    boolean missing = gap.test(s, Micros.of(b.start()));
                    assertThat(b.isSynthetic()).isEqualTo(missing);
                    if (missing) {
                        double close = previous != null ? previous.close() : lastStoredClose(store, s, before);
                        assertThat(List.of(b.open(), b.high(), b.low(), b.close())).containsOnly(close);
                        assertThat(b.volume()).isZero();
                    }
                    previous = b;
                }
                for (Interval i : DERIVED) {
                    assertThat(EventLog.bars(entries, i).stream().filter(b -> b.symbol().equals(s)).toList())
                            .as("derived bars leave synthetic minutes out")
                            .containsExactlyElementsOf(Aggregation.derive(minutes, session, i));
                }
            }
        });
        for (SessionSummary summary : r.sessions()) {
            TradingSession session = Sessions.of(summary.date());
            for (Symbol s : SYMBOLS) {
                SessionSummary.SymbolSummary x = summary.symbols().get(s);
                assertThat(x.synthetic()).isEqualTo(x.confirmedMissing()).isPositive();
                assertThat(x.present() + x.synthetic()).isEqualTo(session.minutes());
                assertThat(x.quality()).isEqualTo(x.present() * 100.0 / session.minutes());
            }
        }
    }

    private static double lastStoredClose(InMemoryStore store, Symbol s, LocalDate day) {
        TradingSession session = Sessions.of(day);
        var bars = store.readBars(s, Interval.ONE_MINUTE, session.range());
        return bars.close(bars.size() - 1);
    }

    @Test
    void fiveMinuteChecksDelayFillsToCheckTimesAndReviseDerivedBarsAlreadyDelivered() {
        Duration every = Duration.ofMinutes(5);
        Replay.Result clean = replay(Stores.bars(SYMBOLS, FROM, TO)).run().completed();
        Replay.Result r = replay(Stores.bars(SYMBOLS, FROM, TO)).drop(DROPS)
                .config(c -> c.upkeepCheckInterval(every)).run().completed();
        List<Bar> lost = dropped(DROPS, (s, t) -> false);

        List<Entry> fills = r.log().entries().stream().filter(e -> e.event() instanceof Bar b && b.isFilled()).toList();
        assertThat(fills).hasSameSizeAs(lost);
        fills.forEach(e -> assertThat(e.at()).as(e.line()).isEqualTo(firstCheck(((Bar) e.event()).end(), every)));
        assertThat(fills).anyMatch(e -> e.at().isAfter(((Bar) e.event()).end()));

        // A 5m window is revised when a fill lands after it was delivered: its last minute came on time.
        Set<BarKey> expectedRevised = new TreeSet<>();
        for (Bar b : lost) {
            TradingSession s = Sessions.of(Sessions.dateOf(b));
            Instant windowStart = s.open().plus(M5.duration().multipliedBy(
                    Duration.between(s.open(), b.start()).toMinutes() / 5));
            Instant last = windowStart.plus(Duration.ofMinutes(4));
            if (last.isBefore(s.close()) && lost.stream().noneMatch(x -> x.symbol().equals(b.symbol())
                    && x.start().equals(last))) {
                expectedRevised.add(new BarKey(b.symbol(), M5, windowStart));
            }
        }
        Set<BarKey> revised = r.log().bars(M5).stream().filter(Bar::isRevised).map(BarKey::of)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(expectedRevised).isNotEmpty();
        assertThat(revised).isEqualTo(expectedRevised);
        for (Interval i : List.of(Interval.ONE_MINUTE, M5, M15)) {
            assertThat(withoutFilledFlag(r.log().finalValues(i))).as("final %s bars", i)
                    .isEqualTo(clean.log().finalValues(i));
        }
        assertThat(r.sessions()).allSatisfy(x -> assertThat(x.symbols().values())
                .allSatisfy(y -> assertThat(y.quality()).isEqualTo(100.0)));
    }

    private static Map<BarKey, Bar> withoutFilledFlag(Map<BarKey, Bar> bars) {
        return bars.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> e.getValue().withFlags(e.getValue().flags() & ~Bar.FILLED), (a, b) -> a, TreeMap::new));
    }
}
