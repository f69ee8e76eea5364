package io.sessionflow.feed.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.domain.Symbol;
import io.sessionflow.errors.ErrorText;
import io.sessionflow.feed.alpaca.AlpacaWire;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a client sent, read from one text message of the Alpaca stream protocol: {@code {"action":"auth","key":..,
 * "secret":..}}, {@code {"action":"subscribe"|"unsubscribe","trades":[..],"quotes":[..],"bars":[..],...}}. A message
 * that is not such an object, a channel list that is not a list of tickers or {@code *}, or an unknown action is
 * {@link Invalid} with 400 (invalid syntax); a channel the stock stream does not have is 410 (invalid subscribe
 * action).
 *
 * <p>Immutable values; {@link #parse} is stateless and safe from any thread.
 */
sealed interface ClientRequest {

    /** A login. {@link #toString()} hides the secret. */
    record Auth(String key, String secret) implements ClientRequest {
        @Override
        public String toString() {
            return "Auth[key=" + (key.length() <= 4 ? "****" : "…" + key.substring(key.length() - 4)) + "]";
        }
    }

    /** A subscribe ({@code add}) or unsubscribe: symbols per channel. */
    record Change(boolean add, Map<String, List<String>> channels) implements ClientRequest {
        public Change {
            channels = Map.copyOf(channels);
        }
    }

    /** A message the server answers with an error. */
    record Invalid(AlpacaWire.Error error, String why) implements ClientRequest {
    }

    /** The longest excerpt of a bad message kept in {@link Invalid#why()}. */
    int MAX_EXCERPT = 120;

    ObjectMapper MAPPER = new ObjectMapper();

    static ClientRequest parse(String text) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return syntax("malformed JSON", text);
        }
        if (root == null || !root.isObject()) {
            return syntax("not a JSON object", text);
        }
        JsonNode action = root.get("action");
        if (action == null || !action.isTextual()) {
            return syntax("no action", text);
        }
        switch (action.asText()) {
            case "auth" -> {
                JsonNode key = root.get("key");
                JsonNode secret = root.get("secret");
                if (key == null || !key.isTextual() || secret == null || !secret.isTextual()) {
                    return new Invalid(AlpacaWire.Error.INVALID_SYNTAX, "auth without a key and a secret");
                }
                return new Auth(key.asText(), secret.asText());
            }
            case "subscribe", "unsubscribe" -> {
                return change(action.asText().equals("subscribe"), root, text);
            }
            default -> {
                return syntax("unknown action '" + cut(action.asText()) + "'", text);
            }
        }
    }

    private static ClientRequest change(boolean add, JsonNode root, String text) {
        Map<String, List<String>> channels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            if (name.equals("action")) {
                continue;
            }
            if (!ChannelSet.CHANNELS.contains(name)) {
                return new Invalid(AlpacaWire.Error.INVALID_SUBSCRIBE_ACTION, "no channel '" + cut(name)
                        + "' on the stock stream");
            }
            JsonNode list = e.getValue();
            if (!list.isArray()) {
                return syntax("channel " + name + " is not a list", text);
            }
            List<String> symbols = new ArrayList<>();
            for (JsonNode n : list) {
                String s = n.isTextual() ? n.asText() : null;
                if (s == null || !(s.equals(ChannelSet.WILDCARD) || Symbol.isValid(s))) {
                    return syntax("'" + cut(String.valueOf(n)) + "' on channel " + name + " is not a ticker", text);
                }
                symbols.add(s);
            }
            channels.put(name, symbols);
        }
        return new Change(add, channels);
    }

    /** The message itself is not quoted: a broken login would put its secret into the log. */
    private static Invalid syntax(String why, String text) {
        return new Invalid(AlpacaWire.Error.INVALID_SYNTAX, why + " (a message of " + text.length() + " chars)");
    }

    private static String cut(String s) {
        return ErrorText.cut(s, MAX_EXCERPT);
    }
}
