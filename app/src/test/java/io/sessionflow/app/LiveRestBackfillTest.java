package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.config.SessionConfig;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.alpaca.AlpacaFeed;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.testing.InMemoryStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** {@code live --feed alpaca} fills the store's missing minutes from Alpaca's REST history unless told not to. */
class LiveRestBackfillTest {

    private static final Credentials KEY = Credentials.of("PKTEST0001", "not-a-secret");

    private static LiveCommand command(LiveFeeds.Kind feed, AlpacaFeed stream, boolean off) {
        LiveCommand c = new LiveCommand();
        c.feed = feed;
        c.alpacaFeed = stream;
        c.noRestBackfill = off;
        return c;
    }

    private static MarketDataStore wrap(LiveCommand c, MarketDataStore store) {
        return c.withRestBackfill(store, KEY, SessionConfig.defaults(), Clock.systemUTC());
    }

    @Test
    void alpacasStreamGetsTheRestBackfillAndNothingElseDoes() {
        InMemoryStore store = new InMemoryStore();
        MarketDataStore alpaca = wrap(command(LiveFeeds.Kind.ALPACA, AlpacaFeed.IEX, false), store);
        assertThat(alpaca).isNotSameAs(store);
        assertThat(alpaca.description()).contains("1m gaps from").doesNotContain("not-a-secret");
        assertThat(wrap(command(LiveFeeds.Kind.ALPACA, AlpacaFeed.IEX, true), store)).as("--no-rest-backfill")
                .isSameAs(store);
        assertThat(wrap(command(LiveFeeds.Kind.ALPACA, AlpacaFeed.TEST, false), store)).as("the test stream")
                .isSameAs(store);
        assertThat(wrap(command(LiveFeeds.Kind.SERVER, AlpacaFeed.IEX, false), store)).as("a feed-server")
                .isSameAs(store);
        assertThat(wrap(command(LiveFeeds.Kind.ALPACA, AlpacaFeed.IEX, false), null)).as("no store").isNull();
    }
}
