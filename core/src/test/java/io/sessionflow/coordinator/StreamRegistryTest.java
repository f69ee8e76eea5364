package io.sessionflow.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionData;
import io.sessionflow.time.TimeProvider;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamRegistryTest {

    private final SessionData data = new SessionData(SessionConfig.builder().build(),
            TimeProvider.backtest(Instant.parse("2024-01-02T14:30:00Z")));
    private final StreamRegistry registry = new StreamRegistry(data);

    @Test
    void registeringManySymbolsGivesEachAChannelInSymbolOrderAndPublishesThemOnce() {
        registry.register(List.of(Symbol.of("MSFT"), Symbol.of("AAPL"), Symbol.of("IBM")), StreamType.BARS);

        assertThat(Arrays.stream(registry.channels()).map(c -> c.symbol).toList())
                .containsExactly(Symbol.of("AAPL"), Symbol.of("IBM"), Symbol.of("MSFT"));
        assertThat(registry.version()).as("one new channel array for the three").isEqualTo(1);
        assertThat(registry.registered(StreamType.BARS)).hasSize(3);
        assertThat(data.symbols()).containsExactly(Symbol.of("AAPL"), Symbol.of("IBM"), Symbol.of("MSFT"));
    }

    @Test
    void registeringAnotherStreamOfKnownSymbolsAddsNoChannel() {
        List<Symbol> symbols = List.of(Symbol.of("AAPL"), Symbol.of("IBM"));
        registry.register(symbols, StreamType.BARS);
        SymbolChannel[] before = registry.channels();

        registry.register(symbols, StreamType.QUOTES);
        registry.register(List.of(Symbol.of("IBM")), StreamType.TRADES);

        assertThat(registry.channels()).isSameAs(before);
        assertThat(registry.version()).isEqualTo(1);
        assertThat(registry.registered(StreamType.QUOTES)).containsExactlyElementsOf(symbols);
        assertThat(registry.registered(StreamType.TRADES)).containsExactly(Symbol.of("IBM"));
        assertThat(registry.anyQuoteBars()).isFalse();

        registry.register(List.of(Symbol.of("SPY")), StreamType.QUOTE_BARS);
        assertThat(registry.version()).isEqualTo(2);
        assertThat(registry.anyQuoteBars()).isTrue();
    }
}
