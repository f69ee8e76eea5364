package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of {@link MinuteBook} over any sequence of bars of any kind (synthetic, filled, streamed) for the first
 * minutes of a session, with repeats, and confirmed-missing marks: the counts agree with the bars held, a minute
 * never goes down in kind, and the derived windows agree with the batch aggregation of the bars held.
 */
class MinuteBookPropertyTest {

    private static final Symbol AAA = Symbol.of("AAA");
    /** An early close (210 minutes), so that the 45m series ends with a partial window. */
    private static final TradingSession FRIDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 28)).orElseThrow();
    private static final long OPEN = Micros.of(FRIDAY.open());
    private static final List<Interval> INTERVALS = List.of(Interval.ofMinutes(5), Interval.ofMinutes(45));
    private static final int[] FLAGS = {Bar.SYNTHETIC, Bar.FILLED, 0};

    /** A step: a bar for {@code minute}, flagged {@code FLAGS[kind]}, of values {@code variant}; or a missing mark. */
    record Step(int minute, int kind, int variant, boolean confirmMissing) {
    }

    @Provide
    Arbitrary<Step> steps() {
        // minutes 0..11 and 200..209: full windows at the open, the partial 45m window at the early close
        Arbitrary<Integer> minute = Arbitraries.integers().between(0, 21).map(i -> i < 12 ? i : 188 + i);
        return Combinators.combine(minute, Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 9).map(i -> i == 0)).as(Step::new);
    }

    /** A fixed seed keeps the suite deterministic; change it (or drop it locally) to explore further. */
    @Property(tries = 200, seed = "20251128")
    void countsMetricsAndWindowsAgreeWithTheBarsHeld(@ForAll @Size(max = 60) List<@From("steps") Step> steps) {
        MinuteBook book = new MinuteBook(AAA, INTERVALS);
        MinuteBookTest.begin(book, FRIDAY);
        BitSet confirmed = new BitSet();
        int[] rank = new int[FRIDAY.minutes()];
        for (Step s : steps) {
            BarSeries before = book.bars();
            if (s.confirmMissing()) {
                book.confirmMissing(s.minute());
                confirmed.set(s.minute());
            } else {
                double high = 11 + s.variant();
                ApplyOutcome outcome = book.apply(OPEN + s.minute() * Micros.PER_MINUTE, 10, high, 9, 10.5,
                        100L * s.variant(), Bar.NO_TRADE_COUNT, Double.NaN, FLAGS[s.kind()]);
                assertThat(outcome == ApplyOutcome.NEW).as("NEW exactly for an empty minute")
                        .isEqualTo(rank[s.minute()] == 0);
                if (!outcome.changed()) {
                    assertThat(book.bars()).as(outcome + " changes nothing").isEqualTo(before);
                }
                if (outcome == ApplyOutcome.IGNORED) {
                    assertThat(FLAGS[s.kind()]).as("only repairs are ignored").isNotZero();
                }
            }
            int[] now = ranks(book.bars());
            for (int m = 0; m < rank.length; m++) {
                assertThat(now[m]).as("minute %d never goes down in kind", m).isGreaterThanOrEqualTo(rank[m]);
            }
            rank = now;
            checkCounts(book, confirmed);
        }
        checkWindows(book);
    }

    /** Per minute: 0 empty, 1 synthetic, 2 filled, 3 streamed. */
    private static int[] ranks(BarSeries bars) {
        int[] r = new int[FRIDAY.minutes()];
        for (int i = 0; i < bars.size(); i++) {
            int m = (int) ((bars.startMicros(i) - OPEN) / Micros.PER_MINUTE);
            int f = bars.flags(i);
            r[m] = (f & Bar.SYNTHETIC) != 0 ? 1 : (f & Bar.FILLED) != 0 ? 2 : 3;
        }
        return r;
    }

    private static void checkCounts(MinuteBook book, BitSet confirmed) {
        BarSeries bars = book.bars();
        int real = 0;
        int filled = 0;
        int synthetic = 0;
        long volume = 0;
        double high = Double.NaN;
        BitSet realMinutes = new BitSet();
        for (Bar b : bars) {
            if (b.isSynthetic()) {
                synthetic++;
                continue;
            }
            real++;
            filled += b.isFilled() ? 1 : 0;
            volume += b.volume();
            high = Double.isNaN(high) ? b.high() : Math.max(high, b.high());
            realMinutes.set((int) ((Micros.of(b.start()) - OPEN) / Micros.PER_MINUTE));
        }
        assertThat(book.present()).as("present == real minutes held").isEqualTo(real)
                .isEqualTo(book.presentMinutes().cardinality());
        assertThat(book.presentMinutes()).isEqualTo(realMinutes);
        assertThat(book.filled()).isEqualTo(filled);
        assertThat(book.synthetic()).isEqualTo(synthetic);
        assertThat(book.sessionVolume()).isEqualTo(volume);
        assertThat(Double.compare(book.sessionHigh(), high)).as("session high").isZero();
        BitSet missing = (BitSet) confirmed.clone();
        missing.andNot(realMinutes);
        assertThat(book.confirmedMissing()).isEqualTo(missing.cardinality());
    }

    /** After the session end every window with a bar is delivered, with the values of the batch aggregation. */
    private static void checkWindows(MinuteBook book) {
        BarSeries bars = book.bars();
        for (int k = 0; k < INTERVALS.size(); k++) {
            DerivedWindows w = book.window(k);
            DerivedWindowsTest.flushAlone(w, OPEN + FRIDAY.minutes() * Micros.PER_MINUTE, new int[w.count()]);
            List<Bar> delivered = new ArrayList<>();
            for (Bar b : w.emittedBars(0, AAA, book)) {
                delivered.add(b.withFlags(b.flags() & ~Bar.REVISED));
            }
            assertThat(delivered).as(w.interval().toString())
                    .containsExactlyElementsOf(DerivedBars.aggregate(bars, FRIDAY, w.interval()));
        }
    }
}
