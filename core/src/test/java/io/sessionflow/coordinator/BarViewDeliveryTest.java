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
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.system.OperationMode;
import io.sessionflow.system.SystemManager;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Sessions;
import io.sessionflow.time.TimeProvider;
import java.lang.management.ManagementFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Bars handed to listeners in place ({@link MarketDataListener#onBarView}): the same bars as the values
 * {@link MarketDataListener#onBar} receives, in one reused view, and delivered without an allocation per bar; the
 * coordinator driven by {@code doWork()} on the test's thread.
 */
class BarViewDeliveryTest {

    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);
    private static final TradingSession SESSION = Sessions.of(MONDAY);
    private static final List<Symbol> SYMBOLS = IntStream.range(0, 40).mapToObj(i -> Symbol.of("S" + (100 + i)))
            .toList();
    private static final List<Interval> DERIVED = List.of(Interval.ofMinutes(5), Interval.ofMinutes(15));
    /** The bars of the session (40 symbols x 390 minutes), in delivery order. */
    private static final EventBatch BARS = EventBatch.bars(Bars.session(SYMBOLS, MONDAY, MONDAY.plusDays(1))
            .sortedByStartThenSymbol());

    /** Runs the session through a coordinator with {@code listeners}, on this thread, to its end. */
    private static RunResult replay(MarketDataListener... listeners) {
        SessionConfig config = SessionConfig.builder().derivedIntervals(DERIVED).build();
        TimeProvider time = TimeProvider.backtest(SESSION.open());
        ManualWallClock wall = new ManualWallClock();
        SystemManager system = new SystemManager(OperationMode.BACKTEST);
        SessionSource source = new SessionSource() {
            private final ArrayDeque<SourceAnswer> answers = new ArrayDeque<>();

            @Override
            public void request(SessionRequest request) {
                SessionSplit empty = SessionSplit.empty(request);
                answers.add(new SessionSplit(request, BARS, empty.quotes(), empty.trades(), empty.checks(),
                        java.util.Map.of(), 0, 0, 0));
            }

            @Override
            public SourceAnswer poll() {
                return answers.poll();
            }
        };
        StreamCoordinator c = StreamCoordinator.builder().config(config).time(time).system(system)
                .sessionData(new io.sessionflow.session.SessionData(config, time)).wallClock(wall)
                .calendar(Calendars.xnys()).backtestSessions(List.of(SESSION)).source(source)
                .signal(new WakeSignal(wall)).build();
        c.register(SYMBOLS, StreamType.BARS);
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

    /** Keeps every bar as a value, as a strategy keeping history would. */
    private static final class Keeper implements MarketDataListener {
        final List<Bar> oneMinute = new ArrayList<>();
        final List<Bar> derived = new ArrayList<>();

        @Override
        public void onBar(Bar bar) {
            oneMinute.add(bar);
        }

        @Override
        public void onDerivedBar(Bar bar) {
            derived.add(bar);
        }
    }

    /** Reads bars in place; keeps their values, and the views it was handed. */
    private static final class Viewer implements MarketDataListener {
        final List<Bar> oneMinute = new ArrayList<>();
        final List<Bar> derived = new ArrayList<>();
        final Set<BarView> views = Collections.newSetFromMap(new IdentityHashMap<>());

        @Override
        public void onBarView(BarView bar) {
            views.add(bar);
            assertThat(bar.startMicros()).isEqualTo(io.sessionflow.domain.Micros.of(bar.start()));
            oneMinute.add(bar.toBar());
        }

        @Override
        public void onDerivedBarView(BarView bar) {
            views.add(bar);
            derived.add(bar.toBar());
        }
    }

    @Test
    void aListenerReadingInPlaceSeesTheBarsAListenerKeepingValuesSeesInOneReusedViewPerKind() {
        Keeper keeper = new Keeper();
        Viewer viewer = new Viewer();

        replay(keeper, viewer);

        assertThat(keeper.oneMinute).hasSize(SYMBOLS.size() * SESSION.minutes());
        assertThat(keeper.derived).hasSize(SYMBOLS.size() * (78 + 26));
        assertThat(viewer.oneMinute).containsExactlyElementsOf(keeper.oneMinute);
        assertThat(viewer.derived).containsExactlyElementsOf(keeper.derived);
        // one value per bar, shared: the viewer's toBar() is the value the keeper was given before it
        for (int i = 0; i < keeper.oneMinute.size(); i += 997) {
            assertThat(viewer.oneMinute.get(i)).isSameAs(keeper.oneMinute.get(i));
        }
        assertThat(viewer.views).as("one view for the 1m bars, one for the derived bars").hasSize(2);
    }

    /**
     * Counts 1m bars in place, and the bytes this thread allocated between two of them in mid-session; it takes no
     * derived bar.
     */
    private static class AllocationProbe implements MarketDataListener {
        static final int FROM = 2_000;
        static final int TO = 14_000;
        private final com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final boolean keep;
        private final List<Bar> kept = new ArrayList<>(SYMBOLS.size() * SESSION.minutes());
        long bars;
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
    }

    @Test
    void deliveringToListenersThatReadInPlaceAllocatesNothingPerBar() {
        DerivedProbe probe = new DerivedProbe();

        replay(probe);

        assertThat(probe.bars).isEqualTo((long) SYMBOLS.size() * SESSION.minutes());
        assertThat(probe.derived).isEqualTo(SYMBOLS.size() * (78L + 26));
        // 12,000 bars and the derived bars between them, with the windows flushed at each boundary on the way
        assertThat(probe.bytesPerBar()).as("bytes allocated per 1m bar delivered").isLessThan(1.0);
    }

    @Test
    void aListenerTakingNoDerivedBarCostsNoValueForThem() {
        AllocationProbe probe = new AllocationProbe(false);  // onDerivedBar's default would drop a value per bar

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
