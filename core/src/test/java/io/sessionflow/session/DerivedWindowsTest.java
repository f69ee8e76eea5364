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
import java.util.List;
import org.junit.jupiter.api.Test;

class DerivedWindowsTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();
    private static final long OPEN = Micros.of(MONDAY.open());
    private static final long MINUTE = Micros.PER_MINUTE;

    private final Windows five = new Windows(5, MONDAY);
    private final int[] out = new int[100];

    /** One symbol's windows of one interval (a grid of its own) with the 1m bars they fold. */
    static final class Windows {
        final MinuteBook book;

        Windows(int minutes, TradingSession session) {
            book = new MinuteBook(AAA, List.of(Interval.ofMinutes(minutes)));
            begin(session);
        }

        /** The session's windows: the book's column 0. */
        DerivedWindows w() {
            return book.window(0);
        }

        void begin(TradingSession session) {
            MinuteBookTest.begin(book, session);
        }

        /** A streamed bar at {@code minute}: true when its window must be delivered now. */
        boolean add(int minute, double volume) {
            return add(minute, 10, 11, 9, 10.5, volume);
        }

        boolean add(int minute, double o, double h, double l, double c, double volume) {
            book.apply(Micros.of(MONDAY.open()) + minute * MINUTE, o, h, l, c, volume, Bar.NO_TRADE_COUNT,
                    Double.NaN, 0);
            return book.windowMask() != 0;
        }

        Bar bar(int w) {
            return w().read(0, w, AAA, book, new BarBuffer()).toBar();
        }

        List<Bar> emitted() {
            return w().emittedBars(0, AAA, book).stream().toList();
        }
    }

    /** Passes {@code w}'s progress to {@code boundary}: whether a window passed is pending. */
    private static boolean pass(DerivedWindows w, long boundary) {
        return w.progress().pass(boundary);
    }

    private int[] flush(DerivedWindows w, long boundary) {
        return Arrays.copyOf(out, flushAlone(w, boundary, out));
    }

    /** Passes {@code boundary} and delivers column 0's windows that passed, as the writer does, for a grid alone. */
    static int flushAlone(DerivedWindows w, long boundary, int[] out) {
        int from = w.progress().passed();
        w.progress().pass(boundary);
        return w.flush(0, from, out);
    }

    @Test
    void windowsAreAlignedToTheOpenAndTheLastIsCutShortByTheClose() {
        assertThat(five.w().count()).isEqualTo(78);
        assertThat(five.w().start(77)).isEqualTo(385);
        assertThat(five.w().end(77)).isEqualTo(390);
        assertThat(five.w().windowOf(389)).isEqualTo(77);
        Windows fortyFive = new Windows(45, MONDAY);
        assertThat(fortyFive.w().count()).isEqualTo(9);
        assertThat(fortyFive.w().end(8)).isEqualTo(390);
        fortyFive.add(389, 1);
        assertThat(fortyFive.bar(8).isPartial()).isTrue();
        assertThat(fortyFive.bar(8).start()).isEqualTo(MONDAY.open().plus(Duration.ofMinutes(360)));
        fortyFive.add(0, 1);
        assertThat(fortyFive.bar(0).isPartial()).isFalse();
    }

    @Test
    void windowEndsBeforeTheCloseAreAlignedToTheOpen() {
        long[] ends = DerivedWindows.endsBeforeClose(OPEN, 5, MONDAY.minutes()).toArray();
        assertThat(ends).hasSize(77).startsWith(OPEN + 5 * MINUTE, OPEN + 10 * MINUTE)
                .endsWith(OPEN + 385 * MINUTE).doesNotContain(OPEN + 390 * MINUTE).isSorted();
        for (int w = 0; w < ends.length; w++) {
            assertThat(ends[w]).as("window %d ends where end(w) says", w)
                    .isEqualTo(OPEN + five.w().end(w) * MINUTE);
        }
        assertThat(five.w().end(ends.length)).as("the 78th window ends at the close").isEqualTo(MONDAY.minutes());
        assertThat(DerivedWindows.endsBeforeClose(OPEN, 45, MONDAY.minutes()).toArray())
                .as("the last 45m window is cut by the close").endsWith(OPEN + 360 * MINUTE).hasSize(8);
    }

    @Test
    void aWindowIsDeliveredByItsLastMinuteAndThenNotAgainByAFlush() {
        for (int m = 0; m < 4; m++) {
            assertThat(five.add(m, 1)).isFalse();
        }
        assertThat(five.add(4, 1)).isTrue();
        assertThat(five.w().emitted(0)).isEqualTo(1);
        assertThat(five.w().due(0, 0)).isFalse();
        assertThat(pass(five.w(), OPEN + 5 * MINUTE)).as("nothing due").isFalse();
        assertThat(five.w().flush(0, 0, out)).isZero();
        assertThat(five.bar(0).volume()).isEqualTo(5);
        assertThat(five.bar(0).isRevised()).isFalse();
    }

    @Test
    void aFlushDeliversTheWindowsEndedByTheBoundaryThatHoldBarsInOrder() {
        five.add(0, 1);
        five.add(12, 2);
        five.add(16, 3);
        assertThat(pass(five.w(), OPEN + 5 * MINUTE - 1)).as("window 0 ends at 5").isFalse();
        assertThat(five.w().due(0, 0)).as("nothing has passed").isFalse();
        assertThat(five.add(13, 1)).as("window 2 has not passed").isFalse();

        assertThat(flush(five.w(), OPEN + 15 * MINUTE + 59 * Micros.PER_SECOND)).as("window 1 is empty")
                .containsExactly(0, 2);
        assertThat(five.bar(2).volume()).isEqualTo(3);
        assertThat(flush(five.w(), OPEN + 15 * MINUTE)).as("once").isEmpty();
        assertThat(flush(five.w(), OPEN + 19 * MINUTE)).as("window 3 ends at 20").isEmpty();
        assertThat(five.w().emitted(0)).isEqualTo(2);
        assertThat(five.emitted()).extracting(Bar::volume).containsExactly(1.0, 3.0);
        assertThat(flush(five.w(), OPEN + 390 * MINUTE)).containsExactly(3);
    }

    @Test
    void aBarInAPassedWindowIsDeliveredAtOnceAndOneInADeliveredWindowRevisesIt() {
        assertThat(pass(five.w(), OPEN + 10 * MINUTE)).isFalse();
        assertThat(five.add(7, 1)).as("window 1 has passed").isTrue();
        assertThat(five.w().due(0, 0)).as("delivered at once, so not pending").isFalse();
        assertThat(five.bar(1).isRevised()).isFalse();
        assertThat(five.add(12, 1)).as("window 2 has not").isFalse();

        assertThat(five.add(6, 4)).as("a revision").isTrue();
        Bar revised = five.bar(1);
        assertThat(revised.isRevised()).isTrue();
        assertThat(revised.volume()).isEqualTo(5);
        assertThat(five.w().emitted(0)).as("revisions are not counted again").isEqualTo(1);
        assertThat(five.emitted()).containsExactly(revised);
    }

    @Test
    void aWindowTakesItsOpenFromItsFirstMinuteAndItsCloseFromItsLastWhateverTheOrderTheyCameIn() {
        five.add(3, 13, 14, 12, 13.5, 1);
        five.add(1, 11, 20, 11, 11.5, 1);
        assertThat(five.add(4, 14, 14, 5, 14.5, 1)).as("window 0's last minute").isTrue();
        Bar b = five.bar(0);
        assertThat(new double[] {b.open(), b.high(), b.low(), b.close()}).containsExactly(11, 20, 5, 14.5);
        assertThat(b.volume()).isEqualTo(3);
    }

    /**
     * A window's volume is summed in minute order, so the same 1m bars give the same double whatever order they
     * arrived in, though a sum in arrival order would be another double.
     */
    @Test
    void aWindowsVolumeIsTheSameDoubleWhateverTheOrderItsBarsArrivedIn() {
        double[] volume = {0.1, 0.2, 0.3, 0.7, 0.11};
        Windows inOrder = new Windows(5, MONDAY);
        for (int m = 0; m < 5; m++) {
            inOrder.add(m, volume[m]);
        }
        Windows late = new Windows(5, MONDAY);
        for (int m : new int[] {2, 1, 0, 3, 4}) {
            late.add(m, volume[m]);
        }
        double minuteOrder = 0.1 + 0.2 + 0.3 + 0.7 + 0.11;
        assertThat(0.3 + 0.2 + 0.1 + 0.7 + 0.11).as("the arrival order's sum differs").isNotEqualTo(minuteOrder);
        assertThat(late.bar(0)).isEqualTo(inOrder.bar(0));
        assertThat(late.bar(0).volume()).isEqualTo(minuteOrder);
    }

    @Test
    void aNewSessionForgetsTheLastOne() {
        five.add(4, 1);
        assertThat(pass(five.w(), OPEN + 100 * MINUTE)).isFalse();
        TradingSession friday = Calendars.xnys().session(LocalDate.of(2025, 11, 28)).orElseThrow();
        five.begin(friday);
        assertThat(five.w().count()).isEqualTo(42);
        assertThat(five.w().emitted(0)).isZero();
        assertThat(five.emitted()).isEmpty();
        assertThat(five.w().changed(0, 7)).as("nothing has passed").isFalse();
        long fridayOpen = Micros.of(friday.open());
        assertThat(flush(five.w(), fridayOpen + 9 * MINUTE)).as("windows now end from Friday's open").isEmpty();
        assertThat(flush(five.w(), fridayOpen + 10 * MINUTE)).containsExactly(1);
    }

    @Test
    void misuseIsAnError() {
        assertThatThrownBy(() -> five.bar(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5m window 3 of AAA holds no bar (78 windows)");
        WindowLayout oneMinute = WindowLayout.regular(OPEN, MONDAY.minutes(), 1);
        assertThatThrownBy(() -> new DerivedWindows(oneMinute, new byte[390], 1, new WindowProgress(oneMinute)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than 1m");
        WindowLayout layout = WindowLayout.regular(OPEN, MONDAY.minutes(), 5);
        assertThatThrownBy(() -> new DerivedWindows(layout, new byte[155], 2, new WindowProgress(layout)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a grid of 155 windows for 78 windows x 2 columns");
    }

    @Test
    void theColumnsOfAGridKeepTheirOwnWindowsAndShareTheCountOfThoseUndelivered() {
        WindowLayout layout = WindowLayout.regular(OPEN, MONDAY.minutes(), 5);
        WindowProgress shared = new WindowProgress(layout);
        DerivedWindows both = new DerivedWindows(layout, new byte[layout.count() * 2], 2, shared);
        int a = 0;
        int b = 1;
        both.changed(a, 4);  // window 0 complete: delivered, not pending
        assertThat(shared.pass(OPEN + 5 * MINUTE)).as("nothing pending in window 0").isFalse();
        assertThat(both.emitted(a)).isEqualTo(1);
        assertThat(both.emitted(b)).isZero();

        both.changed(a, 6);
        both.changed(b, 7);
        assertThat(shared.pass(OPEN + 10 * MINUTE)).as("both hold window 1 undelivered").isTrue();
        assertThat(both.flush(a, 1, out)).isEqualTo(1);
        assertThat(out[0]).isEqualTo(1);
        assertThat(both.due(b, 1)).as("b's window is still due").isTrue();
        assertThat(both.flush(b, 1, out)).isEqualTo(1);
        assertThat(both.due(a, 1) || both.due(b, 1)).isFalse();

        both.changed(a, 16);
        assertThat(both.changed(a, 19)).as("its last minute: delivered, so window 3 is not pending").isTrue();
        both.changed(b, 21);
        assertThat(shared.pass(OPEN + 20 * MINUTE)).as("window 4 has not passed").isFalse();
        assertThat(shared.pass(OPEN + 25 * MINUTE)).isTrue();
        assertThat(shared.passed()).isEqualTo(5);
        assertThat(both.due(a, 2)).as("a delivered window 3 by its last minute").isFalse();
        assertThat(both.due(b, 2)).isTrue();
        assertThat(both.changed(b, 7)).as("b's window 1, delivered: a revision").isTrue();
        assertThat(both.changed(a, 5)).as("a's window 1 is its own: delivered, so revised too").isTrue();
        assertThat(both.emitted(a)).as("revisions are not counted again").isEqualTo(3);
        assertThat(both.emitted(b)).isEqualTo(1);
    }
}
