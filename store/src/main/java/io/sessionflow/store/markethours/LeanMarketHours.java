package io.sessionflow.store.markethours;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessionflow.calendar.TradingCalendar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * LEAN's market-hours database ({@code market-hours-database.json}: {@code {"entries": {"Future-cme-ES": {...}}}})
 * parsed once; {@link #calendar(String)} builds the trading calendar of one entry on demand. Keys are
 * {@code SecurityType-market-symbol}; a symbol without an entry falls back to its market's {@code [*]} entry, as LEAN
 * looks them up, and a symbol's entry inherits the holidays of its market's {@code [*]} entry (LEAN keeps the
 * market's holidays there), except on dates the symbol's own entry gives an early close or late open.
 *
 * <p>Immutable after {@link #read}; safe to share between threads.
 */
public final class LeanMarketHours {

    /** First date of the calendars built here: LEAN's US equity holidays start in 1998. */
    public static final LocalDate FIRST = LocalDate.of(1998, 1, 1);
    /** Last date of the calendars built here. */
    public static final LocalDate LAST = LocalDate.of(2030, 12, 31);

    private static final String WILDCARD = "[*]";
    private static final int MAX_KEY_CHARS = 80;

    private final Path file;
    /** Entries by lower-case key, in file order; values are the parsed JSON objects. */
    private final Map<String, Map.Entry<String, JsonNode>> entries;

    private LeanMarketHours(Path file, Map<String, Map.Entry<String, JsonNode>> entries) {
        this.file = file;
        this.entries = entries;
    }

    /**
     * Parses {@code file}.
     *
     * @throws IllegalArgumentException naming the file when it is absent, unreadable, not JSON or has no
     *                                  {@code entries} object
     */
    public static LeanMarketHours read(Path file) {
        Objects.requireNonNull(file, "file");
        JsonNode root;
        try (InputStream in = Files.newInputStream(file)) {
            root = new ObjectMapper().readTree(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("market-hours file " + file + " does not exist");
        } catch (JacksonException e) {
            throw new IllegalArgumentException("market-hours file " + file + " is not JSON: "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + " at line "
                    + e.getLocation().getLineNr());
        } catch (IOException e) {
            throw new IllegalArgumentException("market-hours file " + file + " cannot be read: " + e.getMessage());
        }
        JsonNode all = root == null ? null : root.get("entries");
        if (all == null || !all.isObject()) {
            throw new IllegalArgumentException("market-hours file " + file + " has no \"entries\" object (not LEAN's "
                    + "market-hours-database.json?)");
        }
        Map<String, Map.Entry<String, JsonNode>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : all.properties()) {
            entries.put(e.getKey().toLowerCase(Locale.ROOT), Map.entry(e.getKey(), e.getValue()));
        }
        return new LeanMarketHours(file, entries);
    }

    /** The entry keys as the file writes them, in file order. */
    public List<String> keys() {
        return entries.values().stream().map(Map.Entry::getKey).toList();
    }

    /**
     * The key whose entry serves {@code key} (case-insensitive): the key itself, or {@code Type-market-[*]} when the
     * symbol has no entry of its own.
     *
     * @throws IllegalArgumentException naming the key, its fallback and the file when neither has an entry
     */
    public String resolve(String key) {
        return find(key).getKey();
    }

    /** The calendar of {@code key} over {@link #FIRST}..{@link #LAST}; see {@link #calendar(String, LocalDate, LocalDate)}. */
    public TradingCalendar calendar(String key) {
        return calendar(key, FIRST, LAST);
    }

    /**
     * The calendar of the entry serving {@code key} (see {@link #resolve}), named by that entry's key, in its
     * {@code exchangeTimeZone}, over {@code [first, last]}. Sessions are assembled as {@link LeanHoursEntry}
     * describes.
     *
     * @throws IllegalArgumentException naming the file and key when there is no entry or it is malformed
     */
    public TradingCalendar calendar(String key, LocalDate first, LocalDate last) {
        Map.Entry<String, JsonNode> found = find(key);
        String name = found.getKey();
        JsonNode market = null;
        int dash = name.lastIndexOf('-');
        if (dash > 0 && !name.endsWith("-" + WILDCARD)) {
            Map.Entry<String, JsonNode> m = entries.get((name.substring(0, dash + 1) + WILDCARD)
                    .toLowerCase(Locale.ROOT));
            market = m == null ? null : m.getValue();
        }
        try {
            return LeanHoursEntry.parse(name, found.getValue(), market).calendar(first, last);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("market-hours file " + file + ", entry " + name + ": "
                    + e.getMessage(), e);
        }
    }

    private Map.Entry<String, JsonNode> find(String key) {
        Objects.requireNonNull(key, "key");
        String k = key.trim();
        Map.Entry<String, JsonNode> exact = entries.get(k.toLowerCase(Locale.ROOT));
        if (exact != null) {
            return exact;
        }
        String[] parts = k.split("-", 3);
        if (parts.length == 3) {
            String fallback = parts[0] + "-" + parts[1] + "-" + WILDCARD;
            Map.Entry<String, JsonNode> wildcard = entries.get(fallback.toLowerCase(Locale.ROOT));
            if (wildcard != null) {
                return wildcard;
            }
            throw new IllegalArgumentException("market-hours file " + file + " has no entry " + quote(k) + " nor "
                    + quote(fallback) + " (keys are SecurityType-market-symbol, e.g. Future-cme-ES, Equity-usa-[*])");
        }
        throw new IllegalArgumentException("market " + quote(k) + " is not SecurityType-market-symbol (e.g. "
                + "Future-cme-ES, Equity-usa-[*], Forex-oanda-EURUSD)");
    }

    private static String quote(String s) {
        return "'" + (s.length() > MAX_KEY_CHARS ? s.substring(0, MAX_KEY_CHARS) + "..." : s) + "'";
    }
}
