package io.sessionflow.coordinator;

import io.sessionflow.api.SessionSummary;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.api.RunResult;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.api.DataManager;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.QuoteBar;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.testing.Batches;
import io.sessionflow.testing.EventLog;
import io.sessionflow.testing.Replay;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property: whatever the streams, their timestamps (ties included), how they are spread over inputs (one publisher
 * per stream or shared multi-stream inputs), how they are batched and whether producers push before or during the
 * run, the coordinator delivers every event exactly once, in the sorted merge by (availability time, kind, symbol,
 * stream order), each at its availability time; but for a producer still sending in the session's last minute,
 * which may lose what it had left of that minute (the backtest session-end rule (a) of SPEC.md).
 */
class MergeOrderPropertyTest {

    private static final TradingSession SESSION = Calendars.xnys().session(LocalDate.of(2025, 11, 3)).orElseThrow();
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC"));
    private static final StreamType[] KINDS = StreamType.values();
    /** Streams a routing covers: every symbol's every kind (3 x 4; 9 before quote bars, which made it overflow). */
    private static final int STREAMS = 12;
    /** Slots 0..39 are the first 20 minutes in half minutes; 40..47 the last four minutes, to reach the close. */
    private static final int SLOTS = 48;

    /** One generated event: its stream (symbol, kind) and a time slot. */
    record Spec(int symbol, int kind, int slot) {
    }

    /** A generated event with its stream order, as the domain object a producer sends. */
    record Ev(StreamType kind, Symbol symbol, Instant available, int order, Object event) {
        int stream() {
            return SYMBOLS.indexOf(symbol) * KINDS.length + kind.ordinal();
        }
    }

    private static final Comparator<Ev> DELIVERY = Comparator.comparing(Ev::available)
            .thenComparing(Ev::kind).thenComparing(Ev::symbol).thenComparingInt(Ev::order);

    @Provide
    Arbitrary<Spec> specs() {
        return Combinators.combine(Arbitraries.integers().between(0, SYMBOLS.size() - 1),
                Arbitraries.integers().between(0, KINDS.length - 1),
                Arbitraries.integers().between(0, SLOTS - 1)).as(Spec::new);
    }

    /** A fixed seed keeps the suite deterministic; change it (or drop it locally) to explore further. */
    @Property(tries = 80, seed = "20251103")
    void deliveryIsTheSortedMergeOfEveryStream(
            @ForAll @Size(min = 1, max = 60) List<@net.jqwik.api.From("specs") Spec> specs,
            @ForAll @Size(STREAMS) List<@IntRange(min = 0, max = 2) Integer> routing,
            @ForAll @IntRange(min = 1, max = 4) int batchSize,
            @ForAll boolean concurrentProducers,
            @ForAll boolean upkeep) throws InterruptedException {
        assertThat(routing).as("a route per stream").hasSize(SYMBOLS.size() * KINDS.length);
        List<Ev> events = events(specs);
        // Route each stream to its own publisher (0) or to shared input 1 or 2.
        Map<String, List<Ev>> inputs = new LinkedHashMap<>();
        for (Ev e : events) {
            int r = routing.get(e.stream());
            String name = r == 0 ? "stream " + e.stream() : "shared " + r;
            inputs.computeIfAbsent(name, k -> new ArrayList<>()).add(e);
        }
        inputs.values().forEach(l -> l.sort(DELIVERY));
        Set<String> registered = new HashSet<>();

        Replay.Started run = Replay.over(SESSION.date(), SESSION.date().plusDays(1)).upkeep(upkeep).build();
        DataManager dm = run.dm();
        for (Ev e : events) {
            if (registered.add(e.symbol() + " " + e.kind())) {
                dm.register(e.symbol(), e.kind());
            }
        }
        List<Thread> producers = new ArrayList<>();
        for (Map.Entry<String, List<Ev>> in : inputs.entrySet()) {
            List<Object> payload = in.getValue().stream().map(Ev::event).toList();
            EventQueue q = dm.publisher(in.getKey(), concurrentProducers ? 1 : payload.size() + 1);
            Runnable produce = () -> {
                try {
                    Batches.publish(q, payload, batchSize, SESSION.date());
                } catch (IllegalStateException e) {
                    // the run ended before this producer was done: rule (a) below, asserted there
                }
            };
            if (concurrentProducers) {
                producers.add(new Thread(produce, "producer " + in.getKey()));
            } else {
                produce.run();
            }
        }
        dm.start();
        producers.forEach(Thread::start);
        RunResult result;
        try {
            result = Replay.awaitOrNull(dm);
        } finally {
            dm.stop();
            for (Thread p : producers) {
                p.interrupt();
                p.join(2_000);
            }
        }

        assertThat(result).as("run ended").isNotNull();
        assertThat(result.outcome()).isEqualTo(RunResult.Outcome.COMPLETED);
        assertThat(result.sessions()).singleElement().extracting(SessionSummary::reason)
                .isEqualTo(SessionEndReason.END_OF_DATA);
        List<EventLog.Entry> delivered = run.log().entries().stream()
                .filter(e -> e.availableAt() != null).toList();
        List<Ev> expected = events.stream().sorted(DELIVERY).toList();
        List<String> lines = delivered.stream().map(EventLog.Entry::line).toList();
        List<String> expectedLines = expected.stream().map(e -> EventLog.line(e.event())).toList();
        if (concurrentProducers) {
            // SPEC, backtest session end (a): drained within a minute of the close ends the session, so a producer
            // still sending then may lose what it had left of that last minute; nothing else may be missing
            assertThat(expectedLines).startsWith(lines.toArray(String[]::new));
            assertThat(expected.subList(lines.size(), expected.size())).as("events not delivered")
                    .allSatisfy(e -> assertThat(e.available()).isAfterOrEqualTo(SESSION.close().minusSeconds(60)));
        } else {
            assertThat(lines).containsExactlyElementsOf(expectedLines);
        }
        assertThat(delivered).allSatisfy(e -> assertThat(e.at()).as("delivered at availability: %s", e.line())
                .isEqualTo(e.availableAt()));
    }

