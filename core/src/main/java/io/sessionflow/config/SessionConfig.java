package io.sessionflow.config;

import static io.sessionflow.config.ConfigKeys.BACKTEST_SPEED;
import static io.sessionflow.config.ConfigKeys.DERIVED_ALIGNMENT;
import static io.sessionflow.config.ConfigKeys.DERIVED_INTERVALS;
import static io.sessionflow.config.ConfigKeys.EXCHANGE;
import static io.sessionflow.config.ConfigKeys.FILL_FORWARD;
import static io.sessionflow.config.ConfigKeys.HISTORICAL_BAR_INTERVALS;
import static io.sessionflow.config.ConfigKeys.HISTORICAL_TRAILING_SESSIONS;
import static io.sessionflow.config.ConfigKeys.NORMALIZATION;
import static io.sessionflow.config.ConfigKeys.QUALITY_SEGMENTS;
import static io.sessionflow.config.ConfigKeys.QUOTE_RETENTION;
import static io.sessionflow.config.ConfigKeys.REFILL_TIMEOUT;
import static io.sessionflow.config.ConfigKeys.RETRY_MISSING_BARS;
import static io.sessionflow.config.ConfigKeys.SEGMENTS;
import static io.sessionflow.config.ConfigKeys.SESSION_END;
import static io.sessionflow.config.ConfigKeys.SESSION_END_TIMEOUT;
import static io.sessionflow.config.ConfigKeys.SESSION_START;
import static io.sessionflow.config.ConfigKeys.SESSION_ZONE;
import static io.sessionflow.config.ConfigKeys.TRADE_RETENTION;
import static io.sessionflow.config.ConfigKeys.UPKEEP_CHECK_INTERVAL;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.config.ConfigKeys.Setting;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.domain.Interval;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every setting of a data manager, validated as a whole. Defaults are those of SPEC.md section 1: session
 * 09:30-16:00 on XNYS (wall times of the exchange, America/New_York), no trailing history, no derived intervals,
 * upkeep check every 60 s, missing bars retried, session-end timeout 60 s, backtest speed 0 (as fast as possible).
 *
 * <p>Build from keys with {@link #builder()} and {@link Builder#set(String, String)}: the same keys serve the YAML
 * file and the command-line flags. {@link ConfigKeys} is the table of keys; {@link #KEYS} lists them with their
 * meaning.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param exchange                   calendar MIC, e.g. {@code XNYS} (trimmed, upper case)
 * @param sessionStart               session start, wall time of the exchange
 * @param sessionEnd                 session end (exclusive), wall time of the exchange; early closes cut it
 * @param historicalTrailingSessions trading sessions of history kept before the current one
 * @param historicalBarIntervals     intervals the history is kept in (1m and/or derived, same alignment as live)
 * @param derivedIntervals           intervals built from 1m bars during the session (1m itself is implied); at
 *                                   most {@link #MAX_DERIVED_INTERVALS}
 * @param segments                   the parts of the calendar's sessions the data manager's window keeps (its window
 *                                   runs from the first kept part's start to the last one's end); all by default,
 *                                   i.e. whatever the calendar gives (regular hours only for XNYS 09:30-16:00,
 *                                   pre-market, market and post-market with extended session hours)
 * @param qualitySegments            the kept parts whose minutes are expected: counted in quality, looked up when
 *                                   missing, repaired and filled forward; the others' bars are kept and delivered
 *                                   but an absent one is not missing. Halts are never expected. A subset of
 *                                   {@code segments}; the regular market by default
 * @param derivedAlignment           where derived windows are anchored: the session open or the market open
 * @param upkeepCheckInterval        how often the upkeep thread checks completeness (simulated time in backtests)
 * @param retryMissingBars           whether missing minutes are looked up in storage (else only measured)
 * @param fillForward                whether confirmed-missing minutes get a flat synthetic bar
 * @param sessionEndTimeout          how long drained, not-complete streams may stay silent before the session ends
 * @param refillTimeout              how long the coordinator waits for the next session's data at a session change
 * @param backtestSpeed              0 = as fast as possible, k &gt; 0 = k times real time
 * @param quoteRetention             quotes kept per symbol in SessionData; older ones are dropped and counted
 * @param tradeRetention             trades kept per symbol in SessionData; older ones are dropped and counted
 * @param normalization              the price normalization of symbols the run has factors for and gives no mode
 *                                   of their own ({@code DataManager.Builder#normalization}); raw by default
 */
public record SessionConfig(
        String exchange,
        LocalTime sessionStart,
        LocalTime sessionEnd,
        int historicalTrailingSessions,
        List<Interval> historicalBarIntervals,
        List<Interval> derivedIntervals,
        Set<SessionSegment.Kind> segments,
        Set<SessionSegment.Kind> qualitySegments,
        DerivedAlignment derivedAlignment,
        Duration upkeepCheckInterval,
        boolean retryMissingBars,
        boolean fillForward,
        Duration sessionEndTimeout,
        Duration refillTimeout,
        double backtestSpeed,
        int quoteRetention,
        int tradeRetention,
        Normalization normalization) {

    /** Each key with a one-line description, in the order of the record. */
    public static final Map<String, String> KEYS = ConfigKeys.help();

    /**
     * Derived intervals a session may have besides 1m: each derived bar of a minute is reported as one bit of an
     * {@code int} mask.
     */
    public static final int MAX_DERIVED_INTERVALS = 31;

    public SessionConfig {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(sessionStart, "sessionStart");
        Objects.requireNonNull(sessionEnd, "sessionEnd");
        Objects.requireNonNull(upkeepCheckInterval, "upkeepCheckInterval");
        Objects.requireNonNull(sessionEndTimeout, "sessionEndTimeout");
        Objects.requireNonNull(refillTimeout, "refillTimeout");
        Objects.requireNonNull(derivedAlignment, "derivedAlignment");
        Objects.requireNonNull(normalization, "normalization");
        segments = kinds(segments, SEGMENTS);
        qualitySegments = kinds(qualitySegments, QUALITY_SEGMENTS);
        if (!segments.containsAll(qualitySegments)) {
            throw QUALITY_SEGMENTS.error(ConfigValues.segmentsText(qualitySegments) + " is not within "
                    + SEGMENTS.key() + " " + ConfigValues.segmentsText(segments)
                    + " (a part the window leaves out cannot be expected)");
        }
        exchange = exchange.trim().toUpperCase(Locale.ROOT);
        if (exchange.isEmpty()) {
            throw EXCHANGE.error("is blank");
        }
        historicalBarIntervals = normalise(historicalBarIntervals, true);
        derivedIntervals = normalise(derivedIntervals, false);
        if (!sessionEnd.isAfter(sessionStart)) {
            throw SESSION_END.error(sessionEnd + " is not after " + SESSION_START.key() + " " + sessionStart);
        }
        long sessionMinutes = Duration.between(sessionStart, sessionEnd).toMinutes();
        if (historicalTrailingSessions < 0) {
            throw HISTORICAL_TRAILING_SESSIONS.error(historicalTrailingSessions + " is negative");
        }
        if (derivedIntervals.size() > MAX_DERIVED_INTERVALS) {
            throw DERIVED_INTERVALS.error("has " + derivedIntervals.size() + " intervals besides 1m; at most "
                    + MAX_DERIVED_INTERVALS + " are supported");
        }
        requireWithinSession(DERIVED_INTERVALS, derivedIntervals, sessionMinutes, sessionStart, sessionEnd);
        requireWithinSession(HISTORICAL_BAR_INTERVALS, historicalBarIntervals, sessionMinutes, sessionStart,
                sessionEnd);
        if (historicalTrailingSessions > 0 && historicalBarIntervals.isEmpty()) {
            historicalBarIntervals = List.of(Interval.ONE_MINUTE);
        }
        requirePositive(UPKEEP_CHECK_INTERVAL, upkeepCheckInterval);
        requirePositive(SESSION_END_TIMEOUT, sessionEndTimeout);
        requirePositive(REFILL_TIMEOUT, refillTimeout);
        if (upkeepCheckInterval.toSeconds() % 60 != 0 || upkeepCheckInterval.getNano() != 0) {
            throw UPKEEP_CHECK_INTERVAL.error(ConfigValues.durationText(upkeepCheckInterval)
                    + " is not a whole number of minutes (completeness is measured in whole 1m bars)");
        }
        if (!Double.isFinite(backtestSpeed) || backtestSpeed < 0) {
            throw BACKTEST_SPEED.error(backtestSpeed
                    + " is not 0 (as fast as possible) or a positive multiple of real time");
        }
        if (quoteRetention <= 0) {
            throw QUOTE_RETENTION.error(quoteRetention + " is not positive");
        }
        if (tradeRetention <= 0) {
            throw TRADE_RETENTION.error(tradeRetention + " is not positive");
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
        ConfigKeys.ALL.forEach(s -> b.copy(s, this));
        return b;
    }

    /**
     * {@code calendar} with this configuration's session hours. The default hours (09:30-16:00, XNYS's regular
     * session) stand for the exchange's own, so the calendar is returned unchanged and CMES, FX, 24/7 or a LEAN
     * calendar work without hours configured; other hours go to {@link TradingCalendar#withSessionHours}, which
     * refuses them for calendars whose sessions are not hours of one day.
     */
    private TradingCalendar withSessionHours(TradingCalendar calendar) {
        Objects.requireNonNull(calendar, "calendar");
        if (sessionStart.equals(SESSION_START.dflt()) && sessionEnd.equals(SESSION_END.dflt())) {
            return calendar;
        }
        return calendar.withSessionHours(sessionStart, sessionEnd);
    }

    /** 1m plus the derived intervals: every interval the coordinator produces during a session. */
    public List<Interval> sessionIntervals() {
        List<Interval> out = new ArrayList<>();
        out.add(Interval.ONE_MINUTE);
        out.addAll(derivedIntervals);
        return List.copyOf(out);
    }

    /**
     * The calendar the data manager runs on: {@code exchange} with the configured session hours, its sessions cut to
     * the configured {@link #segments()} (the identity with the default, every segment).
     */
    public TradingCalendar calendar(TradingCalendar exchange) {
        return SegmentCalendar.of(withSessionHours(exchange), segments);
    }

    /** The settings as key/value text, in key order, for logs and summaries; {@link Builder#set} reads it back. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        ConfigKeys.ALL.forEach(s -> m.put(s.key(), s.text(this)));
        return m;
    }

    /** An unmodifiable copy of a non-empty set of segment kinds. */
    private static Set<SessionSegment.Kind> kinds(Set<SessionSegment.Kind> kinds, Setting<?> setting) {
        Objects.requireNonNull(kinds, setting.key());
        if (kinds.isEmpty()) {
            throw setting.error("is empty; name at least one of premarket, market, postmarket");
        }
        return Collections.unmodifiableSet(EnumSet.copyOf(kinds));
    }

    private static List<Interval> normalise(List<Interval> intervals, boolean keepOneMinute) {
        Objects.requireNonNull(intervals, "intervals");
        TreeSet<Interval> sorted = new TreeSet<>(intervals);
        if (!keepOneMinute) {
            sorted.remove(Interval.ONE_MINUTE);  // 1m is the base stream, always present
        }
        return List.copyOf(sorted);
    }

    private static void requireWithinSession(Setting<List<Interval>> setting, List<Interval> intervals,
                                             long sessionMinutes, LocalTime start, LocalTime end) {
        for (Interval i : intervals) {
            if (i.minutes() > sessionMinutes) {
                throw setting.error(i + " is longer than the " + sessionMinutes + "-minute session " + start + "-"
                        + end);
            }
        }
    }

    private static void requirePositive(Setting<Duration> setting, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw setting.error(ConfigValues.durationText(d) + " is not positive");
        }
    }

    /**
     * Collects settings by key, then validates them together in {@link #build()}.
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {

        /** Values set so far; a setting not in here has its default. */
        private final Map<Setting<?>, Object> values = new HashMap<>();
        private ZoneId deprecatedZone;
        private Map<String, String> warnings = Map.of();

        private Builder() {
        }

        /**
         * Sets {@code key} from its text form. Lists are comma-separated ({@code 5,15}); durations take a unit
         * ({@code 60s}, {@code 5m}, {@code 500ms}) or are seconds when bare.
         *
         * @throws ConfigException naming the key and value when the key is unknown or the value does not parse
         */
        public Builder set(String key, String value) {
            if (SESSION_ZONE.equals(key)) {
                deprecatedZone = parseDeprecatedZone(value);
                return this;
            }
            Setting<?> setting = ConfigKeys.find(key).orElseThrow(() -> unknownKey(key));
            if (value == null) {
                throw new ConfigException(key, key + " has no value");
            }
            return read(setting, value);
        }

        /**
         * Notes on deprecated keys used by the last {@link #build()}, one line each by key: the caller shows them
         * (the command line logs them with file and line).
         */
        public Map<String, String> warnings() {
            return warnings;
        }

        public Builder exchange(String v) {
            return put(EXCHANGE, v);
        }

        public Builder sessionHours(LocalTime start, LocalTime end) {
            return put(SESSION_START, start).put(SESSION_END, end);
        }

        public Builder historicalTrailingSessions(int v) {
            return put(HISTORICAL_TRAILING_SESSIONS, v);
        }

        public Builder historicalBarIntervals(List<Interval> v) {
            return put(HISTORICAL_BAR_INTERVALS, v);
        }

        public Builder derivedIntervals(List<Interval> v) {
            return put(DERIVED_INTERVALS, v);
        }

        public Builder segments(Set<SessionSegment.Kind> v) {
            return put(SEGMENTS, v);
        }

        public Builder qualitySegments(Set<SessionSegment.Kind> v) {
            return put(QUALITY_SEGMENTS, v);
        }

        public Builder derivedAlignment(DerivedAlignment v) {
            return put(DERIVED_ALIGNMENT, v);
        }

        public Builder upkeepCheckInterval(Duration v) {
            return put(UPKEEP_CHECK_INTERVAL, v);
        }

        public Builder retryMissingBars(boolean v) {
            return put(RETRY_MISSING_BARS, v);
        }

        public Builder fillForward(boolean v) {
            return put(FILL_FORWARD, v);
        }

        public Builder sessionEndTimeout(Duration v) {
            return put(SESSION_END_TIMEOUT, v);
        }

        public Builder refillTimeout(Duration v) {
            return put(REFILL_TIMEOUT, v);
        }

        public Builder backtestSpeed(double v) {
            return put(BACKTEST_SPEED, v);
        }

        public Builder quoteRetention(int v) {
            return put(QUOTE_RETENTION, v);
        }

        public Builder tradeRetention(int v) {
            return put(TRADE_RETENTION, v);
        }

        public Builder normalization(Normalization v) {
            return put(NORMALIZATION, v);
        }

        /**
         * The validated configuration. The exchange is looked up here rather than in the record, so that the
         * value object does no registry lookup; a deprecated {@code session-zone} is checked against its zone.
         *
         * @throws ConfigException naming the key and value of the first impossible setting
         */
        public SessionConfig build() {
            String exchange = get(EXCHANGE);
            if (exchange != null) {
                requireKnownExchange(exchange);
            }
            SessionConfig config = new SessionConfig(exchange, get(SESSION_START), get(SESSION_END),
                    get(HISTORICAL_TRAILING_SESSIONS), get(HISTORICAL_BAR_INTERVALS), get(DERIVED_INTERVALS),
                    get(SEGMENTS), get(QUALITY_SEGMENTS), get(DERIVED_ALIGNMENT), get(UPKEEP_CHECK_INTERVAL), get(RETRY_MISSING_BARS), get(FILL_FORWARD),
                    get(SESSION_END_TIMEOUT), get(REFILL_TIMEOUT), get(BACKTEST_SPEED), get(QUOTE_RETENTION),
                    get(TRADE_RETENTION), get(NORMALIZATION));
            warnings = deprecatedZone == null ? Map.of() : checkDeprecatedZone(config.exchange());
            return config;
        }

        private <T> Builder put(Setting<T> setting, T value) {
            values.put(setting, value);
            return this;
        }

        private <T> Builder read(Setting<T> setting, String text) {
            return put(setting, setting.read(text));
        }

        private <T> void copy(Setting<T> setting, SessionConfig from) {
            put(setting, setting.get().apply(from));
        }

        /** The value of {@code setting}: set ones are stored through {@link #put}, typed by their setting. */
        @SuppressWarnings("unchecked")
        private <T> T get(Setting<T> setting) {
            return values.containsKey(setting) ? (T) values.get(setting) : setting.dflt();
        }

        private static ConfigException unknownKey(String key) {
            String hint = ConfigKeys.suggest(key).map(k -> "; did you mean '" + k + "'?")
                    .orElseGet(() -> "; known keys: " + String.join(", ", KEYS.keySet()));
            return new ConfigException(key, "unknown key " + ConfigValues.quote(key) + hint);
        }

        private static void requireKnownExchange(String exchange) {
            try {
                Calendars.byName(exchange);
            } catch (IllegalArgumentException e) {
                // Calendars' own message would repeat the whole value, however long.
                throw new ConfigException(EXCHANGE.key(), EXCHANGE.key() + ": unknown exchange "
                        + ConfigValues.quote(exchange) + "; known: " + String.join(", ", Calendars.names()));
            }
        }

        private static ZoneId parseDeprecatedZone(String value) {
            if (value == null) {
                throw new ConfigException(SESSION_ZONE, SESSION_ZONE + " has no value");
            }
            try {
                return ConfigValues.parseZone(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(SESSION_ZONE, SESSION_ZONE + " " + e.getMessage());
            }
        }

        private Map<String, String> checkDeprecatedZone(String exchange) {
            ZoneId exchangeZone = Calendars.byName(exchange).zone();
            if (!deprecatedZone.getRules().equals(exchangeZone.getRules())) {
                // Session hours are the exchange's wall times; another zone would shift them with every DST change.
                throw new ConfigException(SESSION_ZONE, SESSION_ZONE + " " + deprecatedZone + " differs from the "
                        + "zone of " + exchange + " (" + exchangeZone + "): session hours are wall times of the "
                        + "exchange");
            }
            return Map.of(SESSION_ZONE, SESSION_ZONE + " is deprecated and ignored (session hours are always wall "
                    + "times of " + exchange + ", " + exchangeZone + "); remove it");
        }
    }
}
