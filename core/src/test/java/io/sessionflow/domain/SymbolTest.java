package io.sessionflow.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolTest {

    @ParameterizedTest
    @ValueSource(strings = {"SPY", "A", "BRK.B", "BF-B", "QQQ3", "ABCDEFGHIJKLMNOP"})
    void acceptsUppercaseTickers(String value) {
        assertThat(Symbol.of(value).value()).isEqualTo(value);
        assertThat(Symbol.of(value)).hasToString(value);
        assertThat(Symbol.isValid(value)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1SPY", "SP Y", "BRK.", "BRK..B", ".B", "SPY;", "S'PY", "SPY\n"})
    void refusesWhatIsNotATickerNamingTheValue(String value) {
        assertThatThrownBy(() -> Symbol.of(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol '" + value + "' is not a valid ticker");
        assertThat(Symbol.isValid(value)).isFalse();
    }

    @Test
    void lowercaseIsRefusedWithAHint() {
        assertThatThrownBy(() -> Symbol.of("spy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol 'spy' is not a valid ticker (symbols are uppercase)");
        assertThat(Symbol.isValid("Spy")).isFalse();
    }

    @Test
    void blankTooLongAndNullAreRefused() {
        assertThatThrownBy(() -> Symbol.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol must not be blank");
        assertThatThrownBy(() -> Symbol.of("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol must not be blank");
        assertThatThrownBy(() -> Symbol.of("ABCDEFGHIJKLMNOPQ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("symbol 'ABCDEFGHIJKLMNOPQ' is longer than 16 characters");
        assertThatThrownBy(() -> Symbol.of(null)).isInstanceOf(NullPointerException.class);
        assertThat(Symbol.isValid(null)).isFalse();
        assertThat(Symbol.isValid("")).isFalse();
        assertThat(Symbol.isValid("ABCDEFGHIJKLMNOPQ")).isFalse();
    }

    @Test
    void ordersAlphabeticallyAndEqualsByValue() {
        assertThat(new TreeSet<>(List.of(Symbol.of("SPY"), Symbol.of("AAPL"), Symbol.of("QQQ"))))
                .extracting(Symbol::value).containsExactly("AAPL", "QQQ", "SPY");
        assertThat(Symbol.of("SPY")).isEqualTo(Symbol.of("SPY")).hasSameHashCodeAs(Symbol.of("SPY"));
    }
}
