package io.sessionflow.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Symbol;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradeBarBuilderTest {

    private static final Symbol SPY = Symbol.of("SPY");
    private static final Symbol IBM = Symbol.of("IBM");
    /** 2013-10-11 13:30:00Z, the 09:30 New York minute. */
    private static final long T0 = Micros.of(Instant.parse("2013-10-11T13:30:00Z"));
    private static final long MIN = Micros.PER_MINUTE;
    private static final long SEC = Micros.PER_SECOND;

    private record Out(Bar bar, boolean late) {
    }

    private final List<Out> out = new ArrayList<>();

    private TradeBarBuilder builder(Duration grace) {
        return new TradeBarBuilder(TradeBarConfig.DEFAULT.withGrace(grace), (b, late) -> out.add(new Out(b, late)));
    }

    @Test
    void aHandcraftedMinuteHasExactOhlcvVwapAndCount() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0 + 1 * SEC, 100.0, 100);
        b.accept(SPY, T0 + 10 * SEC, 101.5, 200);
        b.accept(SPY, T0 + 20 * SEC, 99.25, 300);
        b.accept(SPY, T0 + 59 * SEC + 999_999, 100.5, 400);
        assertThat(out).isEmpty();
        b.accept(SPY, T0 + MIN, 102.0, 1);  // the next minute's first trade closes 09:30

        assertThat(out).hasSize(1);
        Bar bar = out.get(0).bar();
        assertThat(out.get(0).late()).isFalse();
        assertThat(bar.symbol()).isEqualTo(SPY);
        assertThat(bar.start()).isEqualTo(Instant.parse("2013-10-11T13:30:00Z"));
        assertThat(bar.interval()).isEqualTo(Interval.ONE_MINUTE);
        assertThat(bar.open()).isEqualTo(100.0);
        assertThat(bar.high()).isEqualTo(101.5);
        assertThat(bar.low()).isEqualTo(99.25);
        assertThat(bar.close()).isEqualTo(100.5);
        assertThat(bar.volume()).isEqualTo(1000);
        assertThat(bar.tradeCount()).isEqualTo(4);
        double vwap = (100.0 * 100 + 101.5 * 200 + 99.25 * 300 + 100.5 * 400) / 1000;
        assertThat(bar.vwap()).isCloseTo(vwap, within(1e-12));
        assertThat(bar.flags()).isZero();
        assertThat(b.bars()).isEqualTo(1);
        assertThat(b.openMinutes()).isEqualTo(1);
    }

    @Test
    void openAndCloseFollowTradeTimesNotArrivalAndTiesKeepFeedOrder() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0 + 5 * SEC, 10.0, 1);
        b.accept(SPY, T0 + 5 * SEC, 11.0, 1);   // same time: the first fed stays the open, the last fed closes
        b.accept(SPY, T0 + 2 * SEC, 9.0, 1);    // earlier but same open minute: becomes the open, not late
        b.accept(SPY, T0 + 5 * SEC, 12.0, 1);
        b.flush();
        Bar bar = out.get(0).bar();
        assertThat(bar.open()).isEqualTo(9.0);
        assertThat(bar.close()).isEqualTo(12.0);
        assertThat(b.lateTrades()).isZero();
    }

    @Test
    void withGraceANextMinuteTradeClosesOnlyOnceTheGraceHasPassed() {
        TradeBarBuilder b = builder(Duration.ofSeconds(2));
        b.accept(SPY, T0 + 30 * SEC, 100.0, 10);
        b.accept(SPY, T0 + MIN + SEC, 100.1, 10);       // 09:31:01: within the 2 s grace, 09:30 still open
        assertThat(out).isEmpty();
        b.accept(SPY, T0 + 59 * SEC, 100.2, 5);          // a straggler of 09:30 inside the grace: not late
        b.accept(SPY, T0 + MIN + 2 * SEC, 100.3, 10);    // 09:31:02 = end + grace: 09:30 final
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.late()).isFalse();
            assertThat(o.bar().volume()).isEqualTo(15);
            assertThat(o.bar().close()).isEqualTo(100.2);
        });
        assertThat(b.lateTrades()).isZero();
    }

    @Test
    void advanceToClosesAMinuteAtEndPlusGraceAndNotBefore() {
        TradeBarBuilder b = builder(Duration.ofMillis(500));
        b.accept(SPY, T0 + 10 * SEC, 50.0, 3);
        b.advanceTo(T0 + MIN);
        b.advanceTo(T0 + MIN + 499_999);
        assertThat(out).isEmpty();
        b.advanceTo(T0 + MIN + 500_000);
        assertThat(out).singleElement().satisfies(o -> assertThat(o.bar().volume()).isEqualTo(3));
        b.advanceTo(T0 + MIN);  // going back changes nothing
        assertThat(out).hasSize(1);
    }

    @Test
    void withoutGraceAdvanceToTheMinuteEndClosesIt() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0, 50.0, 3);
        b.advanceTo(T0 + MIN - 1);
        assertThat(out).isEmpty();
        b.advanceTo(T0 + MIN);
        assertThat(out).hasSize(1);
    }

    @Test
    void aLateTradeEmitsAnUpdatedBarOfItsMinuteCountedAsLate() {
        TradeBarBuilder b = builder(Duration.ofSeconds(1));
        b.accept(SPY, T0 + 10 * SEC, 100.0, 100);
        b.accept(SPY, T0 + MIN + 5 * SEC, 101.0, 100);  // 09:30 final
        b.accept(SPY, T0 + 40 * SEC, 98.0, 50);           // late: 09:30 was already emitted
        assertThat(out).hasSize(2);
        Out updated = out.get(1);
        assertThat(updated.late()).isTrue();
        Bar bar = updated.bar();
        assertThat(bar.start()).isEqualTo(Micros.toInstant(T0));
        assertThat(bar.open()).isEqualTo(100.0);
        assertThat(bar.close()).isEqualTo(98.0);
        assertThat(bar.low()).isEqualTo(98.0);
        assertThat(bar.volume()).isEqualTo(150);
        assertThat(bar.tradeCount()).isEqualTo(2);
        assertThat(bar.flags()).isZero();  // a correction from the stream, not a derived revision
        assertThat(b.lateTrades()).isEqualTo(1);
        assertThat(b.lateBars()).isEqualTo(1);
        assertThat(b.bars()).isEqualTo(1);
        // the open minute 09:31 is untouched by the late trade
        b.flush();
        assertThat(out.get(2).bar().volume()).isEqualTo(100);
        assertThat(out.get(2).late()).isFalse();
    }

    @Test
    void aLateTradeInAMinuteThatHadNoTradeGivesItsFirstBarLate() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0 + 10 * SEC, 100.0, 1);
        b.accept(SPY, T0 + 2 * MIN, 100.0, 1);   // 09:30 final, 09:31 final and empty
        b.accept(SPY, T0 + MIN + 3 * SEC, 99.0, 7);
        assertThat(out).hasSize(2);
        assertThat(out.get(1).late()).isTrue();
        assertThat(out.get(1).bar().start()).isEqualTo(Micros.toInstant(T0 + MIN));
        assertThat(out.get(1).bar().volume()).isEqualTo(7);
    }

    @Test
    void aTradeBeyondTheRevisionWindowIsDroppedAndCounted() {
        TradeBarBuilder b = new TradeBarBuilder(TradeBarConfig.DEFAULT.withRevisionWindow(Duration.ofMinutes(2)),
                (bar, late) -> out.add(new Out(bar, late)));
        b.accept(SPY, T0 + 10 * SEC, 100.0, 1);
        b.advanceTo(T0 + 3 * MIN - 1);                // 09:30 final at 09:31, revisable until 09:33
        b.accept(SPY, T0 + 20 * SEC, 100.0, 1);       // late, still inside: updated
        b.advanceTo(T0 + 3 * MIN);
        b.accept(SPY, T0 + 30 * SEC, 100.0, 1);       // too late: dropped
        assertThat(out).extracting(Out::late).containsExactly(false, true);
        assertThat(b.lateTrades()).isEqualTo(1);
        assertThat(b.droppedTrades()).isEqualTo(1);
        assertThat(b.trades()).isEqualTo(3);
    }

    @Test
    void interleavedSymbolsGetTheirOwnBarsAndAClockEmitsThemInMinuteThenSymbolOrder() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0 + 1 * SEC, 100.0, 10);
        b.accept(IBM, T0 + 2 * SEC, 185.0, 1);
        b.accept(SPY, T0 + 3 * SEC, 101.0, 20);
        b.accept(IBM, T0 + MIN + 4 * SEC, 186.0, 2);  // closes IBM 09:30 only: SPY's watermark is its own
        assertThat(out).extracting(o -> o.bar().symbol()).containsExactly(IBM);
        b.accept(IBM, T0 + 2 * MIN + 1, 187.0, 3);    // IBM 09:31
        b.accept(SPY, T0 + 2 * MIN + 5, 102.0, 30);   // SPY 09:30 (09:31 had no SPY trade)
        assertThat(out).extracting(o -> o.bar().symbol().value() + " " + Quantities.format(o.bar().volume()))
                .containsExactly("IBM 1", "IBM 2", "SPY 30");
        out.clear();
        b.accept(SPY, T0 + 3 * MIN + 5, 102.0, 40);   // SPY 09:32 final; IBM 09:32 is not (quiet symbol)
        out.clear();
        b.advanceTo(T0 + 4 * MIN);                    // the clock closes IBM 09:32 and SPY 09:33 together
        assertThat(out).extracting(o -> o.bar().symbol().value() + " " + o.bar().start() + " " + Quantities.format(o.bar().volume()))
                .containsExactly("IBM 2013-10-11T13:32:00Z 3", "SPY 2013-10-11T13:33:00Z 40");
        assertThat(b.openMinutes()).isZero();
    }

    @Test
    void flushEmitsOpenMinutesByStartThenSymbolAndMakesLaterTradesOfThemLate() {
        TradeBarBuilder b = builder(Duration.ofSeconds(5));
        b.accept(SPY, T0 + MIN + 1, 1.0, 1);
        b.accept(IBM, T0 + 1, 2.0, 2);
        b.accept(IBM, T0 + MIN + 2, 2.0, 3);
        b.flush();
        assertThat(out).extracting(o -> o.bar().symbol().value() + " " + o.bar().start())
                .containsExactly("IBM 2013-10-11T13:30:00Z", "SPY 2013-10-11T13:31:00Z", "IBM 2013-10-11T13:31:00Z");
        b.accept(SPY, T0 + MIN + 30 * SEC, 1.5, 4);
        assertThat(out.get(3).late()).isTrue();
        assertThat(out.get(3).bar().volume()).isEqualTo(5);
    }

    @Test
    void emptyMinutesProduceNoBar() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0, 1.0, 1);
        b.accept(SPY, T0 + 10 * MIN, 1.0, 1);
        b.advanceTo(T0 + 30 * MIN);
        assertThat(out).extracting(o -> o.bar().start())
                .containsExactly(Micros.toInstant(T0), Micros.toInstant(T0 + 10 * MIN));
    }

    @Test
    void zeroSizeTradesCountButGiveNoVwapWhenTheMinuteHasNoVolume() {
        TradeBarBuilder b = builder(Duration.ZERO);
        b.accept(SPY, T0, 1.0, 0);
        b.flush();
        assertThat(out.get(0).bar().tradeCount()).isEqualTo(1);
        assertThat(out.get(0).bar().hasVwap()).isFalse();
    }

    @Test
    void badInputAndReentryAreRefused() {
        TradeBarBuilder b = builder(Duration.ZERO);
        assertThatThrownBy(() -> b.accept(SPY, T0, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SPY").hasMessageContaining("price NaN");
        assertThatThrownBy(() -> b.accept(SPY, T0, 1.0, -1)).hasMessageContaining("size -1 is negative");
        assertThatThrownBy(() -> b.accept(SPY, Long.MAX_VALUE, 1.0, 1)).hasMessageContaining("out of range");
        assertThat(b.trades()).isZero();

        TradeBarBuilder[] self = new TradeBarBuilder[1];
        self[0] = new TradeBarBuilder(TradeBarConfig.DEFAULT, (bar, late) -> self[0].advanceTo(0));
        self[0].accept(SPY, T0, 1.0, 1);
        assertThatThrownBy(self[0]::flush).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("called back");
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new TradeBarConfig(Duration.ofMillis(-1), Duration.ZERO))
                .hasMessageContaining("grace PT-0.001S");
        assertThatThrownBy(() -> new TradeBarConfig(Duration.ZERO, Duration.ofDays(2)))
                .hasMessageContaining("revision window PT48H");
        assertThatThrownBy(() -> new TradeBarConfig(null, Duration.ZERO)).isInstanceOf(NullPointerException.class);
        assertThat(TradeBarConfig.DEFAULT.grace()).isEqualTo(Duration.ZERO);
    }
}
