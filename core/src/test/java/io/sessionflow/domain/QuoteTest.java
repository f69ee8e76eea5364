package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuoteTest {

    @Test
    void oneSidedAndCrossedQuotesAreValid() {
        Quote bidOnly = new Quote(SPY, T0, 10, 0, 100, 0);
        assertThat(bidOnly.hasBid()).isTrue();
        assertThat(bidOnly.hasAsk()).isFalse();
        Quote askOnly = new Quote(SPY, T0, 0, 10, 0, 100);
        assertThat(askOnly.hasBid()).isFalse();
        assertThat(askOnly.hasAsk()).isTrue();
        Quote crossed = new Quote(SPY, T0, 10.02, 10.01, 1, 1);  // venue quotes do cross
        assertThat(crossed.bid()).isGreaterThan(crossed.ask());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-0.01 | 10   | 1  | 1  | bid -0.01 is not a finite non-negative price",
        "NaN   | 10   | 1  | 1  | bid NaN is not a finite non-negative price",
        "10    | -1   | 1  | 1  | ask -1.0 is not a finite non-negative price",
        "10    | Infinity | 1 | 1 | ask Infinity is not a finite non-negative price",
        "10    | 10.1 | -1 | 1  | bid size -1 is negative",
        "10    | 10.1 | 1  | -3 | ask size -3 is negative",
    })
    void invalidQuoteIsRefusedNamingSymbolTimeAndValue(double bid, double ask, long bidSize, long askSize,
                                                        String reason) {
        assertThatThrownBy(() -> new Quote(SPY, T0, bid, ask, bidSize, askSize))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("quote SPY 2025-01-02T14:30:00Z: " + reason);
    }

    @Test
    void missingPartsAreRefused() {
        assertThatThrownBy(() -> new Quote(null, T0, 1, 1, 1, 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Quote(SPY, null, 1, 1, 1, 1)).isInstanceOf(NullPointerException.class);
    }
}
