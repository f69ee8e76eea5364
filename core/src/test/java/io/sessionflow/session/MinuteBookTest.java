package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarBuffer;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinuteBookTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Interval FIVE = Interval.ofMinutes(5);
    private static final Interval FIFTEEN = Interval.ofMinutes(15);
    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();
    private static final long OPEN = Micros.of(MONDAY.open());

    private final MinuteBook book = new MinuteBook(AAA, List.of(FIVE, FIFTEEN));

    MinuteBookTest() {
        begin(book, MONDAY);
    }

    /**
     * Begins {@code session} (regular-market minutes only, all expected) in a grid of {@code book}'s own, with
     * windows aligned to the open.
     */
    static void begin(MinuteBook book, TradingSession session) {
        WindowLayout[] layouts = WindowLayout.regular(book.intervals(), Micros.of(session.open()), session.minutes());
        book.begin(SessionMinutes.of(session, Set.of(SessionSegment.Kind.MARKET)),
                SessionGrid.single(session.minutes(), layouts, WindowProgress.of(layouts)));
    }

    enum Kind {
        NONE(-1), SYNTHETIC(Bar.SYNTHETIC), FILLED(Bar.FILLED), STREAMED(0);

        final int flags;

        Kind(int flags) {
            this.flags = flags;
        }
    }

    /** Applies at {@code minute} a bar of high {@code h}, low 9, close {@code h - 0.5}, volume {@code v}. */
    private ApplyOutcome apply(int minute, double h, long v, int flags) {
        return book.apply(OPEN + minute * Micros.PER_MINUTE, 10, h, 9, h - 0.5, v, Bar.NO_TRADE_COUNT, Double.NaN,
                flags);
    }

    /** The 5m bar of window {@code w} as it stands. */
    private Bar fiveMinuteBar(int w) {
        return five().read(0, w, AAA, book, new BarBuffer()).toBar();
    }

    /** The session's 5m windows, the book's column 0. */
    private DerivedWindows five() {
        return book.window(0);
    }

    private ApplyOutcome apply(int minute, double h, long v) {
        return apply(minute, h, v, 0);
    }

    /** Every (held, incoming, same values?) case of the apply rules: the outcome, and the kind the minute ends with. */
    @ParameterizedTest(name = "{0} then {1}, same values {2}: {3}, holds {4}")
    @CsvSource({
        "NONE,      SYNTHETIC, false, NEW,       SYNTHETIC",
        "NONE,      FILLED,    false, NEW,       FILLED",
        "NONE,      STREAMED,  false, NEW,       STREAMED",
        "SYNTHETIC, SYNTHETIC, true,  DUPLICATE, SYNTHETIC",
        "SYNTHETIC, SYNTHETIC, false, REPLACED,  SYNTHETIC",
        "SYNTHETIC, FILLED,    true,  REPLACED,  FILLED",
        "SYNTHETIC, FILLED,    false, REPLACED,  FILLED",
        "SYNTHETIC, STREAMED,  true,  REPLACED,  STREAMED",
        "SYNTHETIC, STREAMED,  false, REPLACED,  STREAMED",
        "FILLED,    SYNTHETIC, true,  IGNORED,   FILLED",
        "FILLED,    SYNTHETIC, false, IGNORED,   FILLED",
        "FILLED,    FILLED,    true,  DUPLICATE, FILLED",
        "FILLED,    FILLED,    false, REPLACED,  FILLED",
        "FILLED,    STREAMED,  true,  DUPLICATE, FILLED",
        "FILLED,    STREAMED,  false, REPLACED,  STREAMED",
        "STREAMED,  SYNTHETIC, true,  IGNORED,   STREAMED",
        "STREAMED,  SYNTHETIC, false, IGNORED,   STREAMED",
        "STREAMED,  FILLED,    true,  DUPLICATE, STREAMED",
        "STREAMED,  FILLED,    false, IGNORED,   STREAMED",
        "STREAMED,  STREAMED,  true,  DUPLICATE, STREAMED",
        "STREAMED,  STREAMED,  false, REPLACED,  STREAMED",
    })
    void applyRules(Kind held, Kind incoming, boolean same, ApplyOutcome outcome, Kind holds) {
        if (held != Kind.NONE) {
            assertThat(apply(3, 11, 100, held.flags)).isEqualTo(ApplyOutcome.NEW);
        }
        double h = same ? 11 : 12;
        long v = same ? 100 : 200;

        assertThat(apply(3, h, v, incoming.flags)).isEqualTo(outcome);

        boolean fromIncoming = outcome.changed();
        BarSeries bars = book.bars();
        assertThat(bars).hasSize(1);
        Bar bar = bars.get(0);
        assertThat(bar.volume()).isEqualTo(fromIncoming ? v : 100);
        assertThat(bar.isSynthetic()).isEqualTo(holds == Kind.SYNTHETIC);
        assertThat(bar.isFilled()).isEqualTo(holds == Kind.FILLED);
        boolean real = holds != Kind.SYNTHETIC;
        assertThat(book.present()).isEqualTo(real ? 1 : 0);
        assertThat(book.filled()).isEqualTo(holds == Kind.FILLED ? 1 : 0);
        assertThat(book.synthetic()).isEqualTo(real ? 0 : 1);
        assertThat(book.sessionVolume()).isEqualTo(real ? bar.volume() : 0);
        if (real) {
            assertThat(book.sessionHigh()).isEqualTo(bar.high());
        } else {
            assertThat(book.sessionHigh()).isNaN();
        }
        assertThat(book.presentMinutes().get(3)).isEqualTo(real);
    }

    @Test
    void theWindowMaskNamesTheWindowsToDeliver() {
        for (int m = 0; m < 4; m++) {
            assertThat(apply(m, 11, 1)).isEqualTo(ApplyOutcome.NEW);
            assertThat(book.windowMask()).isZero();
        }
        apply(4, 11, 1);
        assertThat(book.windowMask()).as("the 5m window is complete").isEqualTo(0b01);
        for (int m = 5; m < 14; m++) {
            apply(m, 11, 1);
        }
        apply(14, 11, 1);
        assertThat(book.windowMask()).as("both complete").isEqualTo(0b11);
        apply(20, 11, 1, Bar.SYNTHETIC);
        assertThat(book.windowMask()).as("synthetic bars are in no window").isZero();
        assertThat(apply(4, 11, 1)).isEqualTo(ApplyOutcome.DUPLICATE);
    }

    @Test
    void aCorrectionRevisesItsDeliveredWindowsAndRecomputesTheSessionMetrics() {
        for (int m = 0; m < 5; m++) {
            apply(m, m == 2 ? 20 : 11, 10);
        }
        assertThat(book.sessionHigh()).isEqualTo(20.0);
        Bar before = fiveMinuteBar(0);
        assertThat(before.high()).isEqualTo(20.0);

        assertThat(apply(2, 12, 5)).isEqualTo(ApplyOutcome.REPLACED);
        assertThat(book.windowMask()).as("the delivered 5m window is revised; the 15m one is not due").isEqualTo(0b01);
        Bar revised = fiveMinuteBar(0);
        assertThat(revised.isRevised()).isTrue();
        assertThat(revised.high()).isEqualTo(12.0);
        assertThat(revised.volume()).isEqualTo(45);
        assertThat(revised.open()).isEqualTo(before.open());
        assertThat(revised.close()).isEqualTo(before.close());
        assertThat(book.sessionHigh()).isEqualTo(12.0);
        assertThat(book.sessionVolume()).isEqualTo(45);
        assertThat(book.present()).isEqualTo(5);
    }

    @Test
    void aSyntheticBarReplacingAnotherChangesNoWindow() {
        for (int m = 0; m < 4; m++) {
            apply(m, 11, 10);
        }
        apply(4, 11, 0, Bar.SYNTHETIC);
        int[] out = new int[4];
        assertThat(DerivedWindowsTest.flushAlone(five(), OPEN + 5 * Micros.PER_MINUTE, out)).isEqualTo(1);
        Bar delivered = fiveMinuteBar(0);

        assertThat(apply(4, 11.5, 0, Bar.SYNTHETIC)).isEqualTo(ApplyOutcome.REPLACED);
        assertThat(book.windowMask()).isZero();
        assertThat(fiveMinuteBar(0)).isEqualTo(delivered);
        assertThat(book.bars().get(4).high()).isEqualTo(11.5);
    }

    @Test
    void aRealBarInAPassedWindowDeliversItAtOnce() {
        apply(0, 11, 10);
        int[] out = new int[4];
        DerivedWindowsTest.flushAlone(five(), OPEN + 5 * Micros.PER_MINUTE, out);
        apply(1, 11, 0, Bar.SYNTHETIC);
        assertThat(book.windowMask()).isZero();

        assertThat(apply(1, 11, 7, Bar.FILLED)).isEqualTo(ApplyOutcome.REPLACED);
        assertThat(book.windowMask()).as("window 0 was delivered: revised").isEqualTo(0b01);
        assertThat(fiveMinuteBar(0).volume()).isEqualTo(17);
        assertThat(fiveMinuteBar(0).isRevised()).isTrue();
    }

    @Test
    void confirmedMissingCountsMinutesWithoutARealBar() {
        assertThat(book.confirmMissing(1)).isTrue();
        assertThat(book.confirmMissing(1)).as("idempotent").isFalse();
        assertThat(book.confirmMissing(2)).isTrue();
        apply(3, 11, 1);
        assertThat(book.confirmMissing(3)).as("present").isFalse();
        assertThat(book.confirmedMissing()).isEqualTo(2);

        apply(1, 11, 0, Bar.SYNTHETIC);
        assertThat(book.confirmedMissing()).as("a fill-forward bar: storage still lacks it").isEqualTo(2);
        apply(1, 11, 1);
        assertThat(book.confirmedMissing()).as("the real bar came after all").isEqualTo(1);
        apply(2, 11, 1, Bar.FILLED);
        assertThat(book.confirmedMissing()).isZero();
        assertThat(book.present()).isEqualTo(3);

        assertThatThrownBy(() -> book.confirmMissing(MONDAY.minutes())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minute 390 of AAA is outside the 2025-11-24 session of 390 minutes");
    }

    @Test
    void barsMustStartOnAMinuteOfTheSession() {
        assertThatThrownBy(() -> book.apply(OPEN - Micros.PER_MINUTE, 1, 1, 1, 1, 1, Bar.NO_TRADE_COUNT, Double.NaN,
                0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-11-24 session");
        assertThatThrownBy(() -> book.apply(OPEN + 390 * Micros.PER_MINUTE, 1, 1, 1, 1, 1, Bar.NO_TRADE_COUNT,
                Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> book.apply(OPEN + 1, 1, 1, 1, 1, 1, Bar.NO_TRADE_COUNT, Double.NaN, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not start on a minute");
        assertThat(book.present()).isZero();
    }

    @Test
    void tradeCountAndVwapTakePartInTheDuplicateTest() {
        long t = OPEN;
        assertThat(book.apply(t, 10, 11, 9, 10, 5, 3, 10.2, 0)).isEqualTo(ApplyOutcome.NEW);
        assertThat(book.apply(t, 10, 11, 9, 10, 5, 3, 10.2, 0)).isEqualTo(ApplyOutcome.DUPLICATE);
        assertThat(book.apply(t, 10, 11, 9, 10, 5, 4, 10.2, 0)).isEqualTo(ApplyOutcome.REPLACED);
        assertThat(book.apply(t, 10, 11, 9, 10, 5, 4, Double.NaN, 0)).isEqualTo(ApplyOutcome.REPLACED);
        Bar b = book.bars().get(0);
        assertThat(b.tradeCount()).isEqualTo(4);
        assertThat(b.vwap()).isNaN();
    }

    @Test
    void beginClearsTheLastSessionWhileReusingItsArrays() {
        for (int m = 0; m < 390; m++) {
            apply(m, 11, 1, m % 7 == 0 ? Bar.SYNTHETIC : m % 5 == 0 ? Bar.FILLED : 0);
        }
        book.confirmMissing(0);
        TradingSession friday = Calendars.xnys().session(LocalDate.of(2025, 11, 28)).orElseThrow();
        begin(book, friday);

        assertThat(book.date()).isEqualTo(friday.date());
        assertThat(book.minutes()).isEqualTo(210);
        assertThat(book.bars()).isEmpty();
        assertThat(book.presentMinutes().isEmpty()).isTrue();
        assertThat(new long[] {book.present(), book.filled(), book.synthetic(), book.confirmedMissing()})
                .containsOnly(0L);
        assertThat(book.sessionVolume()).isZero();
        assertThat(book.sessionHigh()).isNaN();
        assertThat(five().count()).isEqualTo(42);
        assertThat(five().emittedBars(0, AAA, book)).isEmpty();
    }

    @Test
    void aColumnWhoseWindowsAreNotTheBooksIntervalsIsRefused() {
        WindowLayout[] layouts = WindowLayout.regular(List.of(FIVE), OPEN, MONDAY.minutes());
        assertThatThrownBy(() -> book.begin(SessionMinutes.of(MONDAY, Set.of(SessionSegment.Kind.MARKET)),
                SessionGrid.single(MONDAY.minutes(), layouts, WindowProgress.of(layouts))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the session's derived windows [5m] are not [5m, 15m] of AAA");
    }

    @Test
    void theWindowMaskHasRoomFor31Intervals() {
        List<Interval> many = new ArrayList<>();
        for (int k = 0; k < 32; k++) {
            many.add(Interval.ofMinutes(k + 2));
        }
        assertThatThrownBy(() -> new MinuteBook(AAA, many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 31");
    }
}
