package io.sessionflow.feed.alpaca;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quantities;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Trade;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The server side of the Alpaca Market Data v2 stock stream: the frames a stream sends, as JSON text, in the shapes
 * {@link AlpacaCodec} decodes (the two live side by side so that they cannot drift; a round-trip test holds them
 * together). Control messages ({@code success}, {@code error}, {@code subscription}) are frames of one element, as
 * Alpaca sends them; data points are encoded one by one and joined into frames by {@link #frame(List)}.
 *
 * <p>Times are RFC-3339 in UTC with the fraction only as long as needed ({@code 2013-10-07T13:30:00Z},
 * {@code ...:44.208Z}), shifted by a constant number of microseconds (0 for the original times). A bar's {@code t}
 * is its start. Stored data has no exchange, tape, trade id or conditions: trades get the {@code id} the caller
 * gives, and {@link #EXCHANGE}, {@link #TAPE} and the conditions {@code ["@"]} (trades) and {@code ["R"]} (quotes)
 * stand in for the rest. A bar without a trade count or VWAP leaves {@code n} or {@code vw} out, which the codec
 * reads back as unknown.
 *
 * <p>Stateless; safe from any thread.
 */
public final class AlpacaWire {

    /** The exchange code put on served trades and quotes: {@code V}, the IEX in Alpaca's exchange codes. */
    public static final String EXCHANGE = "V";
    /** The tape put on served trades and quotes. */
    public static final String TAPE = "C";

    /**
     * The channels of a stock stream subscription answer, in Alpaca's order; {@code corrections} and
     * {@code cancelErrors} follow {@code trades} (subscribing to trades subscribes to both).
     */
    public static final List<String> CHANNELS = List.of("trades", "quotes", "bars", "updatedBars", "dailyBars",
            "statuses", "lulds", "corrections", "cancelErrors");

    private static final JsonFactory JSON = new JsonFactory();

    /** The stream's errors, with the codes and texts of Alpaca's documentation. */
    public enum Error {
        /** A message that does not follow the specification, or a symbol in an invalid format. */
        INVALID_SYNTAX(400, "invalid syntax"),
        /** A subscribe or unsubscribe before the login. */
        NOT_AUTHENTICATED(401, "not authenticated"),
        /** Invalid credentials. */
        AUTH_FAILED(402, "auth failed"),
        /** A second login on the same connection. */
        ALREADY_AUTHENTICATED(403, "already authenticated"),
        /** No login within the time allowed after connecting. */
        AUTH_TIMEOUT(404, "auth timeout"),
        /** A subscription that would exceed the plan's symbol limit; the subscription stays as it was. */
        SYMBOL_LIMIT_EXCEEDED(405, "symbol limit exceeded"),
        /** More connections than the plan allows. */
        CONNECTION_LIMIT_EXCEEDED(406, "connection limit exceeded"),
        /** A client too slow to take what the server sends; it is disconnected. */
        SLOW_CLIENT(407, "slow client"),
        /** A feed the plan does not include. */
        INSUFFICIENT_SUBSCRIPTION(409, "insufficient subscription"),
        /** A channel this stream does not offer. */
        INVALID_SUBSCRIBE_ACTION(410, "invalid subscribe action for this feed"),
        /** Something unexpected on the server's side. */
        INTERNAL_ERROR(500, "internal error");

        private final int code;
        private final String message;

        Error(int code, String message) {
            this.code = code;
            this.message = message;
        }

        public int code() {
            return code;
        }

        public String message() {
            return message;
        }
    }

    private AlpacaWire() {
    }

    /** The welcome sent when a connection opens: {@code [{"T":"success","msg":"connected"}]}. */
    public static String connected() {
        return success("connected");
    }

    /** The answer to good credentials: {@code [{"T":"success","msg":"authenticated"}]}. */
    public static String authenticated() {
        return success("authenticated");
    }

    private static String success(String msg) {
        return write(g -> {
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("T", "success");
            g.writeStringField("msg", msg);
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /** An error frame: {@code [{"T":"error","code":402,"msg":"auth failed"}]}. */
    public static String error(Error error) {
        Objects.requireNonNull(error, "error");
        return write(g -> {
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("T", "error");
            g.writeNumberField("code", error.code());
            g.writeStringField("msg", error.message());
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    /**
     * The answer to a subscribe or unsubscribe: the whole current subscription, every channel of {@link #CHANNELS}
     * present (an empty list when it has no symbols), then any other channel of {@code channels} in its map order.
     *
     * @param channels symbols (or {@code *}) per channel name; {@code corrections} and {@code cancelErrors} are
     *                 taken from {@code trades} unless given
     */
    public static String subscription(Map<String, ? extends Collection<String>> channels) {
        Objects.requireNonNull(channels, "channels");
        return write(g -> {
            g.writeStartArray();
            g.writeStartObject();
            g.writeStringField("T", "subscription");
            Collection<String> trades = channels.get("trades");
            for (String channel : CHANNELS) {
                Collection<String> symbols = channels.get(channel);
                if (symbols == null && (channel.equals("corrections") || channel.equals("cancelErrors"))) {
                    symbols = trades;
                }
                writeList(g, channel, symbols == null ? List.of() : symbols);
            }
            for (Map.Entry<String, ? extends Collection<String>> e : channels.entrySet()) {
                if (!CHANNELS.contains(e.getKey())) {
                    writeList(g, e.getKey(), e.getValue());
                }
            }
            g.writeEndObject();
            g.writeEndArray();
        });
    }

    private static void writeList(JsonGenerator g, String name, Collection<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    // --- data points: one JSON object each, joined into frames by frame() ---

    /**
     * A minute bar ({@code "T":"b"}) from its columns; a {@code tradeCount} of {@link Bar#NO_TRADE_COUNT} and a NaN
     * {@code vwap} are left out.
     */
    public static String bar(String symbol, long startMicros, double open, double high, double low, double close,
                             double volume, long tradeCount, double vwap, long shiftMicros) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("T", "b");
            g.writeStringField("S", symbol);
            g.writeNumberField("o", open);
            g.writeNumberField("h", high);
            g.writeNumberField("l", low);
            g.writeNumberField("c", close);
            quantity(g, "v", volume);
            g.writeStringField("t", time(startMicros, shiftMicros));
            if (tradeCount != Bar.NO_TRADE_COUNT) {
                g.writeNumberField("n", tradeCount);
            }
            if (!Double.isNaN(vwap)) {
                g.writeNumberField("vw", vwap);
            }
            g.writeEndObject();
        });
    }

    public static String bar(Bar b, long shiftMicros) {
        return bar(b.symbol().value(), Micros.of(b.start()), b.open(), b.high(), b.low(), b.close(), b.volume(),
                b.tradeCount(), b.vwap(), shiftMicros);
    }

    /** A trade ({@code "T":"t"}) from its columns, with trade id {@code id}. */
    public static String trade(String symbol, long timeMicros, long id, double price, double size, long shiftMicros) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("T", "t");
            g.writeStringField("S", symbol);
            g.writeNumberField("i", id);
            g.writeStringField("x", EXCHANGE);
            g.writeNumberField("p", price);
            quantity(g, "s", size);
            g.writeStringField("t", time(timeMicros, shiftMicros));
            g.writeArrayFieldStart("c");
            g.writeString("@");
            g.writeEndArray();
            g.writeStringField("z", TAPE);
            g.writeEndObject();
        });
    }

    public static String trade(Trade t, long id, long shiftMicros) {
        return trade(t.symbol().value(), Micros.of(t.time()), id, t.price(), t.size(), shiftMicros);
    }

    /** A quote ({@code "T":"q"}) from its columns. */
    public static String quote(String symbol, long timeMicros, double bid, double bidSize, double ask, double askSize,
                               long shiftMicros) {
        return write(g -> {
            g.writeStartObject();
            g.writeStringField("T", "q");
            g.writeStringField("S", symbol);
            g.writeStringField("bx", EXCHANGE);
            g.writeNumberField("bp", bid);
            quantity(g, "bs", bidSize);
            g.writeStringField("ax", EXCHANGE);
            g.writeNumberField("ap", ask);
            quantity(g, "as", askSize);
            g.writeStringField("t", time(timeMicros, shiftMicros));
            g.writeArrayFieldStart("c");
            g.writeString("R");
            g.writeEndArray();
            g.writeStringField("z", TAPE);
            g.writeEndObject();
        });
    }

    public static String quote(Quote q, long shiftMicros) {
        return quote(q.symbol().value(), Micros.of(q.time()), q.bid(), q.bidSize(), q.ask(), q.askSize(),
                shiftMicros);
    }

    /**
     * A size or volume as Alpaca writes it: an integer when it is integral ({@code 100}, not {@code 100.0}), else the
     * shortest decimal of the double, which reads back as the same double.
     */
    private static void quantity(JsonGenerator g, String name, double value) throws IOException {
        if (Quantities.isIntegral(value)) {
            g.writeNumberField(name, (long) value);
        } else {
            g.writeNumberField(name, value);
        }
    }

    /** Data points (each the JSON text of one object from this class) as one frame: {@code [p1,p2,...]}. */
    public static String frame(List<String> points) {
        int length = 2 + points.size();
        for (String p : points) {
            length += p.length();
        }
        StringBuilder b = new StringBuilder(length).append('[');
        for (int i = 0; i < points.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(points.get(i));
        }
        return b.append(']').toString();
    }

    /** RFC-3339 in UTC, shifted; {@link java.time.Instant#toString()} prints the fraction only as long as needed. */
    private static String time(long micros, long shiftMicros) {
        return Micros.toInstant(Math.addExact(micros, shiftMicros)).toString();
    }

    @FunctionalInterface
    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(160);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON into memory failed", e);  // cannot happen for a string
        }
        return out.toString();
    }
}
