package io.sessionflow.feed.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.Subscription;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import io.sessionflow.feed.alpaca.AlpacaWire;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server reads what the product's client writes (the codec's requests), and refuses the rest by code. */
class ClientRequestTest {

    private final AlpacaCodec codec = new AlpacaCodec(true);

    @Test
    void theClientsLoginReadsBackAndItsSecretStaysOutOfTheText() {
        Credentials c = Credentials.of("AKEXAMPLE1234", "very-secret-value");
        ClientRequest r = ClientRequest.parse(codec.encode(new FeedRequest.Authenticate(c)));
        assertThat(r).isEqualTo(new ClientRequest.Auth("AKEXAMPLE1234", "very-secret-value"));
        assertThat(r.toString()).doesNotContain("very-secret-value").contains("1234");
    }

    @Test
    void theClientsSubscribeAndUnsubscribeReadBackChannelByChannel() {
        Subscription s = Subscription.of(StreamType.BARS, Symbol.of("SPY"), Symbol.of("IBM"))
                .plus(Subscription.of(StreamType.TRADES, Symbol.of("AIG")))
                .plus(Subscription.of(StreamType.QUOTES, Symbol.of("BAC")));
        assertThat(ClientRequest.parse(codec.encode(new FeedRequest.Subscribe(s))))
                .isEqualTo(new ClientRequest.Change(true, Map.of("bars", List.of("IBM", "SPY"),
                        "updatedBars", List.of("IBM", "SPY"), "trades", List.of("AIG"), "quotes", List.of("BAC"))));
        assertThat(ClientRequest.parse(codec.encode(new FeedRequest.Unsubscribe(s))))
                .isInstanceOfSatisfying(ClientRequest.Change.class, ch -> assertThat(ch.add()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "nope", "[]", "{}", "{\"action\":7}", "{\"action\":\"listen\"}",
            "{\"action\":\"auth\",\"key\":\"K\"}", "{\"action\":\"subscribe\",\"bars\":\"SPY\"}",
            "{\"action\":\"subscribe\",\"bars\":[\"spy\"]}", "{\"action\":\"subscribe\",\"bars\":[3]}"})
    void malformedRequestsAreInvalidSyntax(String text) {
        assertThat(ClientRequest.parse(text)).isInstanceOfSatisfying(ClientRequest.Invalid.class,
                i -> assertThat(i.error()).isEqualTo(AlpacaWire.Error.INVALID_SYNTAX));
    }

    @Test
    void aChannelTheStockStreamDoesNotHaveIsAnInvalidSubscribeAction() {
        assertThat(ClientRequest.parse("{\"action\":\"subscribe\",\"orderbooks\":[\"BTC/USD\"]}"))
                .isInstanceOfSatisfying(ClientRequest.Invalid.class,
                        i -> assertThat(i.error()).isEqualTo(AlpacaWire.Error.INVALID_SUBSCRIBE_ACTION));
    }

    @Test
    void aBrokenLoginDoesNotPutItsSecretIntoTheReason() {
        ClientRequest r = ClientRequest.parse("{\"action\":\"auth\",\"key\":\"K\",\"secret\":\"hunter2-secret\"");
        assertThat(r).isInstanceOfSatisfying(ClientRequest.Invalid.class,
                i -> assertThat(i.why()).doesNotContain("hunter2"));
    }
}
