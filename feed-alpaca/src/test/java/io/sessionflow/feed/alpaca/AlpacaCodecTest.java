package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.feed.Credentials;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The wire format on JSON strings, without a server; the frames are shaped as in Alpaca's documentation. */
class AlpacaCodecTest {

    static final String TRADE = "{\"T\":\"t\",\"S\":\"AAPL\",\"i\":96921,\"x\":\"D\",\"p\":126.55,\"s\":1,"
            + "\"t\":\"2021-02-22T15:51:44.208Z\",\"c\":[\"@\",\"I\"],\"z\":\"C\"}";
    static final String QUOTE = "{\"T\":\"q\",\"S\":\"AMD\",\"bx\":\"U\",\"bp\":87.66,\"bs\":1,\"ax\":\"Q\","
            + "\"ap\":87.68,\"as\":4,\"t\":\"2021-02-22T15:51:45.335689322Z\",\"c\":[\"R\"],\"z\":\"C\"}";
    static final String BAR = "{\"T\":\"b\",\"S\":\"SPY\",\"o\":388.985,\"h\":389.13,\"l\":388.975,\"c\":389.12,"
            + "\"v\":49378,\"t\":\"2021-02-22T19:15:00Z\",\"n\":461,\"vw\":389.062639}";

    private final AlpacaCodec codec = new AlpacaCodec(false);

    private List<FeedMessage> decode(String frame) {
        return codec.decode(frame).messages();
    }

