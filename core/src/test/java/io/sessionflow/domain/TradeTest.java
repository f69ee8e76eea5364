package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TradeTest {

    @Test
    void aZeroSizePrintIsValid() {
        assertThat(new Trade(SPY, T0, 10.5, 0).size()).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0        | 1  | price 0.0 is not a finite positive price",
        "-1       | 1  | price -1.0 is not a finite positive price",
        "NaN      | 1  | price NaN is not a finite positive price",
        "Infinity | 1  | price Infinity is not a finite positive price",
        "10       | -1 | size -1 is negative",
    })
    void invalidTradeIsRefusedNamingSymbolTimeAndValue(double price, long size, String reason) {
        assertThatThrownBy(() -> new Trade(SPY, T0, price, size))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("trade SPY 2025-01-02T14:30:00Z: " + reason);
    }

    @Test
    void missingPartsAreRefused() {
        assertThatThrownBy(() -> new Trade(null, T0, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Trade(SPY, null, 1, 1)).isInstanceOf(NullPointerException.class);
    }
}
