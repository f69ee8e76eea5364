package io.sessionflow.feed.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import io.sessionflow.errors.ErrorText;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.FeedRequest;
import io.sessionflow.feed.Subscription;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The Alpaca Market Data v2 stream wire format: requests to JSON text, JSON frames to {@link FeedMessage}s.
 *
 * <p>Every server frame is a JSON array of objects tagged by {@code "T"}: {@code success} ({@code connected},
 * {@code authenticated}), {@code subscription}, {@code error}, and the data points {@code t} (trade), {@code q}
 * (quote), {@code b} (minute bar), {@code u} (updated minute bar, sent when late trades change a bar already sent) and
 * {@code d} (daily bar). Times are RFC-3339 with up to nanoseconds; they are truncated towards the past to
 * microseconds, the unit of the whole system (a trade at {@code ...45.335689322Z} is at {@code ...45.335689Z}). A
 * bar's {@code t} is its start. A frame that is not a JSON array becomes one {@link FeedMessage.Skipped}; an element
 * that cannot be read (unknown type, missing field, invalid value, a daily bar, which is not a 1m bar) becomes one
 * {@link FeedMessage.Skipped} and the rest of the frame is kept.
 *
 * <p>Errors: 402 (auth failed) is {@link FeedMessage.AuthRejected}; 400 (invalid syntax), 401 (not authenticated,
 * i.e. a request before the login), 405 (symbol limit), 409 (insufficient subscription) and 410 (invalid subscribe
 * action) are fatal {@link FeedMessage.ServerError}s, since the same requests would fail again; 403 (already
 * authenticated), 404 (auth timeout), 406 (connection limit: another connection uses the key), 407 (slow client),
 * 500 (internal error) and unknown codes are not fatal: the connection backs off and reconnects.
 *
 * <p>Stateless after construction; safe from any thread.
 */
public final class AlpacaCodec {

    /** Longest excerpt of a frame or server text put into a reason. */
    static final int MAX_REASON = 200;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /**
     * What one frame said.
     *
     * @param connected the frame held the server's welcome ({@code success/connected}): the connection may log in
     * @param messages  everything else, in frame order, data points grouped per kind after the control messages
     */
    public record Decoded(boolean connected, List<FeedMessage> messages) {
        public Decoded {
            messages = List.copyOf(messages);
        }
    }

    private final boolean updatedBars;

    /**
     * @param updatedBars whether a bars subscription also asks for {@code updatedBars} (the revised minute bars);
     *                    they are delivered as bars either way, when the server sends them
     */
    public AlpacaCodec(boolean updatedBars) {
        this.updatedBars = updatedBars;
    }

    // --- requests ---

    /** The JSON text of a request. The text of an {@link FeedRequest.Authenticate} holds the secret: never log it. */
    public String encode(FeedRequest request) {
        Objects.requireNonNull(request, "request");
        ObjectNode o = MAPPER.createObjectNode();
        if (request instanceof FeedRequest.Authenticate a) {
            o.put("action", "auth");
            o.put("key", a.credentials().keyId());
            o.put("secret", a.credentials().secret());
        } else if (request instanceof FeedRequest.Subscribe s) {
            o.put("action", "subscribe");
            channels(o, s.subscription());
        } else if (request instanceof FeedRequest.Unsubscribe u) {
            o.put("action", "unsubscribe");
            channels(o, u.subscription());
        } else {
            throw new IllegalArgumentException("no Alpaca form for " + request.getClass().getSimpleName());
        }
        try {
            return MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing a request tree failed", e);  // cannot happen for a tree
        }
    }

    private void channels(ObjectNode o, Subscription s) {
        array(o, "trades", s.symbols(StreamType.TRADES));
        array(o, "quotes", s.symbols(StreamType.QUOTES));
        array(o, "bars", s.symbols(StreamType.BARS));
        if (updatedBars) {
            array(o, "updatedBars", s.symbols(StreamType.BARS));
        }
    }

    private static void array(ObjectNode o, String name, SortedSet<Symbol> symbols) {
        if (!symbols.isEmpty()) {
            ArrayNode a = o.putArray(name);
            symbols.forEach(sym -> a.add(sym.value()));
        }
    }

    /** A request for the log: the credentials show only the redacted key id. */
    public static String describe(FeedRequest request) {
        if (request instanceof FeedRequest.Authenticate a) {
            return "auth for key " + a.credentials().redactedKeyId();
        }
        return request.toString();
    }

    // --- frames ---

