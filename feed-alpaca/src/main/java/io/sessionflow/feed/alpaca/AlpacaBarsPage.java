package io.sessionflow.feed.alpaca;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.domain.Bar;
import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.StorageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /v2/stocks/bars}: {@code {"bars":{"AAPL":[{"t":..,"o":..,"h":..,"l":..,"c":..,"v":..,
 * "n":..,"vw":..},..],..},"next_page_token":"..."|null}}. Bars are keyed by symbol; {@code t} is the bar's start in
 * RFC-3339, truncated to microseconds like the stream's ({@link AlpacaCodec#bar}). A page without bars may have
 * {@code "bars":{}} or {@code "bars":null}.
 *
 * @param bars          the page's bars in its order
 * @param nextPageToken the token for the next page, or null on the last page
 *
 * <p>Immutable.
 */
record AlpacaBarsPage(List<Bar> bars, String nextPageToken) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    AlpacaBarsPage {
        bars = List.copyOf(bars);
    }

    /**
     * Reads a page.
     *
     * @param where the request, for messages
     * @throws StorageException naming {@code where}, what is wrong, and a cut excerpt of the offending text
     */
    static AlpacaBarsPage parse(byte[] body, String where) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new StorageException(where + ": malformed JSON (" + AlpacaCodec.cut(e.getOriginalMessage()) + "): "
                    + excerpt(body), e);
        } catch (IOException e) {
            throw new StorageException(where + ": unreadable body (" + AlpacaCodec.cut(e.getMessage()) + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new StorageException(where + ": the answer is not a JSON object: " + excerpt(body));
        }
        JsonNode token = root.get("next_page_token");
        String next = null;
        if (token != null && !token.isNull()) {
            if (!token.isTextual() || token.asText().isEmpty()) {
                throw new StorageException(where + ": next_page_token is not a string: " + AlpacaCodec.cut(
                        token.toString()));
            }
            next = token.asText();
        }
        JsonNode bars = root.get("bars");
        List<Bar> out = new ArrayList<>();
        if (bars == null || bars.isNull()) {
            return new AlpacaBarsPage(out, next);
        }
        if (!bars.isObject()) {
            throw new StorageException(where + ": \"bars\" is not an object keyed by symbol: "
                    + AlpacaCodec.cut(bars.toString()));
        }
        for (Map.Entry<String, JsonNode> e : bars.properties()) {
            if (!Symbol.isValid(e.getKey())) {
                throw new StorageException(where + ": bars for '" + AlpacaCodec.cut(e.getKey())
                        + "', which is not a ticker");
            }
            Symbol symbol = Symbol.of(e.getKey());
            JsonNode list = e.getValue();
            if (list.isNull()) {
                continue;
            }
            if (!list.isArray()) {
                throw new StorageException(where + ": the bars of " + symbol + " are not an array: "
                        + AlpacaCodec.cut(list.toString()));
            }
            int i = 0;
            for (JsonNode b : list) {
                try {
                    out.add(AlpacaCodec.bar(symbol, b));
                } catch (IllegalArgumentException | DateTimeParseException | ArithmeticException ex) {
                    throw new StorageException(where + ": bar " + i + " of " + symbol + " is unreadable ("
                            + AlpacaCodec.cut(ex.getMessage()) + "): " + AlpacaCodec.cut(b.toString()), ex);
                }
                i++;
            }
        }
        return new AlpacaBarsPage(out, next);
    }

    private static String excerpt(byte[] body) {
        return AlpacaCodec.cut(new String(body, StandardCharsets.UTF_8));
    }
}
