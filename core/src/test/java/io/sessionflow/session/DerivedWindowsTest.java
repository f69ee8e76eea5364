package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DerivedWindowsTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();
    private static final long OPEN = Micros.of(MONDAY.open());
    private static final long MINUTE = Micros.PER_MINUTE;

    private final DerivedWindows five = windows(5);
    private final int[] out = new int[100];

    private static DerivedWindows windows(int minutes) {
        return reset(new DerivedWindows(AAA, Interval.ofMinutes(minutes)), MONDAY);
    }

    private static DerivedWindows reset(DerivedWindows w, TradingSession session) {
        WindowLayout layout = WindowLayout.regular(Micros.of(session.open()), session.minutes(), w.interval());
        return reset(w, layout, new WindowProgress(layout));
    }

    private static DerivedWindows reset(DerivedWindows w, WindowLayout layout, WindowProgress shared) {
        w.reset(layout, new long[layout.count() * DerivedWindows.CELLS], 1, 0, shared);
        return w;
    }

    /** Passes {@code w}'s progress to {@code boundary}: whether a window passed is pending. */
    private static boolean pass(DerivedWindows w, long boundary) {
        return w.progress().pass(boundary);
    }

    private boolean add(DerivedWindows w, int minute, long volume) {
        return w.add(minute, 10, 11, 9, 10.5, volume);
    }

    private int[] flush(DerivedWindows w, long boundary) {
        return Arrays.copyOf(out, flushAlone(w, boundary, out));
    }

    /** Passes {@code boundary} and delivers what passed, as the writer does, for windows alone in their progress. */
    static int flushAlone(DerivedWindows w, long boundary, int[] out) {
        int from = w.progress().passed();
        w.progress().pass(boundary);
        return w.flush(from, out);
    }

    @Test
    void windowsAreAlignedToTheOpenAndTheLastIsCutShortByTheClose() {
        assertThat(five.count()).isEqualTo(78);
        assertThat(five.start(77)).isEqualTo(385);
        assertThat(five.end(77)).isEqualTo(390);
        assertThat(five.windowOf(389)).isEqualTo(77);
        DerivedWindows fortyFive = windows(45);
        assertThat(fortyFive.count()).isEqualTo(9);
        assertThat(fortyFive.end(8)).isEqualTo(390);
        add(fortyFive, 389, 1);
        assertThat(bar(fortyFive, 8).isPartial()).isTrue();
        assertThat(bar(fortyFive, 8).start()).isEqualTo(MONDAY.open().plus(Duration.ofMinutes(360)));
        add(fortyFive, 0, 1);
        assertThat(bar(fortyFive, 0).isPartial()).isFalse();
    }

    @Test
    void windowEndsBeforeTheCloseAreAlignedToTheOpen() {
        long[] ends = DerivedWindows.endsBeforeClose(OPEN, 5, MONDAY.minutes()).toArray();
        assertThat(ends).hasSize(77).startsWith(OPEN + 5 * MINUTE, OPEN + 10 * MINUTE)
                .endsWith(OPEN + 385 * MINUTE).doesNotContain(OPEN + 390 * MINUTE).isSorted();
        for (int w = 0; w < ends.length; w++) {
            assertThat(ends[w]).as("window %d ends where end(w) says", w).isEqualTo(OPEN + five.end(w) * MINUTE);
        }
        assertThat(five.end(ends.length)).as("the 78th window ends at the close").isEqualTo(MONDAY.minutes());
        assertThat(DerivedWindows.endsBeforeClose(OPEN, 45, MONDAY.minutes()).toArray())
                .as("the last 45m window is cut by the close").endsWith(OPEN + 360 * MINUTE).hasSize(8);
    }

    @Test
    void aWindowIsDeliveredByItsLastMinuteAndThenNotAgainByAFlush() {
        for (int m = 0; m < 4; m++) {
            assertThat(add(five, m, 1)).isFalse();
        }
        assertThat(add(five, 4, 1)).isTrue();
        assertThat(five.emitted()).isEqualTo(1);
        assertThat(five.due(0)).isFalse();
        assertThat(pass(five, OPEN + 5 * MINUTE)).as("nothing due").isFalse();
        assertThat(five.flush(0, out)).isZero();
        assertThat(bar(five, 0).volume()).isEqualTo(5);
        assertThat(bar(five, 0).isRevised()).isFalse();
    }

    @Test
    void aFlushDeliversTheWindowsEndedByTheBoundaryThatHoldBarsInOrder() {
        add(five, 0, 1);
        add(five, 12, 2);
        add(five, 16, 3);
        assertThat(pass(five, OPEN + 5 * MINUTE - 1)).as("window 0 ends at 5").isFalse();
        assertThat(five.due(0)).as("nothing has passed").isFalse();
        assertThat(add(five, 13, 1)).as("window 2 has not passed").isFalse();

        assertThat(flush(five, OPEN + 15 * MINUTE + 59 * Micros.PER_SECOND)).as("window 1 is empty")
                .containsExactly(0, 2);
        assertThat(bar(five, 2).volume()).isEqualTo(3);
        assertThat(flush(five, OPEN + 15 * MINUTE)).as("once").isEmpty();
        assertThat(flush(five, OPEN + 19 * MINUTE)).as("window 3 ends at 20").isEmpty();
        assertThat(five.emitted()).isEqualTo(2);
        assertThat(five.emittedBars()).extracting(Bar::volume).containsExactly(1.0, 3.0);
        assertThat(flush(five, OPEN + 390 * MINUTE)).containsExactly(3);
    }

    @Test
    void aBarInAPassedWindowIsDeliveredAtOnceAndOneInADeliveredWindowRevisesIt() {
        assertThat(pass(five, OPEN + 10 * MINUTE)).isFalse();
        assertThat(add(five, 7, 1)).as("window 1 has passed").isTrue();
        assertThat(five.due(0)).as("delivered at once, so not pending").isFalse();
        assertThat(bar(five, 1).isRevised()).isFalse();
        assertThat(add(five, 12, 1)).as("window 2 has not").isFalse();

        assertThat(add(five, 6, 4)).as("a revision").isTrue();
        Bar revised = bar(five, 1);
        assertThat(revised.isRevised()).isTrue();
        assertThat(revised.volume()).isEqualTo(5);
        assertThat(five.emitted()).as("revisions are not counted again").isEqualTo(1);
        assertThat(five.emittedBars()).containsExactly(revised);
    }

    @Test
    void foldKeepsOpenFromTheFirstMinuteAndCloseFromTheLast() {
        five.fold(3, 13, 14, 12, 13.5, 1);
        five.fold(1, 11, 20, 11, 11.5, 1);
        five.fold(4, 14, 14, 5, 14.5, 1);
        assertThat(five.settle(4)).as("window 0's last minute changed").isTrue();
        Bar b = bar(five, 0);
        assertThat(new double[] {b.open(), b.high(), b.low(), b.close()}).containsExactly(11, 20, 5, 14.5);
        assertThat(b.volume()).isEqualTo(3);

        five.clear(2);
        assertThat(five.settle(2)).as("an empty window is not delivered").isFalse();
        assertThat(five.emitted()).as("its status stays").isEqualTo(1);
        five.fold(2, 12, 12, 12, 12, 7);
        assertThat(five.settle(2)).isTrue();
        assertThat(bar(five, 0).isRevised()).isTrue();
        assertThat(bar(five, 0).volume()).isEqualTo(7);
    }

    @Test
    void resetForgetsTheLastSession() {
        add(five, 4, 1);
        assertThat(pass(five, OPEN + 100 * MINUTE)).isFalse();
        TradingSession friday = Calendars.xnys().session(LocalDate.of(2025, 11, 28)).orElseThrow();
        reset(five, friday);
        assertThat(five.count()).isEqualTo(42);
        assertThat(five.emitted()).isZero();
        assertThat(five.emittedBars()).isEmpty();
        assertThat(add(five, 7, 1)).as("nothing has passed").isFalse();
        long fridayOpen = Micros.of(friday.open());
        assertThat(flush(five, fridayOpen + 9 * MINUTE)).as("windows now end from Friday's open").isEmpty();
        assertThat(flush(five, fridayOpen + 10 * MINUTE)).containsExactly(1);
    }

    @Test
    void misuseIsAnError() {
        assertThatThrownBy(() -> bar(five, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5m window 3 of AAA holds no bar (78 windows)");
        assertThatThrownBy(() -> new DerivedWindows(AAA, Interval.ONE_MINUTE))
                .isInstanceOf(IllegalArgumentException.class);
        WindowLayout tooLong = WindowLayout.regular(OPEN, 70_000, 5);
        assertThatThrownBy(() -> reset(five, tooLong, new WindowProgress(tooLong)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void symbolsSharingAProgressCountTheWindowsTheyHoldUndelivered() {
        WindowLayout layout = WindowLayout.regular(OPEN, MONDAY.minutes(), 5);
        WindowProgress shared = new WindowProgress(layout);
        DerivedWindows a = reset(new DerivedWindows(AAA, Interval.ofMinutes(5)), layout, shared);
        DerivedWindows b = reset(new DerivedWindows(Symbol.of("BBB"), Interval.ofMinutes(5)), layout, shared);
        add(a, 4, 1);  // window 0 complete: delivered, not pending
        assertThat(shared.pass(OPEN + 5 * MINUTE)).as("nothing pending in window 0").isFalse();

        add(a, 6, 1);
        add(b, 7, 1);
        assertThat(shared.pass(OPEN + 10 * MINUTE)).as("both hold window 1 undelivered").isTrue();
        assertThat(a.flush(1, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(1);
        assertThat(b.due(1)).as("b's window is still due").isTrue();
        assertThat(b.flush(1, out)).isEqualTo(1);
        assertThat(a.due(1) || b.due(1)).isFalse();

        add(b, 11, 2);
        b.clear(11);  // as a replacing bar does before the window is folded again
        assertThat(shared.pass(OPEN + 15 * MINUTE)).as("an emptied window is not pending").isFalse();
        add(a, 16, 1);
        add(a, 19, 1);  // its last minute: delivered, so window 3 is not pending
        add(b, 21, 1);
        assertThat(shared.pass(OPEN + 20 * MINUTE)).as("window 4 has not passed").isFalse();
        assertThat(shared.pass(OPEN + 25 * MINUTE)).isTrue();
        assertThat(shared.passed()).isEqualTo(5);
    }

    /** Window {@code w}'s bar as a value, as the coordinator's listeners would keep it. */
    static Bar bar(DerivedWindows windows, int w) {
        return windows.read(w, new BarBuffer()).toBar();
    }
}