    /**
     * Builds the events: bars and quote bars unique per (symbol, minute); ticks may repeat a time; stream order = list
     * order.
     */
    private static List<Ev> events(List<Spec> specs) {
        Map<Integer, Integer> perStream = new TreeMap<>();
        Set<String> barMinutes = new HashSet<>();
        List<Ev> out = new ArrayList<>();
        for (Spec s : specs) {
            Symbol symbol = SYMBOLS.get(s.symbol());
            StreamType kind = KINDS[s.kind()];
            int stream = s.symbol() * KINDS.length + s.kind();
            Instant at = slotTime(s.slot());
            if (kind == StreamType.BARS || kind == StreamType.QUOTE_BARS) {
                Instant start = at.minusSeconds(at.getEpochSecond() % 60);  // the last one ends at the close
                if (!barMinutes.add(kind + " " + symbol + " " + start)) {
                    continue;
                }
                int order = perStream.merge(stream, 1, Integer::sum);
                double o = 10 + order * 0.01;
                Object bar = kind == StreamType.BARS
                        ? Bar.of(symbol, start, Interval.ONE_MINUTE, o, o + 0.1, o - 0.1, o + 0.05, order)
                        : QuoteBar.of(symbol, start, Interval.ONE_MINUTE, o, o + 0.1, o - 0.1, o + 0.05, order,
                                o + 0.02, o + 0.12, o - 0.08, o + 0.07, order);
                out.add(new Ev(kind, symbol, start.plusSeconds(60), order, bar));
            } else {
                int order = perStream.merge(stream, 1, Integer::sum);
                Object e = kind == StreamType.QUOTES ? new Quote(symbol, at, 10, 10.02, order, 1)
                        : new Trade(symbol, at, 10.01, order);
                out.add(new Ev(kind, symbol, at, order, e));
            }
        }
        return out;
    }

    /**
     * Slot times: whole and half minutes, so that ticks tie with bars becoming available on the minute; a bar takes
     * the minute its slot falls in.
     */
    private static Instant slotTime(int slot) {
        if (slot < 40) {
            return SESSION.open().plusSeconds(30L * slot);
        }
        return SESSION.close().minusSeconds(30L * (SLOTS - slot));
    }
}
