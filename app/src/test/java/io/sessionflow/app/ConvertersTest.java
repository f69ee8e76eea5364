package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine.TypeConversionException;

class ConvertersTest {

    @Test
    void datesAndTimesAreIsoAndTrimmed() {
        assertThat(Converters.date(" 2025-07-03 ")).isEqualTo("2025-07-03");
        assertThat(Converters.time("04:00")).isEqualTo("04:00");
    }

    @Test
    void aBadDateOrTimeNamesTheValueTheFormAndTheReason() {
        assertThatThrownBy(() -> Converters.date("2025-02-30"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'2025-02-30' is not a date YYYY-MM-DD (Invalid date 'FEBRUARY 30')");
        assertThatThrownBy(() -> Converters.date("07/03/2025"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'07/03/2025' is not a date YYYY-MM-DD");
        assertThatThrownBy(() -> Converters.time("9:30"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageStartingWith("'9:30' is not a wall time HH:MM");
    }

    @Test
    void symbolsAreCaseInsensitiveOnTheCommandLine() {
        assertThat(Converters.symbol(" brk.b ")).isEqualTo(Symbol.of("BRK.B"));
        assertThatThrownBy(() -> Converters.symbol("1abc"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("symbol '1ABC' is not a valid ticker");
    }

    @Test
    void intervalsParseAsInAConfigFileAndTheirErrorsAreMessagesOnly() {
        assertThat(Converters.interval(" 1h ")).isEqualTo(Interval.ofMinutes(60));
        assertThatThrownBy(() -> Converters.interval("0"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("interval of 0 minutes is outside 1..1440");
    }

    /** Conversion errors through the command line: one line, exit 2, no Java class name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--intervals         | 5,0  | Invalid value for option '--intervals' (N): interval of 0 minutes is outside 1..1440",
        "--intervals         | 5s   | Invalid value for option '--intervals' (N): interval '5s' is not a number of minutes (e.g. 5, 5m, 1h) or 1d",
        "--speed             | fast | Invalid value for option '--speed': 'fast' is not a number",
        "--trailing-sessions | 1.5  | Invalid value for option '--trailing-sessions': '1.5' is not a whole number",
        "--symbols           | 1abc | Invalid value for option '--symbols' (SYM): symbol '1ABC' is not a valid ticker",
    })
    void aBadOptionValueIsOnePlainLine(String option, String value, String message) {
        CliRun run = CliRun.of("replay", "--symbols", "AAA", "--from", "2025-01-02", "--to", "2025-01-03", option,
                value);
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("sessionflow replay: " + message
                + " (try 'sessionflow replay --help')");
    }

    @Test
    void aLongOptionValueIsCutInTheMessage() {
        CliRun run = CliRun.of("calendar", "--from", "2025-01-02", "--to", "2025-01-03", "--session-start",
                "9".repeat(100_000));
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.errLines()).containsExactly("sessionflow calendar: Invalid value for option '--session-start': '"
                + "9".repeat(80) + "...' (100000 characters) is not a wall time HH:MM (try 'sessionflow calendar "
                + "--help')");
    }
}
