package io.sessionflow.feed.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.Subscription;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Scale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The server-side encoder against the client-side codec: what one side writes, the other reads back unchanged. */
class AlpacaWireTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Symbol SPY = Symbol.of("SPY");
    private static final Instant OPEN = Instant.parse("2013-10-07T13:30:00Z");

    private final AlpacaCodec codec = new AlpacaCodec(false);

    @Test
    void theControlMessagesAreFramesOfOneElementAsAlpacaDocumentsThem() {
        assertThat(AlpacaWire.connected()).isEqualTo("[{\"T\":\"success\",\"msg\":\"connected\"}]");
        assertThat(AlpacaWire.authenticated()).isEqualTo("[{\"T\":\"success\",\"msg\":\"authenticated\"}]");
        assertThat(AlpacaWire.error(AlpacaWire.Error.AUTH_FAILED))
                .isEqualTo("[{\"T\":\"error\",\"code\":402,\"msg\":\"auth failed\"}]");
        assertThat(codec.decode(AlpacaWire.connected()).connected()).isTrue();
        assertThat(codec.decode(AlpacaWire.authenticated()).messages()).containsExactly(new FeedMessage.Authenticated());
    }

    @ParameterizedTest
    @EnumSource(AlpacaWire.Error.class)
    void everyErrorReadsBackWithItsCode(AlpacaWire.Error error) {
        List<FeedMessage> m = codec.decode(AlpacaWire.error(error)).messages();
        assertThat(m).hasSize(1);
        if (error == AlpacaWire.Error.AUTH_FAILED) {
            assertThat(m.get(0)).isInstanceOfSatisfying(FeedMessage.AuthRejected.class,
                    r -> assertThat(r.reason()).contains("402").contains("auth failed"));
        } else {
            assertThat(m.get(0)).isInstanceOfSatisfying(FeedMessage.ServerError.class, e -> {
                assertThat(e.code()).isEqualTo(error.code());
                assertThat(e.message()).startsWith(error.message());
            });
        }
    }

    @Test
    void theSubscriptionAnswerListsEveryChannelAndReadsBackWithoutTheWildcard() throws Exception {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        channels.put("bars", List.of("*", "SPY"));
        channels.put("trades", List.of("IBM"));
        channels.put("imbalances", List.of("AIG"));
        String text = AlpacaWire.subscription(channels);
        JsonNode o = JSON.readTree(text).get(0);
        assertThat(o.get("T").asText()).isEqualTo("subscription");
        List<String> names = iterable(o.fieldNames());
        assertThat(names).containsExactly("T", "trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses",
                "lulds", "corrections", "cancelErrors", "imbalances");
        assertThat(o.get("corrections").get(0).asText()).isEqualTo("IBM");
        assertThat(o.get("cancelErrors").get(0).asText()).isEqualTo("IBM");
        assertThat(o.get("quotes")).isEmpty();
        assertThat(codec.decode(text).messages()).containsExactly(new FeedMessage.Subscribed(
                Subscription.of(StreamType.BARS, SPY).plus(Subscription.of(StreamType.TRADES, Symbol.of("IBM")))));
    }

    @Test
    void aBarReadsBackExactlyWithItsStartAsTheTime() throws Exception {
        Bar bar = new Bar(SPY, OPEN, Interval.ONE_MINUTE, 168.85, 169.02, 168.8, 168.98, 1_234_567, 890, 168.9123, 0);
        String point = AlpacaWire.bar(bar, 0);
        assertThat(JSON.readTree(point).get("t").asText()).isEqualTo("2013-10-07T13:30:00Z");
        assertThat(decodeOne(point)).isEqualTo(new FeedMessage.Bars(List.of(bar)));
        Bar bare = new Bar(SPY, OPEN, Interval.ONE_MINUTE, 100, 100, 100, 100, 0, Bar.NO_TRADE_COUNT, Double.NaN, 0);
        String bareText = AlpacaWire.bar(bare, 0);
        assertThat(JSON.readTree(bareText).has("n")).isFalse();
        assertThat(JSON.readTree(bareText).has("vw")).isFalse();
        assertThat(decodeOne(bareText)).isEqualTo(new FeedMessage.Bars(List.of(bare)));
    }

    @Test
    void aShiftMovesEveryTimestampByTheSameAmount() throws Exception {
        long shift = Duration.ofDays(4000).plusMinutes(17).toNanos() / 1_000;
        Trade t = new Trade(SPY, OPEN.plusNanos(208_001_000), 168.9, 300);
        String point = AlpacaWire.trade(t, 7, shift);
        assertThat(JSON.readTree(point).get("t").asText())
                .isEqualTo(OPEN.plusNanos(208_001_000).plus(Duration.ofDays(4000).plusMinutes(17)).toString());
        Trade shifted = new Trade(SPY, Micros.toInstant(Micros.of(t.time()) + shift), 168.9, 300);
        assertThat(decodeOne(point)).isEqualTo(new FeedMessage.Trades(List.of(shifted)));
    }

    @Test
    void aTradeAndAQuoteCarryTheDocumentedFieldsAndReadBack() throws Exception {
        Trade t = new Trade(SPY, OPEN.plusMillis(208), 126.55, 1);
        String tradeText = AlpacaWire.trade(t, 96921, 0);
        assertThat(iterable(JSON.readTree(tradeText).fieldNames()))
                .containsExactly("T", "S", "i", "x", "p", "s", "t", "c", "z");
        assertThat(JSON.readTree(tradeText).get("i").asLong()).isEqualTo(96921);
        Quote q = new Quote(SPY, OPEN.plusNanos(335_689_000), 87.66, 87.68, 1, 4);
        String quoteText = AlpacaWire.quote(q, 0);
        assertThat(iterable(JSON.readTree(quoteText).fieldNames()))
                .containsExactly("T", "S", "bx", "bp", "bs", "ax", "ap", "as", "t", "c", "z");
        List<FeedMessage> both = codec.decode(AlpacaWire.frame(List.of(tradeText, quoteText))).messages();
        assertThat(both).containsExactly(new FeedMessage.Quotes(List.of(q)), new FeedMessage.Trades(List.of(t)));
    }

    @Property(tries = 200)
    void anyValidBarRoundTrips(@ForAll @DoubleRange(min = 0.0001, max = 1e6) @Scale(6) double low,
                               @ForAll @DoubleRange(min = 0, max = 1e4) double range,
                               @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long volume,
                               @ForAll @LongRange(min = 0, max = 10_000_000) long minutes) {
        double high = low + range;
        Bar bar = new Bar(SPY, OPEN.plus(Duration.ofMinutes(minutes)), Interval.ONE_MINUTE, high, high, low, low,
                volume, minutes, (low + high) / 2, 0);
        assertThat(decodeOne(AlpacaWire.bar(bar, 0))).isEqualTo(new FeedMessage.Bars(List.of(bar)));
    }

    private FeedMessage decodeOne(String point) {
        List<FeedMessage> m = codec.decode(AlpacaWire.frame(List.of(point))).messages();
        assertThat(m).hasSize(1);
        return m.get(0);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
