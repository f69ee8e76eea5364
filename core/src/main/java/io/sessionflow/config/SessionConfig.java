package io.sessionflow.config;

import io.sessionflow.domain.Interval;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.BiConsumer;

/**
 * Every setting of a data manager, validated as a whole. Defaults are those of SPEC.md section 1: session
 * 09:30-16:00 America/New_York on XNYS, no trailing history, no derived intervals, upkeep check every 60 s, missing
 * bars retried, session-end timeout 60 s, backtest speed 0 (as fast as possible).
 *
 * <p>Build from keys with {@link #builder()} and {@link Builder#set(String, String)}: the same keys serve the YAML
 * file and the command-line flags ({@link #KEYS} lists them with their meaning).
 *
 * @param exchange                   calendar MIC, e.g. {@code XNYS}
 * @param sessionStart               session start, wall time in {@code sessionZone}
 * @param sessionEnd                 session end (exclusive), wall time in {@code sessionZone}; early closes cut it
 * @param sessionZone                zone of {@code sessionStart} and {@code sessionEnd}
 * @param historicalTrailingSessions trading sessions of history kept before the current one
 * @param historicalBarIntervals     intervals the history is kept in (1m and/or derived, same alignment as live)
 * @param derivedIntervals           intervals built from 1m bars during the session (1m itself is implied)
 * @param upkeepCheckInterval        how often the upkeep thread checks completeness (simulated time in backtests)
 * @param retryMissingBars           whether missing minutes are looked up in storage (else only measured)
 * @param fillForward                whether confirmed-missing minutes get a flat synthetic bar
 * @param sessionEndTimeout          how long drained, not-complete streams may stay silent before the session ends
 * @param refillTimeout              how long the coordinator waits for the next session's data at a session change
 * @param backtestSpeed              0 = as fast as possible, k &gt; 0 = k times real time
 * @param quoteRetention             quotes kept per symbol in SessionData; older ones are dropped and counted
 * @param tradeRetention             trades kept per symbol in SessionData; older ones are dropped and counted
 */
