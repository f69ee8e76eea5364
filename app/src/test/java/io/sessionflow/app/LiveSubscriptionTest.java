package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Subscription;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What {@code live} asks the feed for: the streams, with trades in place of bars under --bars-from-trades. */
class LiveSubscriptionTest {

    private static final Set<Symbol> SYMBOLS = Set.of(Symbol.of("SPY"), Symbol.of("IBM"));

    @Test
    void barsFromTradesAsksForTradesInsteadOfBars() {
        assertThat(LiveRunner.subscription(SYMBOLS, List.of(StreamType.BARS, StreamType.QUOTES), false))
                .isEqualTo(Subscription.of(StreamType.BARS, SYMBOLS).plus(Subscription.of(StreamType.QUOTES, SYMBOLS)));
        assertThat(LiveRunner.subscription(SYMBOLS, List.of(StreamType.BARS, StreamType.QUOTES), true))
                .isEqualTo(Subscription.of(StreamType.TRADES, SYMBOLS)
                        .plus(Subscription.of(StreamType.QUOTES, SYMBOLS)));
        assertThat(LiveRunner.subscription(SYMBOLS, List.of(StreamType.BARS, StreamType.TRADES), true))
                .as("trades asked for once").isEqualTo(Subscription.of(StreamType.TRADES, SYMBOLS));
    }
}
