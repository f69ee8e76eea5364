package io.sessionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Interval;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigValuesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"PT60S | 60 s", "PT1M30S | 90 s", "PT0.5S | 500 ms", "PT1.5S | 1500 ms",
        "PT0S | 0 s", "PT2H | 7200 s"})
    void formatDurationIsForPeopleInWholeSecondsOrMilliseconds(Duration d, String text) {
        assertThat(ConfigValues.formatDuration(d)).isEqualTo(text);
    }

    @Test
    void formatDurationCopesWithDurationsBeyondMilliseconds() {
        assertThat(ConfigValues.formatDuration(Duration.ofSeconds(Long.MAX_VALUE)))
                .isEqualTo(Long.MAX_VALUE + " s");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"PT60S | 1m", "PT90S | 90s", "PT0.5S | 500ms", "PT0S | 0s", "PT-5S | -5s",
        "PT0.0005S | PT0.0005S"})
    void durationTextIsASettingValue(Duration d, String text) {
        assertThat(ConfigValues.durationText(d)).isEqualTo(text);
        assertThat(ConfigValues.parseDuration(text)).isEqualTo(d);
    }

    @Property
    void durationTextReadsBackToTheSameDuration(@ForAll @LongRange(min = -1_000_000_000_000L,
            max = 1_000_000_000_000L) long seconds, @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Duration d = Duration.ofSeconds(seconds, nanos);
        assertThat(ConfigValues.parseDuration(ConfigValues.durationText(d))).isEqualTo(d);
    }

    @Test
    void parseErrorsQuoteTheValueFirst() {
        assertThatThrownBy(() -> ConfigValues.parseDuration("soon"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'soon' is not a duration (e.g. 60s, 5m, 500ms)");
        assertThatThrownBy(() -> ConfigValues.parseInterval("0"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("interval of 0 minutes is outside 1..1440");
        assertThatThrownBy(() -> ConfigValues.parseInt("1.5")).hasMessage("'1.5' is not a whole number");
        assertThatThrownBy(() -> ConfigValues.parseLong("x")).hasMessage("'x' is not a whole number");
        assertThatThrownBy(() -> ConfigValues.parseDouble("fast")).hasMessage("'fast' is not a number");
        assertThatThrownBy(() -> ConfigValues.parseDate("2025-02-30"))
                .hasMessage("'2025-02-30' is not a date YYYY-MM-DD (Invalid date 'FEBRUARY 30')");
        assertThatThrownBy(() -> ConfigValues.parseZone("Mars/Olympus"))
                .hasMessage("'Mars/Olympus' is not a time zone id");
    }

    @Test
    void valuesParse() {
        assertThat(ConfigValues.parseIntervals("[15m, 5, 1h]"))
                .containsExactly(Interval.ofMinutes(15), Interval.ofMinutes(5), Interval.ofMinutes(60));
        assertThat(ConfigValues.parseIntervals(" [ ] ")).isEmpty();
        assertThat(ConfigValues.parseDate(" 2025-07-03 ")).isEqualTo(LocalDate.of(2025, 7, 3));
        assertThat(ConfigValues.parseBoolean(" On ")).isTrue();
        assertThat(ConfigValues.parseLong(" 42 ")).isEqualTo(42L);
    }

    @Test
    void anEmptyItemInAListIsAnError() {
        assertThatThrownBy(() -> ConfigValues.parseIntervals("5,,15"))
                .hasMessage("'5,,15': interval must not be blank");
        assertThatThrownBy(() -> ConfigValues.parseIntervals("5,"))
                .hasMessage("'5,': interval must not be blank");
    }

    @Test
    void aLongIntervalIsNotRepeatedInFull() {
        String digits = "5".repeat(100_000);
        assertThat(catchMessage(() -> ConfigValues.parseInterval(digits)))
                .isEqualTo("interval '" + "5".repeat(80) + "...' (100000 characters) is not a number of minutes "
                        + "(e.g. 5, 5m, 1h) or 1d");
        assertThat(ConfigValues.parseInterval("  1440min  ")).isEqualTo(Interval.ofMinutes(1440));
    }

    @Test
    void quoteAndExcerptCutLongTextAndEscapeControlCharacters() {
        assertThat(ConfigValues.quote("abc")).isEqualTo("'abc'");
        assertThat(ConfigValues.quote("a".repeat(80))).isEqualTo("'" + "a".repeat(80) + "'");
        assertThat(ConfigValues.quote("a".repeat(81))).isEqualTo("'" + "a".repeat(80) + "...' (81 characters)");
        assertThat(ConfigValues.quote("a\nb\tc\r\u0000")).isEqualTo("'a\\nb\\tc\\r\\u0000'");
        assertThat(ConfigValues.excerpt("x".repeat(1_000))).isEqualTo("x".repeat(80) + "... (1000 characters)");
        assertThat(ConfigValues.excerpt("abcdef", 3)).isEqualTo("abc... (6 characters)");
        String emoji = "a".repeat(79) + "\uD83D\uDE00" + "b";
        assertThat(ConfigValues.excerpt(emoji)).isEqualTo("a".repeat(79) + "... (82 characters)");
        assertThat(ConfigValues.quote(null)).isEqualTo("null");
    }

    @Test
    void decimalTextIsPlain() {
        assertThat(List.of(1e20, 2.5, 0.0, Double.NaN).stream().map(ConfigValues::decimalText))
                .containsExactly("100000000000000000000", "2.5", "0", "NaN");
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("no exception");
    }
}