    /** Decodes one whole text frame; never throws for bad input. */
    public Decoded decode(String frame) {
        JsonNode root;
        try {
            root = MAPPER.readTree(frame);
        } catch (JsonProcessingException e) {
            return skipped("malformed JSON (" + cut(e.getOriginalMessage()) + "): " + cut(frame));
        }
        if (root == null || !root.isArray()) {
            return skipped("frame is not a JSON array: " + cut(frame));
        }
        boolean connected = false;
        List<FeedMessage> out = new ArrayList<>();
        List<Bar> bars = new ArrayList<>();
        List<Quote> quotes = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        for (JsonNode e : root) {
            String type = e.path("T").asText("");
            try {
                switch (type) {
                    case "success" -> {
                        String msg = e.path("msg").asText("");
                        if (msg.equals("connected")) {
                            connected = true;
                        } else if (msg.equals("authenticated")) {
                            out.add(new FeedMessage.Authenticated());
                        } else {
                            out.add(new FeedMessage.Skipped("unknown success message: " + cut(e.toString())));
                        }
                    }
                    case "error" -> out.add(error(e.path("code").asInt(-1), e.path("msg").asText("")));
                    case "subscription" -> out.add(new FeedMessage.Subscribed(subscription(e)));
                    case "t" -> trades.add(trade(e));
                    case "q" -> quotes.add(quote(e));
                    case "b", "u" -> bars.add(bar(e));
                    case "d" -> out.add(new FeedMessage.Skipped("daily bar of " + e.path("S").asText("?")
                            + " is not a 1m bar"));
                    default -> out.add(new FeedMessage.Skipped("unknown message type '" + cut(type) + "': "
                            + cut(e.toString())));
                }
            } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
                out.add(new FeedMessage.Skipped("unreadable '" + cut(type) + "' (" + cut(ex.getMessage()) + "): "
                        + cut(e.toString())));
            }
        }
        if (!bars.isEmpty()) {
            out.add(new FeedMessage.Bars(bars));
        }
        if (!quotes.isEmpty()) {
            out.add(new FeedMessage.Quotes(quotes));
        }
        if (!trades.isEmpty()) {
            out.add(new FeedMessage.Trades(trades));
        }
        return new Decoded(connected, out);
    }

    private static Decoded skipped(String reason) {
        return new Decoded(false, List.of(new FeedMessage.Skipped(reason)));
    }

    /** The FeedMessage for an Alpaca error code; the server's text is kept, a hint added. */
    static FeedMessage error(int code, String msg) {
        String text = cut(msg);
        return switch (code) {
            case 402 -> new FeedMessage.AuthRejected("Alpaca error 402 " + text);
            case 400 -> new FeedMessage.ServerError(code, text + " (a request the server cannot parse)", true);
            case 401 -> new FeedMessage.ServerError(code, text + " (a request before the login)", true);
            case 405 -> new FeedMessage.ServerError(code, text + " (more symbols than the plan allows)", true);
            case 409 -> new FeedMessage.ServerError(code, text + " (the plan does not include this feed or channel)",
                    true);
            case 410 -> new FeedMessage.ServerError(code, text + " (a channel this feed does not offer)", true);
            case 406 -> new FeedMessage.ServerError(code, text
                    + " (another connection uses this key on this feed; retrying later)", false);
            case 407 -> new FeedMessage.ServerError(code, text + " (the client read too slowly)", false);
            default -> new FeedMessage.ServerError(code, text, false);
        };
    }

    private static Subscription subscription(JsonNode e) {
        EnumMap<StreamType, SortedSet<Symbol>> m = new EnumMap<>(StreamType.class);
        m.put(StreamType.TRADES, symbols(e.path("trades")));
        m.put(StreamType.QUOTES, symbols(e.path("quotes")));
        m.put(StreamType.BARS, symbols(e.path("bars")));
        return new Subscription(m);
    }

    /** The tickers in a channel list; the wildcard {@code *} and anything else that is no ticker is left out. */
    private static SortedSet<Symbol> symbols(JsonNode a) {
        TreeSet<Symbol> s = new TreeSet<>();
        for (JsonNode n : a) {
            if (Symbol.isValid(n.asText(""))) {
                s.add(Symbol.of(n.asText()));
            }
        }
        return s;
    }

    private static Trade trade(JsonNode e) {
        return new Trade(symbol(e), time(e), number(e, "p"), number(e, "s"));
    }

    private static Quote quote(JsonNode e) {
        return new Quote(symbol(e), time(e), number(e, "bp"), number(e, "ap"), number(e, "bs"),
                number(e, "as"));
    }

    private static Bar bar(JsonNode e) {
        return bar(symbol(e), e);
    }

    /**
     * A minute bar from its fields {@code t} (start), {@code o h l c v} and the optional {@code n} (trade count) and
     * {@code vw} (VWAP); the stream's {@code b}/{@code u} messages and the REST bars share them.
     *
     * @throws IllegalArgumentException or {@link DateTimeParseException} naming what cannot be read
     */
    static Bar bar(Symbol symbol, JsonNode e) {
        JsonNode n = e.get("n");
        long count = n == null || n.isNull() ? Bar.NO_TRADE_COUNT : integer(e, "n");
        JsonNode vw = e.get("vw");
        double vwap = vw == null || vw.isNull() ? Double.NaN : number(e, "vw");
        return new Bar(symbol, time(e), Interval.ONE_MINUTE, number(e, "o"), number(e, "h"), number(e, "l"),
                number(e, "c"), number(e, "v"), count, vwap, 0);
    }

    private static Symbol symbol(JsonNode e) {
        JsonNode s = e.get("S");
        if (s == null || !s.isTextual()) {
            throw new IllegalArgumentException("no symbol S");
        }
        return Symbol.of(s.asText());
    }

    /** RFC-3339 with any offset, truncated to microseconds by the domain types. */
    private static Instant time(JsonNode e) {
        JsonNode t = e.get("t");
        if (t == null || !t.isTextual()) {
            throw new IllegalArgumentException("no time t");
        }
        Instant i = OffsetDateTime.parse(t.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        return i.minusNanos(i.getNano() % 1_000);
    }

    /** A number field; sizes and volumes are read like prices, so that a fractional one (crypto) is kept. */
    private static double number(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || !v.isNumber()) {
            throw new IllegalArgumentException("field " + field + " is not a number");
        }
        return v.doubleValue();
    }

    private static long integer(JsonNode e, String field) {
        JsonNode v = e.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("field " + field + " is not an integer");
        }
        return v.longValue();
    }

    static String cut(String s) {
        return ErrorText.cut(s, MAX_REASON);
    }
}
