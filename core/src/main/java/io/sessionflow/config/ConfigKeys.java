package io.sessionflow.config;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.corporate.Normalization;
import io.sessionflow.domain.Interval;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one table of {@link SessionConfig}'s settings: each key with its help text, default, parser, accessor and
 * text form. {@link SessionConfig#KEYS}, {@link SessionConfig#describe()}, {@link SessionConfig.Builder#set} and
 * {@link SessionConfig#toBuilder()} are derived from it: a new setting is a row here, a record component (with
 * its validation, if any) and its argument in {@link SessionConfig.Builder#build()}.
 *
 * <p>Immutable; safe to share between threads.
 */
public final class ConfigKeys {

    /**
     * Reads a setting's value from text.
     *
     * @param <T> the value type
     */
    @FunctionalInterface
    public interface Parser<T> {
        /**
         * The value of {@code text}.
         *
         * @throws IllegalArgumentException describing the value (quoted first), not the key
         */
        T parse(String text);
    }

    /**
     * One setting.
     *
     * @param key    the key of files and flags, e.g. {@code derived-intervals}
     * @param help   one line for listings
     * @param dflt   the default of SPEC.md section 1
     * @param parse  reads the value from text
     * @param get    the value in a configuration
     * @param format the value as text that {@code parse} reads back to the same value
     * @param <T>    the value type
     */
    public record Setting<T>(String key, String help, T dflt, Parser<T> parse, Function<SessionConfig, T> get,
                             Function<T, String> format) {

        /** The value of {@code text}, or a {@link ConfigException} naming this key and the value. */
        public T read(String text) {
            try {
                return parse.parse(text);
            } catch (IllegalArgumentException e) {
                throw error(e.getMessage());
            }
        }

        /** This setting of {@code config} as text. */
        public String text(SessionConfig config) {
            return format.apply(get.apply(config));
        }

        /** An error about this setting: {@code "<key> <problem>"}. */
        public ConfigException error(String problem) {
            return new ConfigException(key, key + " " + problem);
        }
    }

    private static final Set<SessionSegment.Kind> ALL_SEGMENTS =
            Collections.unmodifiableSet(EnumSet.allOf(SessionSegment.Kind.class));
    private static final Set<SessionSegment.Kind> REGULAR_ONLY =
            Collections.unmodifiableSet(EnumSet.of(SessionSegment.Kind.MARKET));

    public static final Setting<String> EXCHANGE = new Setting<>("exchange",
            "trading calendar (XNYS; NYSE, XNAS and NASDAQ are aliases)", "XNYS",
            v -> v.trim().toUpperCase(Locale.ROOT), SessionConfig::exchange, v -> v);
    public static final Setting<LocalTime> SESSION_START = new Setting<>("session-start",
            "session start, wall time HH:MM of the exchange", LocalTime.of(9, 30),
            ConfigValues::parseTime, SessionConfig::sessionStart, LocalTime::toString);
    public static final Setting<LocalTime> SESSION_END = new Setting<>("session-end",
            "session end (exclusive), wall time HH:MM; early closes cut it", LocalTime.of(16, 0),
            ConfigValues::parseTime, SessionConfig::sessionEnd, LocalTime::toString);
    public static final Setting<Integer> HISTORICAL_TRAILING_SESSIONS = new Setting<>("historical-trailing-sessions",
            "trading sessions of history held before each session", 0,
            ConfigValues::parseInt, SessionConfig::historicalTrailingSessions, String::valueOf);
    public static final Setting<List<Interval>> HISTORICAL_BAR_INTERVALS = new Setting<>("historical-bar-intervals",
            "intervals the history is held in, e.g. [1, 5]", List.of(),
            ConfigValues::parseIntervals, SessionConfig::historicalBarIntervals, ConfigValues::intervalsText);
    public static final Setting<List<Interval>> DERIVED_INTERVALS = new Setting<>("derived-intervals",
            "intervals built from 1m bars during the session, e.g. [5, 15]", List.of(),
            ConfigValues::parseIntervals, SessionConfig::derivedIntervals, ConfigValues::intervalsText);
    public static final Setting<Set<SessionSegment.Kind>> SEGMENTS = new Setting<>("segments",
            "parts of the calendar's sessions the window keeps, e.g. [premarket, market, postmarket]",
            ALL_SEGMENTS, ConfigValues::parseSegments, SessionConfig::segments, ConfigValues::segmentsText);
    public static final Setting<Set<SessionSegment.Kind>> QUALITY_SEGMENTS = new Setting<>("quality-segments",
            "parts whose minutes are expected (missing, repaired, in quality), e.g. [market]", REGULAR_ONLY,
            ConfigValues::parseSegments, SessionConfig::qualitySegments, ConfigValues::segmentsText);
    public static final Setting<DerivedAlignment> DERIVED_ALIGNMENT = new Setting<>("derived-alignment",
            "derived windows from the session-open or the market-open", DerivedAlignment.SESSION_OPEN,
            DerivedAlignment::of, SessionConfig::derivedAlignment, DerivedAlignment::label);
    public static final Setting<Duration> UPKEEP_CHECK_INTERVAL = new Setting<>("upkeep-check-interval",
            "completeness check period, whole minutes (e.g. 60s, 5m)", Duration.ofSeconds(60),
            ConfigValues::parseDuration, SessionConfig::upkeepCheckInterval, ConfigValues::durationText);
    public static final Setting<Boolean> RETRY_MISSING_BARS = new Setting<>("retry-missing-bars",
            "look up missing minutes in storage (false: only measure quality)", true,
            ConfigValues::parseBoolean, SessionConfig::retryMissingBars, String::valueOf);
    public static final Setting<Boolean> FILL_FORWARD = new Setting<>("fill-forward",
            "give confirmed-missing minutes a flat synthetic bar", false,
            ConfigValues::parseBoolean, SessionConfig::fillForward, String::valueOf);
    public static final Setting<Duration> SESSION_END_TIMEOUT = new Setting<>("session-end-timeout",
            "silence after drained, incomplete streams before a session ends", Duration.ofSeconds(60),
            ConfigValues::parseDuration, SessionConfig::sessionEndTimeout, ConfigValues::durationText);
    public static final Setting<Duration> REFILL_TIMEOUT = new Setting<>("refill-timeout",
            "wait for the next session's data at a session change before failing", Duration.ofSeconds(60),
            ConfigValues::parseDuration, SessionConfig::refillTimeout, ConfigValues::durationText);
    public static final Setting<Double> BACKTEST_SPEED = new Setting<>("backtest-speed",
            "0 = as fast as possible; k = k times real time", 0.0,
            ConfigValues::parseDouble, SessionConfig::backtestSpeed, ConfigValues::decimalText);
    public static final Setting<Integer> QUOTE_RETENTION = new Setting<>("quote-retention",
            "quotes kept per symbol in SessionData", 100_000,
            ConfigValues::parseInt, SessionConfig::quoteRetention, String::valueOf);
    public static final Setting<Integer> TRADE_RETENTION = new Setting<>("trade-retention",
            "trades kept per symbol in SessionData", 100_000,
            ConfigValues::parseInt, SessionConfig::tradeRetention, String::valueOf);
    public static final Setting<Normalization> NORMALIZATION = new Setting<>("normalization",
            "prices of symbols with factors: raw, split-adjusted or adjusted (splits and dividends)",
            Normalization.RAW, Normalization::of, SessionConfig::normalization, Normalization::label);

    /** Every setting, in the order of {@link SessionConfig}'s components. */
    public static final List<Setting<?>> ALL = List.of(EXCHANGE, SESSION_START, SESSION_END,
            HISTORICAL_TRAILING_SESSIONS, HISTORICAL_BAR_INTERVALS, DERIVED_INTERVALS, SEGMENTS, QUALITY_SEGMENTS,
            DERIVED_ALIGNMENT, UPKEEP_CHECK_INTERVAL, RETRY_MISSING_BARS, FILL_FORWARD, SESSION_END_TIMEOUT,
            REFILL_TIMEOUT, BACKTEST_SPEED, QUOTE_RETENTION, TRADE_RETENTION, NORMALIZATION);

    /**
     * Deprecated: the zone of the session hours, which may only be the exchange's. Old files still set it: it is
     * accepted, with a warning, when it equals the exchange's zone (see {@link SessionConfig.Builder#warnings()}).
     */
    public static final String SESSION_ZONE = "session-zone";

    /** Keys longer than this get no suggestion: nobody mistypes a key into a paragraph. */
    private static final int MAX_SUGGESTED_FROM = 64;

    private static final Map<String, Setting<?>> BY_KEY = byKey();

    private ConfigKeys() {
    }

    /** The setting of {@code key}, if it is one (deprecated keys are not). */
    public static Optional<Setting<?>> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** Every key with its help text, in table order. */
    public static Map<String, String> help() {
        Map<String, String> m = new LinkedHashMap<>();
        ALL.forEach(s -> m.put(s.key(), s.help()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * The key {@code unknown} was probably meant to be: the one key within a small edit distance (ignoring case
     * and {@code _} for {@code -}), else the one key that contains all of its words ({@code speed} is
     * {@code backtest-speed}). Empty when there is no such key or more than one.
     */
    public static Optional<String> suggest(String unknown) {
        if (unknown == null || unknown.isBlank() || unknown.length() > MAX_SUGGESTED_FROM) {
            return Optional.empty();
        }
        String u = unknown.trim().toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        int limit = Math.max(1, Math.min(3, u.length() / 5));
        List<String> nearest = new ArrayList<>();
        int best = Integer.MAX_VALUE;
        for (String key : BY_KEY.keySet()) {
            int d = distance(u, key);
            if (d < best) {
                best = d;
                nearest.clear();
            }
            if (d == best) {
                nearest.add(key);
            }
        }
        if (best <= limit && nearest.size() == 1) {
            return Optional.of(nearest.get(0));
        }
        Set<String> words = Set.of(u.split("-+"));
        List<String> containing = BY_KEY.keySet().stream()
                .filter(key -> Arrays.asList(key.split("-")).containsAll(words))
                .toList();
        return containing.size() == 1 ? Optional.of(containing.get(0)) : Optional.empty();
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(substitute, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    private static Map<String, Setting<?>> byKey() {
        Map<String, Setting<?>> m = new LinkedHashMap<>();
        for (Setting<?> s : ALL) {
            if (m.put(s.key(), s) != null) {
                throw new IllegalStateException("key " + s.key() + " is in the table twice");
            }
        }
        return Collections.unmodifiableMap(m);
    }
}
