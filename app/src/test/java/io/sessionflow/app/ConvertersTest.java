package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Symbol;
import org.junit.jupiter.api.Test;
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
}
