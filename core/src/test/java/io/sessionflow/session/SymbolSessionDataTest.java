package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.testing.Aggregation;
import io.sessionflow.time.TimeProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SymbolSessionDataTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final Interval FIVE = Interval.ofMinutes(5);
    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();
    private static final TradingSession EARLY_CLOSE = Calendars.xnys().session(LocalDate.of(2025, 11, 28))
            .orElseThrow();

    private final TimeProvider time = TimeProvider.backtest(MONDAY.open());
    private final SessionData data = new SessionData(SessionConfig.builder().derivedIntervals(List.of(FIVE))
            .quoteRetention(5).tradeRetention(20).build(), time);
    private final SessionDataWriter writer = data.claimWriter();
    private final SymbolSessionData aaa = data.register(AAA);

    SymbolSessionDataTest() {
        writer.beginSession(MONDAY, java.util.Map.of());
    }

    /** A 1m bar of AAA at {@code minute} of {@code session}: close = open + delta, volume as given. */
    private static Bar bar(TradingSession session, int minute, double open, double delta, long volume, int flags) {
        double close = open + delta;
        return new Bar(AAA, session.open().plus(Duration.ofMinutes(minute)), Interval.ONE_MINUTE, open,
                Math.max(open, close) + 0.5, Math.min(open, close) - 0.5, close, volume, Bar.NO_TRADE_COUNT,
                Double.NaN, flags);
    }

    private static Bar bar(int minute, double open, long volume) {
        return bar(MONDAY, minute, open, 0.25, volume, 0);
    }

    private int apply(Bar b) {
        return writer.applyBar(aaa, Micros.of(b.start()), b.open(), b.high(), b.low(), b.close(), b.volume(),
                b.tradeCount(), b.vwap(), b.flags());
    }

    private void advanceMinutes(TradingSession s, int minutes) {
        time.advanceTo(s.open().plus(Duration.ofMinutes(minutes)));
    }

    @Test
    void barsAreSortedAndUniquePerMinuteWhateverTheArrivalOrder() {
        List<Bar> applied = List.of(bar(7, 10, 1), bar(2, 11, 2), bar(5, 12, 3), bar(0, 13, 4));
        applied.forEach(this::apply);

        assertThat(apply(bar(5, 12, 3))).as("the same bar again is a duplicate").isEqualTo(-1);
        BarSeries bars = aaa.bars();
        assertThat(bars).extracting(Bar::start).containsExactly(MONDAY.open(), MONDAY.open().plusSeconds(120),
                MONDAY.open().plusSeconds(300), MONDAY.open().plusSeconds(420));
        assertThat(bars).containsExactlyInAnyOrderElementsOf(applied);
        assertThat(aaa.snapshot().present()).isEqualTo(4);
        assertThat(aaa.presentMinutes().stream().toArray()).containsExactly(0, 2, 5, 7);
    }

    @Test
    void aDifferentBarForAHeldMinuteReplacesItAndRevisesTheDeliveredWindow() {
        for (int m = 0; m < 5; m++) {
            int mask = apply(bar(m, 10 + m, 100));
            assertThat(mask).as("minute %d", m).isEqualTo(m == 4 ? 1 : 0);
        }
        assertThat(aaa.derivedBars(FIVE).get(0).isRevised()).isFalse();

        Bar replacement = bar(MONDAY, 2, 30, -1, 7, 0);
        assertThat(apply(replacement)).as("the delivered 5m window must be delivered again").isEqualTo(1);

        List<Bar> expectedMinutes = new ArrayList<>(aaa.bars());
        assertThat(expectedMinutes).hasSize(5).contains(replacement);
        Bar revised = aaa.derivedBars(FIVE).get(0);
        assertThat(revised.isRevised()).isTrue();
        assertThat(revised.withFlags(0)).isEqualTo(Aggregation.derive(expectedMinutes, MONDAY, FIVE).get(0));
        assertThat(aaa.sessionVolume()).isEqualTo(4 * 100 + 7);
        assertThat(aaa.sessionHighLow()).containsExactly(30.5, 10 - 0.5);
        assertThat(aaa.snapshot().present()).isEqualTo(5);
    }

    @Test
    void sessionVolumeHighAndLowFollowTheBars() {
        assertThat(aaa.sessionVolume()).isZero();
        assertThat(aaa.sessionHighLow()).containsExactly(Double.NaN, Double.NaN);
        apply(bar(MONDAY, 0, 20, 1, 10, 0));
        apply(bar(MONDAY, 1, 25, -3, 20, 0));
        apply(bar(MONDAY, 2, 18, 0.5, 30, 0));
        assertThat(aaa.sessionVolume()).isEqualTo(60);
        assertThat(aaa.sessionHighLow()).containsExactly(25.5, 17.5);
    }

    @Test
    void qualityIsPresentOverElapsedMinutesAndHundredWhenNothingIsExpected() {
        assertThat(aaa.quality()).as("at the open nothing is expected").isEqualTo(100.0);
        advanceMinutes(MONDAY, 10);
        assertThat(aaa.quality()).isEqualTo(0.0);
        for (int m = 0; m < 10; m += 2) {
            apply(bar(m, 10, 1));
        }
        assertThat(aaa.quality()).isEqualTo(50.0);
        advanceMinutes(MONDAY, 390);  // the close
        assertThat(aaa.quality()).isEqualTo(5 * 100.0 / 390);
        assertThat(aaa.snapshot().quality(data.expectedMinutes())).isEqualTo(aaa.quality());
    }

    @Test
    void syntheticBarsAreHeldAndFlaggedButNeitherPresentNorInTheVolumeOrDerivedBars() {
        apply(bar(0, 10, 5));
        apply(bar(MONDAY, 1, 10.25, 0, 0, Bar.SYNTHETIC));
        for (int m = 2; m < 5; m++) {
            apply(bar(m, 10, 5));
        }
        advanceMinutes(MONDAY, 5);
        SymbolSnapshot s = aaa.snapshot();
        assertThat(s.bars()).hasSize(5);
        assertThat(s.bars().get(1).isSynthetic()).isTrue();
        assertThat(s.present()).isEqualTo(4);
        assertThat(s.synthetic()).isEqualTo(1);
        assertThat(s.sessionVolume()).isEqualTo(20);
        assertThat(aaa.quality()).isEqualTo(80.0);
        assertThat(s.derived().get(FIVE)).containsExactlyElementsOf(Aggregation.derive(s.bars(), MONDAY, FIVE));
    }

    @Test
    void aBarArrivingForAConfirmedMissingMinuteIsNoLongerMissing() {
        writer.markConfirmedMissing(aaa, 3);
        writer.markConfirmedMissing(aaa, 3);
        assertThat(aaa.snapshot().confirmedMissing()).as("idempotent").isEqualTo(1);
        apply(bar(MONDAY, 3, 10, 0, 1, Bar.FILLED));
        SymbolSnapshot s = aaa.snapshot();
        assertThat(s.confirmedMissing()).isZero();
        assertThat(s.filled()).isEqualTo(1);
        assertThat(s.bars().get(0).isFilled()).isTrue();
    }

    @Test
    void aRepairNeverDowngradesABarOfTheStreamAndChangesNothingWhenRefused() {
        apply(bar(0, 10, 5));
        aaa.consumeBarsUpdated();
        assertThat(apply(bar(MONDAY, 0, 11, 0, 9, Bar.FILLED))).as("filled over streamed").isEqualTo(-1);
        assertThat(apply(bar(MONDAY, 0, 10, 0, 0, Bar.SYNTHETIC))).as("synthetic over streamed").isEqualTo(-1);
        assertThat(aaa.consumeBarsUpdated()).isFalse();
        SymbolSnapshot s = aaa.snapshot();
        assertThat(s.bars()).containsExactly(bar(0, 10, 5));
        assertThat(new int[] {s.present(), s.filled(), s.synthetic()}).containsExactly(1, 0, 0);

        assertThat(apply(bar(MONDAY, 0, 12, 0, 7, 0))).as("a correction from the stream").isZero();
        assertThat(aaa.consumeBarsUpdated()).isTrue();
        assertThat(aaa.sessionVolume()).isEqualTo(7);
    }

    @Test
    void theWindowEndsOfEveryConfiguredIntervalAreFlushedOnceEach() {
        long open = Micros.of(MONDAY.open());
        long[] ends = writer.windowEndsBeforeClose(MONDAY);
        assertThat(ends).as("the first end is the earliest interval's").startsWith(open + 5 * Micros.PER_MINUTE)
                .isSorted().doesNotHaveDuplicates().doesNotContain(open + 390 * Micros.PER_MINUTE);
        assertThat(ends[ends.length - 1]).as("the last before the close").isEqualTo(open + 385 * Micros.PER_MINUTE);
    }

    @Test
    void updateFlagsAreSetByTheWriterAndReadAndClearedAtomically() {
        assertThat(aaa.consumeBarsUpdated()).isFalse();
        assertThat(aaa.consumeQuotesUpdated()).isFalse();
        assertThat(aaa.consumeTicksUpdated()).isFalse();

        apply(bar(0, 10, 1));
        assertThat(aaa.consumeQuotesUpdated()).isFalse();
        assertThat(aaa.consumeBarsUpdated()).isTrue();
        assertThat(aaa.consumeBarsUpdated()).as("cleared by the read").isFalse();
        assertThat(apply(bar(0, 10, 1))).isEqualTo(-1);
        assertThat(aaa.consumeBarsUpdated()).as("a duplicate changes nothing").isFalse();

        writer.addQuote(aaa, Micros.of(MONDAY.open()), 1, 2, 3, 4);
        writer.addTrade(aaa, Micros.of(MONDAY.open()), 1.5, 10);
        assertThat(aaa.consumeQuotesUpdated()).isTrue();
        assertThat(aaa.consumeTicksUpdated()).isTrue();
        assertThat(aaa.consumeQuotesUpdated()).isFalse();
        assertThat(aaa.consumeTicksUpdated()).isFalse();
    }

    @Test
    void quoteAndTradeRetentionKeepTheNewestAndCountTheDropped() {
        long open = Micros.of(MONDAY.open());
        for (int i = 0; i < 8; i++) {
            writer.addQuote(aaa, open + i * Micros.PER_SECOND, 10 + i, 11 + i, i, i);
        }
        for (int i = 0; i < 50; i++) {
            writer.addTrade(aaa, open + i * Micros.PER_SECOND, 10 + i, i);
        }
        SymbolSnapshot s = aaa.snapshot();
        assertThat(s.quotes()).as("quote retention 5").extracting(Quote::bid)
                .containsExactly(13.0, 14.0, 15.0, 16.0, 17.0);
        assertThat(s.droppedQuotes()).isEqualTo(3);
        assertThat(s.trades()).as("trade retention 20").hasSize(20);
        assertThat(s.trades().get(0).price()).isEqualTo(40.0);
        assertThat(s.trades()).extracting(Trade::time).isSorted();
        assertThat(s.droppedTrades()).isEqualTo(30);

        writer.beginSession(MONDAY, java.util.Map.of());
        assertThat(aaa.snapshot().droppedQuotes()).as("counts restart with the session").isZero();
        assertThat(aaa.quotes()).isEmpty();
    }

    @Test
    void aNewSessionStartsEmptyAndReusedColumnsDoNotLeakTheLastOne() {
        for (int m = 0; m < 390; m++) {
            apply(bar(m, 10 + m % 3, m));
        }
        writer.beginSession(EARLY_CLOSE, java.util.Map.of());
        SymbolSnapshot empty = aaa.snapshot();
        assertThat(empty.sessionDate()).isEqualTo(EARLY_CLOSE.date());
        assertThat(empty.bars()).isEmpty();
        assertThat(empty.derived().get(FIVE)).isEmpty();
        assertThat(empty.sessionVolume()).isZero();
        assertThat(empty.present()).isZero();
        assertThatThrownBy(() -> apply(bar(MONDAY, 300, 10, 0, 1, 0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2025-11-28 session");
        assertThatThrownBy(() -> apply(bar(EARLY_CLOSE, 210, 10, 0, 1, 0)))
                .as("13:00 is the early close").isInstanceOf(IllegalArgumentException.class);
        apply(bar(EARLY_CLOSE, 209, 10, 0, 1, 0));
        Bar last = aaa.derivedBars(FIVE).get(0);
        assertThat(last.start()).isEqualTo(EARLY_CLOSE.open().plus(Duration.ofMinutes(205)));
        assertThat(last.isPartial()).isFalse();
    }

    @Test
    void snapshotsAgreeWithTheSingleReads() {
        for (int m = 0; m < 12; m++) {
            apply(bar(m, 10 + m, m + 1));
        }
        writer.addQuote(aaa, Micros.of(MONDAY.open()), 1, 2, 3, 4);
        SymbolSnapshot s = aaa.snapshot();
        assertThat(s.symbol()).isEqualTo(AAA);
        assertThat(s.sessionDate()).isEqualTo(MONDAY.date());
        assertThat(s.bars()).containsExactlyElementsOf(aaa.bars());
        assertThat(s.derived().get(FIVE)).containsExactlyElementsOf(aaa.derivedBars(FIVE)).hasSize(2);
        assertThat(s.quotes()).containsExactlyElementsOf(aaa.quotes());
        assertThat(s.sessionVolume()).isEqualTo(aaa.sessionVolume()).isEqualTo(78);
        assertThat(new double[] {s.sessionHigh(), s.sessionLow()}).containsExactly(aaa.sessionHighLow());
        assertThat(aaa.derivedBars(Interval.ofMinutes(15))).as("not configured").isEmpty();
    }

    @Test
    void aSymbolRegisteredDuringASessionIsReadyForItsData() {
        SymbolSessionData late = data.register(Symbol.of("LATE"));
        assertThat(late.snapshot().sessionDate()).isEqualTo(MONDAY.date());
        assertThat(writer.applyBar(late, Micros.of(MONDAY.open()), 1, 1, 1, 1, 1, Bar.NO_TRADE_COUNT, Double.NaN, 0))
                .isZero();
        assertThat(late.bars()).hasSize(1);
        assertThat(data.register(Symbol.of("LATE"))).as("idempotent").isSameAs(late);
    }

    @Test
    void thereIsOneWriter() {
        assertThatThrownBy(data::claimWriter).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has its writer");
    }

    @Test
    void sessionEndedIsSetFromTheEndOfASessionUntilTheNextBegins() {
        assertThat(data.isSessionEnded()).as("during a session").isFalse();
        writer.endSession();
        assertThat(data.isSessionEnded()).as("after its end").isTrue();
        assertThat(data.currentSession()).contains(MONDAY);
        writer.beginSession(Calendars.xnys().session(LocalDate.of(2025, 11, 25)).orElseThrow(), java.util.Map.of());
        assertThat(data.isSessionEnded()).as("the next one begun").isFalse();
    }
}
