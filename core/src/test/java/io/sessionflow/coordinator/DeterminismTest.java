package io.sessionflow.coordinator;

import io.sessionflow.api.MarketDataListener;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.HookedStore;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.testing.Replay;
import io.sessionflow.testing.Sequences;
import io.sessionflow.testing.Stores;
import io.sessionflow.upkeep.DropFilter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two runs over the same data deliver the same events at the same simulated times, whatever the thread timings:
 * runs differ in seeded perturbations of the coordinator thread (yields and busy work in a listener, a slow
 * listener), of the upkeep thread (yields and busy work inside storage reads), in the wall clock and pacing, and in
 * whether the upkeep thread runs (where that must not change the result). Checks every 5 minutes make repairs
 * revise derived bars already delivered.
 */
class DeterminismTest {

    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"), Symbol.of("CCC"));
    private static final LocalDate FROM = LocalDate.of(2025, 11, 24);
    private static final LocalDate TO = LocalDate.of(2025, 11, 29);  // Thanksgiving and an early close included
    private static final DropFilter DROPS = new DropFilter(0.05, 7);

    /** Timing noise from a seed: mostly nothing, sometimes a yield, rarely some busy work. */
    static final class Noise {
        private final Random random;
        private final int slowEvery;
        private long calls;
        private long sink;

        Noise(long seed, int slowEvery) {
            this.random = new Random(seed);
            this.slowEvery = slowEvery;
        }

        synchronized void jitter() {
            calls++;
            int r = random.nextInt(1_000);
            if (r < 30) {
                Thread.yield();
            } else if (r < 33 || (slowEvery > 0 && calls % slowEvery == 0)) {
                for (int i = 0; i < 20_000 + r * 100; i++) {
                    sink += i ^ calls;
                }
            }
        }

        long sink() {
            return sink;
        }
    }

    private static Replay replay(int variant, boolean upkeep, DropFilter drop) {
        Noise coordinatorNoise = new Noise(variant, variant % 4 == 1 ? 97 : 0);
        Noise storageNoise = new Noise(~variant, 0);
        HookedStore store = new HookedStore(Stores.market(SYMBOLS, FROM, TO, Stores.gaps(97), 30, 60))
                .onRead(r -> storageNoise.jitter());
        Replay replay = Replay.over(FROM, TO).symbols(SYMBOLS)
                .streams(StreamType.BARS, StreamType.QUOTES, StreamType.TRADES).store(store).upkeep(upkeep)
                .drop(drop)
                .config(c -> c.derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15),
                        Interval.ofMinutes(60))).upkeepCheckInterval(Duration.ofMinutes(5)))
                .listener(new MarketDataListener() {
                    @Override
                    public void onBar(Bar bar) {
                        coordinatorNoise.jitter();
                    }

                    @Override
                    public void onQuote(Quote quote) {
                        coordinatorNoise.jitter();
                    }
                });
        if (variant % 3 == 2) {
            replay.wall(new ManualWallClock()).config(c -> c.backtestSpeed(60));
        }
        return replay;
    }

    @Test
    void runsWithDropsRepairsAndDerivedBarsDeliverIdenticalSequences() {
        Replay.Result first = replay(0, true, DROPS).run().completed();
        List<String> expected = first.log().timedLines();
        List<Bar> bars = first.log().of(Bar.class);
        assertThat(bars.stream().filter(Bar::isFilled).count()).as("fills").isPositive();
        assertThat(bars.stream().filter(Bar::isRevised).count()).as("revisions").isPositive();
        for (int variant = 1; variant < 24; variant++) {
            Replay.Result r = replay(variant, true, DROPS).run().completed();
            Sequences.assertSame("run " + variant, expected, r.log().timedLines());
            assertThat(r.sessions()).as("run %d summaries", variant).isEqualTo(first.sessions());
        }
    }

    @Test
    void upkeepOnAndOffDeliverTheSameEventsWhenNothingIsDropped() {
        List<String> expected = replay(0, true, DropFilter.NONE).run().completed().log().timedLines();
        for (int variant = 1; variant < 8; variant++) {
            Replay.Result r = replay(variant, variant % 2 == 0, DropFilter.NONE).run().completed();
            Sequences.assertSame("run " + variant + " upkeep " + (variant % 2 == 0), expected, r.log().timedLines());
        }
    }
}
