package io.sessionflow.dashboard.runs;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionflow.config.ConfigValues;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A replay to start: what {@code sessionflow replay --symbols --from --to --intervals --drop-rate --speed} says.
 *
 * @param symbols   at least one, at most {@value #MAX_SYMBOLS}, no repeats
 * @param from      the first session date
 * @param to        the last session date, inclusive, not before {@code from}
 * @param intervals derived bar intervals (1m is always delivered); empty for none but 1m
 * @param dropRate  the seeded share of streamed 1m bars dropped before delivery (gap repair fills them), in [0, 1]
 * @param speed     0 for as fast as possible, else k times real time
 *
 * <p>Immutable.
 */
public record RunRequest(List<Symbol> symbols, LocalDate from, LocalDate to, List<Interval> intervals,
                         double dropRate, double speed) {

    public static final int MAX_SYMBOLS = 1000;
    /** The fastest pace a paced replay may ask for; beyond it, ask for full speed (0). */
    public static final double MAX_SPEED = 1_000_000;

    public RunRequest {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        symbols = List.copyOf(symbols);
        intervals = List.copyOf(intervals);
        if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
            throw new IllegalArgumentException(symbols.size() + " symbols: a run needs 1.." + MAX_SYMBOLS);
        }
        if (new LinkedHashSet<>(symbols).size() != symbols.size()) {
            throw new IllegalArgumentException("symbols " + symbols + " repeat one");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from " + from + " is after to " + to);
        }
        if (!(dropRate >= 0 && dropRate <= 1)) {
            throw new IllegalArgumentException("drop rate " + dropRate + " is not between 0 and 1");
        }
        if (!(speed >= 0 && speed <= MAX_SPEED)) {
            throw new IllegalArgumentException("speed " + speed + " is not 0 (full) or a factor up to " + MAX_SPEED);
        }
    }

    /** Whether the replay runs as fast as it can. */
    public boolean fullSpeed() {
        return speed == 0;
    }

    /**
     * The request in a POST body: {@code {"symbols": ["SPY", "IBM"] or "SPY,IBM", "from": "2013-10-07", "to":
     * "2013-10-08", "intervals": ["5", "15m"] or "5,15", "dropRate": 0.1, "speed": "full" or 0 or 60}}; symbols are
     * case-insensitive, intervals as {@code --intervals} takes them.
     *
     * @throws BadRequest naming the field and its value when one is missing or bad
     */
    public static RunRequest fromJson(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BadRequest("the body must be a JSON object with symbols, from and to");
        }
        List<Symbol> symbols = new ArrayList<>();
        for (String s : list(body, "symbols", true)) {
            try {
                symbols.add(Symbol.of(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw BadRequest.of("symbols", s, "not a symbol (letters, digits, '.', '-'; up to "
                        + Symbol.MAX_LENGTH + " characters)");
            }
        }
        List<Interval> intervals = new ArrayList<>();
        for (String s : list(body, "intervals", false)) {
            try {
                intervals.add(ConfigValues.parseInterval(s));
            } catch (IllegalArgumentException e) {
                throw BadRequest.of("intervals", s, "not an interval (minutes such as 5 or 15m, 1h, or 1d)");
            }
        }
        LocalDate from = date(body, "from");
        LocalDate to = date(body, "to");
        double dropRate = number(body, "dropRate", 0);
        double speed = speed(body.get("speed"));
        try {
            return new RunRequest(symbols, from, to, intervals, dropRate, speed);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** The request as the API shows it: the fields of {@link #fromJson}, speed "full" or the factor. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbols", symbols.stream().map(Symbol::value).toList());
        m.put("from", from.toString());
        m.put("to", to.toString());
        m.put("intervals", intervals.stream().map(Interval::toString).toList());
        m.put("dropRate", dropRate);
        m.put("speed", fullSpeed() ? "full" : (Object) speed);
        return m;
    }

    private static List<String> list(JsonNode body, String field, boolean required) {
        JsonNode n = body.get(field);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            if (required) {
                throw BadRequest.of(field, null, "required");
            }
            return out;
        }
        if (n.isTextual()) {
            for (String part : n.asText().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else if (n.isArray()) {
            for (JsonNode e : n) {
                if (!e.isTextual() && !e.isNumber()) {
                    throw BadRequest.of(field, e.toString(), "not a string");
                }
                out.add(e.asText().strip());
            }
        } else {
            throw BadRequest.of(field, n.toString(), "not a list or a comma-separated string");
        }
        if (required && out.isEmpty()) {
            throw BadRequest.of(field, n.toString(), "names nothing");
        }
        return out;
    }

    private static LocalDate date(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            throw BadRequest.of(field, null, "required (YYYY-MM-DD)");
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw BadRequest.of(field, n.asText(), "not a date (YYYY-MM-DD)");
        }
    }

    private static double number(JsonNode body, String field, double absent) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return absent;
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        try {
            return Double.parseDouble(n.asText().strip());
        } catch (NumberFormatException e) {
            throw BadRequest.of(field, n.asText(), "not a number");
        }
    }

    private static double speed(JsonNode n) {
        if (n == null || n.isNull() || (n.isTextual() && n.asText().strip().equalsIgnoreCase("full"))) {
            return 0;
        }
        double v;
        if (n.isNumber()) {
            v = n.asDouble();
        } else {
            String t = n.asText().strip().toLowerCase(Locale.ROOT);
            try {
                v = Double.parseDouble(t.endsWith("x") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw BadRequest.of("speed", n.asText(), "not \"full\" or a factor of real time such as 60");
            }
        }
        if (!(v >= 0 && v <= MAX_SPEED)) {
            throw BadRequest.of("speed", n.asText(), "not \"full\" (0) or a factor of real time up to " + (long) MAX_SPEED);
        }
        return v;
    }
}
