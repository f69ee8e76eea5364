package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

    @ParameterizedTest
    @CsvSource({"1, 1m", "5, 5m", "15, 15m", "30, 30m", "60, 1h", "90, 90m", "120, 2h", "390, 390m", "1440, 24h"})
    void printsWholeHoursAsHoursAndTheRestAsMinutes(int minutes, String text) {
        assertThat(Interval.ofMinutes(minutes)).hasToString(text);
    }

    @ParameterizedTest
    @CsvSource({"1m, 1", "5m, 5", "15m, 15", "1h, 60", "4h, 240", "5, 5", "90, 90", "5min, 5", "5M, 5", "1H, 60",
        "' 15m ', 15", "05m, 5"})
    void parsesMinutesHoursAndBareNumbers(String text, int minutes) {
        assertThat(Interval.parse(text).minutes()).isEqualTo(minutes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m", "h", "min", "-5", "+5", "5s", "2d", "1.5h", "5 m", "five", "5mm"})
    void refusesTextThatIsNotANumberOfMinutesNamingIt(String text) {
        assertThatThrownBy(() -> Interval.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval '" + text + "' is not a number of minutes (e.g. 5, 5m, 1h) or 1d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1d", "1D", " 1d "})
    void parsesOneDayAsTheSessionWhichPrintsBackAndSortsLast(String text) {
        Interval d = Interval.parse(text);
        assertThat(d).isSameAs(Interval.SESSION);
        assertThat(d.isSession()).isTrue();
        assertThat(d.toString()).isEqualTo("1d");
        assertThat(Interval.ofCode(d.minutes())).isSameAs(Interval.SESSION);
        assertThat(d).isGreaterThan(Interval.ofMinutes(Interval.MAX_MINUTES));
        assertThatThrownBy(d::duration).isInstanceOf(IllegalStateException.class).hasMessageContaining("1d");
        assertThatThrownBy(d::micros).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Interval.ofMinutes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesMoreDigitsThanAnyIntervalHas() {
        assertThatThrownBy(() -> Interval.parse("1000000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'1000000'");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void refusesBlankText(String text) {
        assertThatThrownBy(() -> Interval.parse(text))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("interval must not be blank");
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "0m, 0", "1441, 1441", "25h, 1500", "999999h, 59999940"})
    void refusesIntervalsOutsideOneMinuteToOneDayNamingTheMinutes(String text, int minutes) {
        assertThatThrownBy(() -> Interval.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval of " + minutes + " minutes is outside 1..1440");
    }

    @Property
    void printThenParseGivesTheSameInterval(@ForAll @IntRange(min = 1, max = 1440) int minutes) {
        Interval interval = Interval.ofMinutes(minutes);
        assertThat(Interval.parse(interval.toString())).isEqualTo(interval);
        assertThat(Interval.parse(Integer.toString(minutes))).isEqualTo(interval);
    }

    @Test
    void measuresItself() {
        Interval m5 = Interval.parse("5m");
        assertThat(m5.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(m5.micros()).isEqualTo(300_000_000L);
        assertThat(Interval.parse("24h").micros()).isEqualTo(86_400_000_000L);
        assertThat(m5.isOneMinute()).isFalse();
        assertThat(Interval.parse("1m").isOneMinute()).isTrue();
        assertThat(Interval.ofMinutes(1)).isSameAs(Interval.ONE_MINUTE);
    }

    @Test
    void ordersByLength() {
        TreeSet<Interval> sorted = new TreeSet<>(List.of(Interval.parse("1h"), Interval.parse("5m"),
                Interval.parse("90m"), Interval.ONE_MINUTE));
        assertThat(sorted).extracting(Interval::toString).containsExactly("1m", "5m", "1h", "90m");
    }
}
