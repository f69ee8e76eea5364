package io.sessionflow.feed.alpaca;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Symbol;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;

/**
 * A local stand-in for Alpaca's {@code GET /v2/stocks/bars} on 127.0.0.1 (the JDK's HttpServer, port 0): it checks
 * the key headers (401 otherwise), answers the parameters as Alpaca documents them (start and end inclusive, bars
 * sorted by symbol then time, {@code limit} over all symbols of a page, {@code next_page_token} until the last page)
 * from a fixed market, and plays scripted answers (429, 5xx, malformed bodies) before the real ones. Every request
 * is recorded with its decoded query and its headers.
 *
 * <p>Thread-safe: the handler runs on the server's dispatcher thread; the recorded requests and the script are
 * concurrent collections the test reads and fills from its own thread.
 */
final class FakeAlpacaRest implements AutoCloseable {

    static final String KEY = "AKFAKEKEY0001";
    static final String SECRET = "rest-s3cr3t-do-not-print";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request: its path, decoded query parameters and headers (names lower-case, first value). */
    record Request(String path, Map<String, String> query, Map<String, String> headers) {
    }

    /** A scripted answer, played instead of the market's. */
    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    private final HttpServer server;
    private final BarSeries market;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<String> tokensIssued = new CopyOnWriteArrayList<>();
    private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
    private volatile int pageSize = Integer.MAX_VALUE;
    private volatile boolean gzip;

    FakeAlpacaRest(BarSeries market) throws IOException {
        this.market = market;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The most bars a page holds, whatever the request's limit asks: makes a small range page. */
    FakeAlpacaRest pageSize(int n) {
        pageSize = n;
        return this;
    }

    /** Answers gzip-compressed when the request accepts it. */
    FakeAlpacaRest gzip(boolean v) {
        gzip = v;
        return this;
    }

    FakeAlpacaRest then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The next_page_token values the market answers gave, in order. */
    List<String> tokensIssued() {
        return List.copyOf(tokensIssued);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            Map<String, String> query = new LinkedHashMap<>();
            String raw = x.getRequestURI().getRawQuery();
            if (raw != null) {
                for (String p : raw.split("&")) {
                    int eq = p.indexOf('=');
                    query.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>();
            x.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            requests.add(new Request(x.getRequestURI().getPath(), query, headers));
            Answer scripted = script.poll();
            Answer a = scripted != null ? scripted : answer(x.getRequestURI().getPath(), query, headers);
            send(x, a, "gzip".equals(headers.get("accept-encoding")));
        }
    }

    private Answer answer(String path, Map<String, String> q, Map<String, String> headers) throws IOException {
        if (!path.equals("/v2/stocks/bars")) {
            return Answer.of(404, "{\"message\":\"not found\"}");
        }
        if (!KEY.equals(headers.get("apca-api-key-id")) || !SECRET.equals(headers.get("apca-api-secret-key"))) {
            return Answer.of(401, "{\"message\":\"unauthorized.\"}");
        }
        if (!"1Min".equals(q.get("timeframe")) || !"asc".equals(q.get("sort")) || !"raw".equals(q.get("adjustment"))
                || q.get("symbols") == null || q.get("feed") == null) {
            return Answer.of(422, "{\"code\":42210000,\"message\":\"unexpected parameters " + q.keySet() + "\"}");
        }
        Instant start;
        Instant end;
        try {
            start = Instant.parse(q.get("start"));
            end = Instant.parse(q.get("end"));
        } catch (DateTimeParseException | NullPointerException e) {
            return Answer.of(422, "{\"code\":42210000,\"message\":\"invalid start or end\"}");
        }
        Set<String> symbols = Set.of(q.get("symbols").split(","));
        List<Bar> selected = new ArrayList<>();
        for (Bar b : market) {
            if (symbols.contains(b.symbol().value()) && !b.start().isBefore(start) && !b.start().isAfter(end)) {
                selected.add(b);
            }
        }
        selected.sort(Comparator.comparing(Bar::symbol).thenComparing(Bar::start));
        String token = q.get("page_token");
        if (token != null && !token.matches("tok\\+/[0-9]+=")) {
            return Answer.of(422, "{\"code\":42210000,\"message\":\"invalid page_token\"}");
        }
        int offset = token == null ? 0 : Integer.parseInt(token.substring(5, token.length() - 1));
        int n = Math.min(Math.min(pageSize, Integer.parseInt(q.getOrDefault("limit", "1000"))),
                selected.size() - offset);
        String next = null;
        if (offset + n < selected.size()) {
            // With '+', '/' and '=' in it, as real (base64) tokens have: the client must encode it.
            next = "tok+/" + (offset + n) + "=";
            tokensIssued.add(next);
        }
        return Answer.of(200, page(selected.subList(offset, offset + n), next));
    }

    /** A page as Alpaca writes it. */
    static String page(List<Bar> bars, String next) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode bySymbol = root.putObject("bars");
        for (Bar b : bars) {
            ArrayNode list = bySymbol.has(b.symbol().value()) ? (ArrayNode) bySymbol.get(b.symbol().value())
                    : bySymbol.putArray(b.symbol().value());
            list.add(bar(b, b.start().toString()));
        }
        if (next == null) {
            root.putNull("next_page_token");
        } else {
            root.put("next_page_token", next);
        }
        return JSON.writeValueAsString(root);
    }

    /** One bar element with {@code t} as given. */
    static ObjectNode bar(Bar b, String t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("t", t).put("o", b.open()).put("h", b.high()).put("l", b.low()).put("c", b.close())
                .put("v", b.volume());
        if (b.hasTradeCount()) {
            o.put("n", b.tradeCount());
        }
        if (b.hasVwap()) {
            o.put("vw", b.vwap());
        }
        return o;
    }

    /** A page of one symbol's bars with the given {@code t} values. */
    static String page(Symbol symbol, Map<String, Bar> byTime) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putObject("bars").putArray(symbol.value());
        byTime.forEach((t, b) -> list.add(bar(b, t)));
        root.putNull("next_page_token");
        return JSON.writeValueAsString(root);
    }

    private void send(HttpExchange x, Answer a, boolean acceptsGzip) throws IOException {
        byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        a.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        if (gzip && acceptsGzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(body);
            }
            body = out.toByteArray();
            x.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        x.sendResponseHeaders(a.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream o = x.getResponseBody()) {
                o.write(body);
            }
        }
    }
}