    @Test
    void theWelcomeOpensTheConnectionAndTheLoginIsAuthenticated() {
        AlpacaCodec.Decoded welcome = codec.decode("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        assertThat(welcome.connected()).isTrue();
        assertThat(welcome.messages()).isEmpty();
        assertThat(codec.decode("[{\"T\":\"success\",\"msg\":\"authenticated\"}]"))
                .isEqualTo(new AlpacaCodec.Decoded(false, List.of(new FeedMessage.Authenticated())));
    }

    @Test
    void theSubscriptionAnswerListsTheTickersAndLeavesOutTheWildcard() {
        List<FeedMessage> m = decode("[{\"T\":\"subscription\",\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],"
                + "\"bars\":[\"*\",\"SPY\"],\"updatedBars\":[],\"dailyBars\":[\"VOO\"],\"statuses\":[\"*\"]}]");
        Subscription expected = Subscription.of(StreamType.TRADES, Symbol.of("AAPL"))
                .plus(Subscription.of(StreamType.QUOTES, Symbol.of("AMD"), Symbol.of("CLDR")))
                .plus(Subscription.of(StreamType.BARS, Symbol.of("SPY")));
        assertThat(m).containsExactly(new FeedMessage.Subscribed(expected));
    }

    @Test
    void aTradeAQuoteAndABarInOneFrame() {
        List<FeedMessage> m = decode("[" + TRADE + "," + QUOTE + "," + BAR + "]");
        assertThat(m).containsExactly(
                new FeedMessage.Bars(List.of(new Bar(Symbol.of("SPY"), Instant.parse("2021-02-22T19:15:00Z"),
                        Interval.ONE_MINUTE, 388.985, 389.13, 388.975, 389.12, 49378, 461, 389.062639, 0))),
                new FeedMessage.Quotes(List.of(new Quote(Symbol.of("AMD"),
                        Instant.parse("2021-02-22T15:51:45.335689Z"), 87.66, 87.68, 1, 4))),
                new FeedMessage.Trades(List.of(new Trade(Symbol.of("AAPL"), Instant.parse("2021-02-22T15:51:44.208Z"),
                        126.55, 1))));
    }

    @Test
    void nanosecondsAreTruncatedToMicrosecondsTowardsThePast() {
        FeedMessage.Quotes q = (FeedMessage.Quotes) decode("[" + QUOTE + "]").get(0);
        Instant t = q.quotes().get(0).time();
        assertThat(Micros.of(t)).isEqualTo(Micros.of(Instant.parse("2021-02-22T15:51:45Z")) + 335_689);
        assertThat(t.getNano()).isEqualTo(335_689_000);
    }

    @Test
    void anOffsetTimeIsReadAsTheSameInstant() {
        String trade = TRADE.replace("2021-02-22T15:51:44.208Z", "2021-02-22T10:51:44.208-05:00");
        FeedMessage.Trades t = (FeedMessage.Trades) decode("[" + trade + "]").get(0);
        assertThat(t.trades().get(0).time()).isEqualTo(Instant.parse("2021-02-22T15:51:44.208Z"));
    }

    @Test
    void aBarWithoutCountOrVwapHasNeitherAndAnUpdatedBarIsABar() {
        String bar = "{\"T\":\"u\",\"S\":\"SPY\",\"o\":1,\"h\":2,\"l\":0.5,\"c\":1.5,\"v\":10,"
                + "\"t\":\"2021-02-22T19:15:00Z\"}";
        FeedMessage.Bars b = (FeedMessage.Bars) decode("[" + bar + "]").get(0);
        assertThat(b.bars().get(0).hasTradeCount()).isFalse();
        assertThat(b.bars().get(0).hasVwap()).isFalse();
        assertThat(b.bars().get(0).start()).isEqualTo(Instant.parse("2021-02-22T19:15:00Z"));
    }

    @ParameterizedTest
    @CsvSource({
            "400, invalid syntax, true",
            "401, not authenticated, true",
            "403, already authenticated, false",
            "404, auth timeout, false",
            "405, symbol limit exceeded, true",
            "406, connection limit exceeded, false",
            "407, slow client, false",
            "409, insufficient subscription, true",
            "410, invalid subscribe action for this feed, true",
            "500, internal error, false",
            "599, something new, false"})
    void errorsAreServerErrorsFatalWhenRetryingCannotHelp(int code, String msg, boolean fatal) {
        List<FeedMessage> m = decode("[{\"T\":\"error\",\"code\":" + code + ",\"msg\":\"" + msg + "\"}]");
        assertThat(m).hasSize(1).first().isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.message()).startsWith(msg);
            assertThat(e.fatal()).isEqualTo(fatal);
        });
    }

    @Test
    void authFailedIsRejectedCredentials() {
        assertThat(decode("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]"))
                .containsExactly(new FeedMessage.AuthRejected("Alpaca error 402 auth failed"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[{\"T\":\"t\",", "{\"T\":\"success\",\"msg\":\"connected\"}", "42", ""})
    void aFrameThatIsNoJsonArrayIsOneSkip(String frame) {
        AlpacaCodec.Decoded d = codec.decode(frame);
        assertThat(d.connected()).isFalse();
        assertThat(d.messages()).hasSize(1).first().isInstanceOf(FeedMessage.Skipped.class);
    }

    @Test
    void unreadableElementsAreSkippedAndTheRestOfTheFrameKept() {
        List<FeedMessage> m = decode("[{\"T\":\"x\",\"S\":\"AAPL\"},"
                + "{\"T\":\"t\",\"S\":\"aapl\",\"p\":1,\"s\":1,\"t\":\"2021-02-22T15:51:44Z\"},"
                + "{\"T\":\"t\",\"S\":\"AAPL\",\"p\":\"1\",\"s\":1,\"t\":\"2021-02-22T15:51:44Z\"},"
                + "{\"T\":\"t\",\"S\":\"AAPL\",\"p\":1,\"s\":1,\"t\":\"yesterday\"},"
                + "{\"T\":\"b\",\"S\":\"SPY\",\"o\":3,\"h\":2,\"l\":1,\"c\":1.5,\"v\":10,\"t\":\"2021-02-22T19:15:00Z\"},"
                + "{\"T\":\"d\",\"S\":\"SPY\",\"o\":1,\"h\":2,\"l\":1,\"c\":1.5,\"v\":10,\"t\":\"2021-02-22T05:00:00Z\"},"
                + "7," + TRADE + "]");
        assertThat(m).hasSize(8);
        assertThat(m.subList(0, 7)).allMatch(x -> x instanceof FeedMessage.Skipped);
        assertThat(((FeedMessage.Skipped) m.get(0)).reason()).contains("unknown message type 'x'");
        assertThat(((FeedMessage.Skipped) m.get(4)).reason()).contains("high 2.0 is below");
        assertThat(((FeedMessage.Skipped) m.get(5)).reason()).contains("daily bar of SPY");
        assertThat(m.get(7)).isInstanceOf(FeedMessage.Trades.class);
    }

    @Test
    void aLongBadFrameIsCutInTheReason() {
        String frame = "x".repeat(10_000);
        FeedMessage.Skipped s = (FeedMessage.Skipped) decode(frame).get(0);
        assertThat(s.reason().length()).isLessThan(3 * AlpacaCodec.MAX_REASON);
    }

    @Test
    void theLoginAndSubscriptionsAreTheDocumentedJson() {
        assertThat(codec.encode(new FeedRequest.Authenticate(Credentials.of("KEY1", "SECRET1"))))
                .isEqualTo("{\"action\":\"auth\",\"key\":\"KEY1\",\"secret\":\"SECRET1\"}");
        Subscription s = new Subscription(Map.of(
                StreamType.TRADES, new TreeSet<>(List.of(Symbol.of("AAPL"))),
                StreamType.QUOTES, new TreeSet<>(List.of(Symbol.of("CLDR"), Symbol.of("AMD"))),
                StreamType.BARS, new TreeSet<>(List.of(Symbol.of("SPY")))));
        assertThat(codec.encode(new FeedRequest.Subscribe(s))).isEqualTo("{\"action\":\"subscribe\","
                + "\"trades\":[\"AAPL\"],\"quotes\":[\"AMD\",\"CLDR\"],\"bars\":[\"SPY\"]}");
        assertThat(codec.encode(new FeedRequest.Unsubscribe(Subscription.of(StreamType.QUOTES, Symbol.of("AMD")))))
                .isEqualTo("{\"action\":\"unsubscribe\",\"quotes\":[\"AMD\"]}");
        assertThat(new AlpacaCodec(true).encode(new FeedRequest.Subscribe(
                Subscription.of(StreamType.BARS, Symbol.of("SPY")))))
                .isEqualTo("{\"action\":\"subscribe\",\"bars\":[\"SPY\"],\"updatedBars\":[\"SPY\"]}");
    }

    @Test
    void theDescriptionOfALoginHoldsNoSecret() {
        String d = AlpacaCodec.describe(new FeedRequest.Authenticate(Credentials.of("AKEYID1234", "TOPSECRET")));
        assertThat(d).doesNotContain("TOPSECRET").doesNotContain("AKEYID1234").contains("1234");
    }
}