public record SessionConfig(
        String exchange,
        LocalTime sessionStart,
        LocalTime sessionEnd,
        ZoneId sessionZone,
        int historicalTrailingSessions,
        List<Interval> historicalBarIntervals,
        List<Interval> derivedIntervals,
        Duration upkeepCheckInterval,
        boolean retryMissingBars,
        boolean fillForward,
        Duration sessionEndTimeout,
        Duration refillTimeout,
        double backtestSpeed,
        int quoteRetention,
        int tradeRetention) {

    /** Each key with a one-line description, in the order of the record. */
    public static final Map<String, String> KEYS = keys();

    public SessionConfig {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(sessionEnd, "sessionEnd");
        Objects.requireNonNull(sessionZone, "sessionZone");
        Objects.requireNonNull(upkeepCheckInterval, "upkeepCheckInterval");
        Objects.requireNonNull(sessionEndTimeout, "sessionEndTimeout");
        Objects.requireNonNull(refillTimeout, "refillTimeout");
        java.time.ZoneId exchangeZone;
        try {
            exchangeZone = io.sessionflow.calendar.Calendars.byName(exchange).zone();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("exchange", "exchange: " + e.getMessage());
        }
        if (!sessionZone.getRules().equals(exchangeZone.getRules())) {
            // Session hours are the exchange's wall times; another zone would shift them with every DST change.
            throw new ConfigException("session-zone", "session-zone " + sessionZone + " differs from the zone of "
                    + exchange + " (" + exchangeZone + "): session hours are wall times of the exchange");
        }
        historicalBarIntervals = normalise(historicalBarIntervals, true);
        derivedIntervals = normalise(derivedIntervals, false);
        if (!sessionEnd.isAfter(sessionStart)) {
            throw new ConfigException("session-end", "session-end " + sessionEnd + " is not after session-start "
                    + sessionStart);
        }
        long sessionMinutes = Duration.between(sessionStart, sessionEnd).toMinutes();
        if (historicalTrailingSessions < 0) {
            throw new ConfigException("historical-trailing-sessions", "historical-trailing-sessions "
                    + historicalTrailingSessions + " is negative");
        }
        for (Interval i : derivedIntervals) {
            if (i.minutes() > sessionMinutes) {
                throw new ConfigException("derived-intervals", "derived-intervals " + i + " is longer than the "
                        + sessionMinutes + "-minute session " + sessionStart + "-" + sessionEnd);
            }
        }
        for (Interval i : historicalBarIntervals) {
            if (i.minutes() > sessionMinutes) {
                throw new ConfigException("historical-bar-intervals", "historical-bar-intervals " + i
                        + " is longer than the " + sessionMinutes + "-minute session " + sessionStart + "-"
                        + sessionEnd);
            }
        }
        if (historicalTrailingSessions > 0 && historicalBarIntervals.isEmpty()) {
            historicalBarIntervals = List.of(Interval.ONE_MINUTE);
        }
        requirePositive("upkeep-check-interval", upkeepCheckInterval);
        requirePositive("session-end-timeout", sessionEndTimeout);
        requirePositive("refill-timeout", refillTimeout);
        if (upkeepCheckInterval.toSeconds() % 60 != 0 || upkeepCheckInterval.getNano() != 0) {
            throw new ConfigException("upkeep-check-interval", "upkeep-check-interval " + format(upkeepCheckInterval)
                    + " is not a whole number of minutes (completeness is measured in whole 1m bars)");
        }
        if (!Double.isFinite(backtestSpeed) || backtestSpeed < 0) {
            throw new ConfigException("backtest-speed", "backtest-speed " + backtestSpeed
                    + " is not 0 (as fast as possible) or a positive multiple of real time");
        }
        if (quoteRetention <= 0) {
            throw new ConfigException("quote-retention", "quote-retention " + quoteRetention + " is not positive");
        }
        if (tradeRetention <= 0) {
            throw new ConfigException("trade-retention", "trade-retention " + tradeRetention + " is not positive");
        }
    }

    /** The defaults of SPEC.md section 1. */
    public static SessionConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.exchange = exchange;
        b.sessionStart = sessionStart;
        b.sessionEnd = sessionEnd;
        b.sessionZone = sessionZone;
        b.historicalTrailingSessions = historicalTrailingSessions;
        b.historicalBarIntervals = historicalBarIntervals;
        b.derivedIntervals = derivedIntervals;
        b.upkeepCheckInterval = upkeepCheckInterval;
        b.retryMissingBars = retryMissingBars;
        b.fillForward = fillForward;
        b.sessionEndTimeout = sessionEndTimeout;
        b.refillTimeout = refillTimeout;
        b.backtestSpeed = backtestSpeed;
        b.quoteRetention = quoteRetention;
        b.tradeRetention = tradeRetention;
        return b;
    }

    /** 1m plus the derived intervals: every interval the coordinator produces during a session. */
    public List<Interval> sessionIntervals() {
        List<Interval> out = new ArrayList<>();
        out.add(Interval.ONE_MINUTE);
        out.addAll(derivedIntervals);
        return List.copyOf(out);
    }

    /** The settings as key/value text, in key order, for logs and summaries. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("exchange", exchange);
        m.put("session-start", sessionStart.toString());
        m.put("session-end", sessionEnd.toString());
        m.put("session-zone", sessionZone.getId());
        m.put("historical-trailing-sessions", Integer.toString(historicalTrailingSessions));
        m.put("historical-bar-intervals", joinIntervals(historicalBarIntervals));
        m.put("derived-intervals", joinIntervals(derivedIntervals));
        m.put("upkeep-check-interval", format(upkeepCheckInterval));
        m.put("retry-missing-bars", Boolean.toString(retryMissingBars));
        m.put("fill-forward", Boolean.toString(fillForward));
        m.put("session-end-timeout", format(sessionEndTimeout));
        m.put("refill-timeout", format(refillTimeout));
        m.put("backtest-speed", stripZeros(backtestSpeed));
        m.put("quote-retention", Integer.toString(quoteRetention));
        m.put("trade-retention", Integer.toString(tradeRetention));
        return m;
    }

    private static Map<String, String> keys() {
        Map<String, String> k = new LinkedHashMap<>();
        k.put("exchange", "trading calendar (XNYS; NYSE, XNAS and NASDAQ are aliases)");
        k.put("session-start", "session start, wall time HH:MM in session-zone");
        k.put("session-end", "session end (exclusive), wall time HH:MM; early closes cut it");
        k.put("session-zone", "zone of session-start and session-end");
        k.put("historical-trailing-sessions", "trading sessions of history held before each session");
        k.put("historical-bar-intervals", "intervals the history is held in, e.g. [1, 5]");
        k.put("derived-intervals", "intervals built from 1m bars during the session, e.g. [5, 15]");
        k.put("upkeep-check-interval", "completeness check period, whole minutes (e.g. 60s, 5m)");
        k.put("retry-missing-bars", "look up missing minutes in storage (false: only measure quality)");
        k.put("fill-forward", "give confirmed-missing minutes a flat synthetic bar");
        k.put("session-end-timeout", "silence after drained, incomplete streams before a session ends");
        k.put("refill-timeout", "wait for the next session's data at a session change before failing");
        k.put("backtest-speed", "0 = as fast as possible; k = k times real time");
        k.put("quote-retention", "quotes kept per symbol in SessionData");
        k.put("trade-retention", "trades kept per symbol in SessionData");
        return java.util.Collections.unmodifiableMap(k);
    }

    private static List<Interval> normalise(List<Interval> intervals, boolean keepOneMinute) {
        Objects.requireNonNull(intervals, "intervals");
        TreeSet<Interval> sorted = new TreeSet<>(intervals);
        if (!keepOneMinute) {
            sorted.remove(Interval.ONE_MINUTE);  // 1m is the base stream, always present
        }
        return List.copyOf(sorted);
    }

    private static void requirePositive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(key, key + " " + format(d) + " is not positive");
        }
    }

    static String format(Duration d) {
        if (d.toNanosPart() == 0 && d.toMillisPart() == 0) {
            long s = d.getSeconds();
            return s % 60 == 0 && s != 0 ? (s / 60) + "m" : s + "s";
        }
        return d.toMillis() + "ms";
    }

    private static String joinIntervals(List<Interval> intervals) {
        return intervals.stream().map(Interval::toString).reduce((a, b) -> a + "," + b).orElse("");
    }

    /** Plain decimal without trailing zeros: 1 not 1.0, and 1e20 in full rather than clamped to a long. */
    private static String stripZeros(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /**
     * Collects settings by key, then validates them together in {@link #build()}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private String exchange = "XNYS";
        private LocalTime sessionStart = LocalTime.of(9, 30);
        private LocalTime sessionEnd = LocalTime.of(16, 0);
        private ZoneId sessionZone = ZoneId.of("America/New_York");
        private int historicalTrailingSessions;
        private List<Interval> historicalBarIntervals = List.of();
        private List<Interval> derivedIntervals = List.of();
        private Duration upkeepCheckInterval = Duration.ofSeconds(60);
        private boolean retryMissingBars = true;
        private boolean fillForward;
        private Duration sessionEndTimeout = Duration.ofSeconds(60);
        private Duration refillTimeout = Duration.ofSeconds(60);
        private double backtestSpeed;
        private int quoteRetention = 100_000;
        private int tradeRetention = 100_000;

        private final Map<String, BiConsumer<Builder, String>> setters = Map.ofEntries(
                Map.entry("exchange", (b, v) -> b.exchange = v.trim().toUpperCase(Locale.ROOT)),
                Map.entry("session-start", (b, v) -> b.sessionStart = parseTime("session-start", v)),
                Map.entry("session-end", (b, v) -> b.sessionEnd = parseTime("session-end", v)),
                Map.entry("session-zone", (b, v) -> b.sessionZone = parseZone(v)),
                Map.entry("historical-trailing-sessions",
                        (b, v) -> b.historicalTrailingSessions = parseInt("historical-trailing-sessions", v)),
                Map.entry("historical-bar-intervals",
                        (b, v) -> b.historicalBarIntervals = parseIntervals("historical-bar-intervals", v)),
                Map.entry("derived-intervals", (b, v) -> b.derivedIntervals = parseIntervals("derived-intervals", v)),
                Map.entry("upkeep-check-interval",
                        (b, v) -> b.upkeepCheckInterval = parseDuration("upkeep-check-interval", v)),
                Map.entry("retry-missing-bars", (b, v) -> b.retryMissingBars = parseBoolean("retry-missing-bars", v)),
                Map.entry("fill-forward", (b, v) -> b.fillForward = parseBoolean("fill-forward", v)),
                Map.entry("session-end-timeout",
                        (b, v) -> b.sessionEndTimeout = parseDuration("session-end-timeout", v)),
                Map.entry("refill-timeout", (b, v) -> b.refillTimeout = parseDuration("refill-timeout", v)),
                Map.entry("backtest-speed", (b, v) -> b.backtestSpeed = parseDouble("backtest-speed", v)),
                Map.entry("quote-retention", (b, v) -> b.quoteRetention = parseInt("quote-retention", v)),
                Map.entry("trade-retention", (b, v) -> b.tradeRetention = parseInt("trade-retention", v)));

        private Builder() {
        }

        /**
         * Sets {@code key} from its text form. Lists are comma-separated ({@code 5,15}); durations take a unit
         * ({@code 60s}, {@code 5m}, {@code 500ms}) or are seconds when bare.
         *
         * @throws ConfigException naming the key and value when the key is unknown or the value does not parse
         */
        public Builder set(String key, String value) {
            BiConsumer<Builder, String> setter = setters.get(key);
            if (setter == null) {
                throw new ConfigException(key, "unknown key '" + key + "'; known keys: "
                        + String.join(", ", KEYS.keySet()));
            }
            if (value == null) {
                throw new ConfigException(key, key + " has no value");
            }
            setter.accept(this, value);
            return this;
        }

        public Builder exchange(String v) {
            exchange = v;
            return this;
        }

        public Builder sessionHours(LocalTime start, LocalTime end) {
            sessionStart = start;
            sessionEnd = end;
            return this;
        }

        public Builder sessionZone(ZoneId v) {
            sessionZone = v;
            return this;
        }

        public Builder historicalTrailingSessions(int v) {
            historicalTrailingSessions = v;
            return this;
        }

        public Builder historicalBarIntervals(List<Interval> v) {
            historicalBarIntervals = v;
            return this;
        }

        public Builder derivedIntervals(List<Interval> v) {
            derivedIntervals = v;
            return this;
        }

        public Builder upkeepCheckInterval(Duration v) {
            upkeepCheckInterval = v;
            return this;
        }

        public Builder retryMissingBars(boolean v) {
            retryMissingBars = v;
            return this;
        }

        public Builder fillForward(boolean v) {
            fillForward = v;
            return this;
        }

        public Builder sessionEndTimeout(Duration v) {
            sessionEndTimeout = v;
            return this;
        }

        public Builder refillTimeout(Duration v) {
            refillTimeout = v;
            return this;
        }

        public Builder backtestSpeed(double v) {
            backtestSpeed = v;
            return this;
        }

        public Builder quoteRetention(int v) {
            quoteRetention = v;
            return this;
        }

        public Builder tradeRetention(int v) {
            tradeRetention = v;
            return this;
        }

        /**
         * The validated configuration.
         *
         * @throws ConfigException naming the key and value of the first impossible setting
         */
        public SessionConfig build() {
            return new SessionConfig(exchange, sessionStart, sessionEnd, sessionZone, historicalTrailingSessions,
                    historicalBarIntervals, derivedIntervals, upkeepCheckInterval, retryMissingBars, fillForward,
                    sessionEndTimeout, refillTimeout, backtestSpeed, quoteRetention, tradeRetention);
        }

        private static LocalTime parseTime(String key, String v) {
            try {
                return LocalTime.parse(v.trim());
            } catch (DateTimeParseException e) {
                throw new ConfigException(key, key + " '" + v + "' is not a wall time HH:MM");
            }
        }

        private static ZoneId parseZone(String v) {
            try {
                return ZoneId.of(v.trim());
            } catch (java.time.DateTimeException e) {
                throw new ConfigException("session-zone", "session-zone '" + v + "' is not a time zone id");
            }
        }

        private static int parseInt(String key, String v) {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, key + " '" + v + "' is not a whole number");
            }
        }

        private static double parseDouble(String key, String v) {
            try {
                return Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key, key + " '" + v + "' is not a number");
            }
        }

        private static boolean parseBoolean(String key, String v) {
            return switch (v.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> true;
                case "false", "no", "off" -> false;
                default -> throw new ConfigException(key, key + " '" + v + "' is not true or false");
            };
        }

        private static List<Interval> parseIntervals(String key, String v) {
            String t = v.trim();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            if (t.isBlank()) {
                return List.of();
            }
            List<Interval> out = new ArrayList<>();
            for (String part : Arrays.asList(t.split(","))) {
                try {
                    out.add(Interval.parse(part));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key, key + " '" + v + "': " + e.getMessage());
                }
            }
            return out;
        }

        private static Duration parseDuration(String key, String v) {
            String t = v.trim().toLowerCase(Locale.ROOT);
            try {
                if (t.startsWith("pt")) {
                    return Duration.parse(t.toUpperCase(Locale.ROOT));
                }
                if (t.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
                }
                if (t.endsWith("s")) {
                    return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
                }
                if (t.endsWith("m")) {
                    return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
                }
                if (t.endsWith("h")) {
                    return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
                }
                return Duration.ofSeconds(Long.parseLong(t));
            } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {  // overflow too
                throw new ConfigException(key, key + " '" + v + "' is not a duration (e.g. 60s, 5m, 500ms)");
            }
        }
    }
}
