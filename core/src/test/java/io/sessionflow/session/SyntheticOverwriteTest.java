package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.time.TimeProvider;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Regression for review C4: a live check computes its repairs from the minutes present when it runs; a bar of the
 * stream arriving before the check is delivered must not be downgraded by the check's fill-forward or filled bar.
 * (Turned from {@code repro/io/sessionflow/session/SyntheticOverwriteReproTest}, which asserted the defect.)
 */
class SyntheticOverwriteTest {

    private static final Interval FIVE = Interval.ofMinutes(5);
    private static final TradingSession MONDAY = Calendars.xnys().session(LocalDate.of(2025, 11, 24)).orElseThrow();

    private final SessionData data = new SessionData(SessionConfig.builder().derivedIntervals(List.of(FIVE)).build(),
            TimeProvider.backtest(MONDAY.open()));
    private final SymbolSessionData d = data.register(Symbol.of("AAA"));
    private final SessionDataWriter w = data.claimWriter();
    private final long m5 = Micros.of(MONDAY.open()) + 5 * Micros.PER_MINUTE;

    SyntheticOverwriteTest() {
        w.beginSession(MONDAY, java.util.Map.of());
    }

    @Test
    void aFillForwardBarDoesNotReplaceARealBarThatArrivedFirst() {
        // the late real bar (live feed) lands first ...
        assertThat(w.applyBar(d, m5, 10, 11, 9, 10.5, 1_000, Bar.NO_TRADE_COUNT, Double.NaN, 0)).isZero();
        d.consumeBarsUpdated();
        // ... then the check computed before it arrived delivers its fill-forward bar for the same minute
        int mask = w.applyBar(d, m5, 10, 10, 10, 10, 0, Bar.NO_TRADE_COUNT, Double.NaN, Bar.SYNTHETIC);

        SymbolSnapshot snap = d.snapshot();
        assertThat(mask).as("nothing to deliver").isEqualTo(-1);
        assertThat(snap.present()).isEqualTo(1);
        assertThat(snap.synthetic()).isZero();
        assertThat(snap.sessionVolume()).isEqualTo(1_000);
        assertThat(snap.bars()).hasSize(1);
        assertThat(snap.bars().get(0).isSynthetic()).isFalse();
        assertThat(snap.bars().get(0).volume()).isEqualTo(1_000);
        assertThat(d.consumeBarsUpdated()).as("no change to report").isFalse();
    }

    @Test
    void aDeliveredWindowIsNotRevisedByARepairOfAMinuteItAlreadyHas() {
        for (int m = 5; m < 10; m++) {
            int mask = w.applyBar(d, m5 + (m - 5) * Micros.PER_MINUTE, 10, 11, 9, 10.5, 1_000, Bar.NO_TRADE_COUNT,
                    Double.NaN, 0);
            assertThat(mask).isEqualTo(m == 9 ? 1 : 0);
        }
        Bar delivered = d.derivedBars(FIVE).get(0);

        assertThat(w.applyBar(d, m5, 10, 10, 10, 10, 0, Bar.NO_TRADE_COUNT, Double.NaN, Bar.SYNTHETIC))
                .as("fill-forward").isEqualTo(-1);
        assertThat(w.applyBar(d, m5, 10, 12, 9, 11, 900, Bar.NO_TRADE_COUNT, Double.NaN, Bar.FILLED))
                .as("a filled bar from storage that differs").isEqualTo(-1);

        SymbolSnapshot snap = d.snapshot();
        assertThat(snap.derived().get(FIVE)).containsExactly(delivered);
        assertThat(delivered.isRevised()).isFalse();
        assertThat(delivered.volume()).isEqualTo(5_000);
        assertThat(snap.present()).isEqualTo(5);
        assertThat(snap.filled()).isZero();
        assertThat(snap.sessionVolume()).isEqualTo(5_000);
        assertThat(snap.sessionHigh()).as("not the filled bar's 12").isEqualTo(11.0);
    }

    @Test
    void theRealBarStillWinsWhenTheFillForwardBarLandsFirst() {
        assertThat(w.applyBar(d, m5, 10, 10, 10, 10, 0, Bar.NO_TRADE_COUNT, Double.NaN, Bar.SYNTHETIC)).isZero();
        assertThat(w.applyBar(d, m5, 10, 11, 9, 10.5, 1_000, Bar.NO_TRADE_COUNT, Double.NaN, 0)).isZero();

        SymbolSnapshot snap = d.snapshot();
        assertThat(snap.present()).isEqualTo(1);
        assertThat(snap.synthetic()).isZero();
        assertThat(snap.sessionVolume()).isEqualTo(1_000);
        assertThat(snap.bars().get(0).isSynthetic()).isFalse();
    }
}
