package io.sessionflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.domain.Interval;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class SessionConfigTest {

    private static List<Interval> intervals(int... minutes) {
        return Arrays.stream(minutes).mapToObj(Interval::ofMinutes).toList();
    }

    /** A value other than the default for every key, and what it sets. */
    private record Setting(String value, Function<SessionConfig, Object> getter, Object expected) {
    }

    private static final Map<String, Setting> NON_DEFAULT = nonDefault();

    private static Map<String, Setting> nonDefault() {
        Map<String, Setting> m = new LinkedHashMap<>();
        m.put("exchange", new Setting("nasdaq", SessionConfig::exchange, "NASDAQ"));
        m.put("session-start", new Setting("04:00", SessionConfig::sessionStart, LocalTime.of(4, 0)));
        m.put("session-end", new Setting("20:00", SessionConfig::sessionEnd, LocalTime.of(20, 0)));
        m.put("historical-trailing-sessions", new Setting("3", SessionConfig::historicalTrailingSessions, 3));
        m.put("historical-bar-intervals", new Setting("1,5", SessionConfig::historicalBarIntervals, intervals(1, 5)));
        m.put("derived-intervals", new Setting("5,15", SessionConfig::derivedIntervals, intervals(5, 15)));
        m.put("segments", new Setting("[market, postmarket]", SessionConfig::segments,
                EnumSet.of(SessionSegment.Kind.MARKET, SessionSegment.Kind.POSTMARKET)));
        m.put("quality-segments", new Setting("postmarket,market", SessionConfig::qualitySegments,
                EnumSet.of(SessionSegment.Kind.MARKET, SessionSegment.Kind.POSTMARKET)));
        m.put("derived-alignment", new Setting("market-open", SessionConfig::derivedAlignment,
                DerivedAlignment.MARKET_OPEN));
        m.put("upkeep-check-interval", new Setting("5m", SessionConfig::upkeepCheckInterval, Duration.ofMinutes(5)));
        m.put("retry-missing-bars", new Setting("false", SessionConfig::retryMissingBars, false));
        m.put("fill-forward", new Setting("true", SessionConfig::fillForward, true));
        m.put("session-end-timeout", new Setting("90s", SessionConfig::sessionEndTimeout, Duration.ofSeconds(90)));
        m.put("refill-timeout", new Setting("500ms", SessionConfig::refillTimeout, Duration.ofMillis(500)));
        m.put("backtest-speed", new Setting("2.5", SessionConfig::backtestSpeed, 2.5));
        m.put("quote-retention", new Setting("10", SessionConfig::quoteRetention, 10));
        m.put("trade-retention", new Setting("20", SessionConfig::tradeRetention, 20));
        m.put("normalization", new Setting("split-adjusted", SessionConfig::normalization,
                io.sessionflow.corporate.Normalization.SPLIT_ADJUSTED));
        return m;
    }

    @Test
    void defaultsAreThoseOfTheSpec() {
        SessionConfig d = SessionConfig.defaults();
        assertThat(d.exchange()).isEqualTo("XNYS");
        assertThat(d.sessionStart()).isEqualTo("09:30");
        assertThat(d.sessionEnd()).isEqualTo("16:00");
        assertThat(d.historicalTrailingSessions()).isZero();
        assertThat(d.historicalBarIntervals()).isEmpty();
        assertThat(d.derivedIntervals()).isEmpty();
        assertThat(d.upkeepCheckInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.retryMissingBars()).isTrue();
        assertThat(d.fillForward()).isFalse();
        assertThat(d.sessionEndTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.backtestSpeed()).isZero();
        assertThat(d.sessionIntervals()).containsExactly(Interval.ONE_MINUTE);
    }

    @Test
    void theTestCoversEveryKey() {
        assertThat(NON_DEFAULT.keySet()).containsExactlyElementsOf(SessionConfig.KEYS.keySet());
        assertThat(SessionConfig.defaults().describe().keySet())
                .containsExactlyElementsOf(SessionConfig.KEYS.keySet());
        assertThat(SessionConfig.KEYS.values()).allSatisfy(description -> assertThat(description).isNotBlank());
    }

    static Stream<Arguments> everyKey() {
        return NON_DEFAULT.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKey")
    void everyKeyIsSettableFromText(String key, Setting setting) {
        SessionConfig c = SessionConfig.builder().set(key, setting.value()).build();
        assertThat(setting.getter().apply(c)).isEqualTo(setting.expected());
        assertThat(setting.getter().apply(SessionConfig.defaults())).isNotEqualTo(setting.expected());
    }

    @Test
    void describeGivesTextThatSetsTheSameConfiguration() {
        SessionConfig.Builder b = SessionConfig.builder();
        NON_DEFAULT.forEach((key, setting) -> b.set(key, setting.value()));
        SessionConfig all = b.build();
        SessionConfig.Builder again = SessionConfig.builder();
        all.describe().forEach(again::set);
        assertThat(again.build()).isEqualTo(all);
        assertThat(all.toBuilder().build()).isEqualTo(all);
        assertThat(all.toBuilder().fillForward(false).build()).isEqualTo(all.toBuilder().set("fill-forward", "no")
                .build()).isNotEqualTo(all);
        assertThat(all.describe()).containsEntry("upkeep-check-interval", "5m")
                .containsEntry("refill-timeout", "500ms")
                .containsEntry("backtest-speed", "2.5")
                .containsEntry("derived-intervals", "5m,15m");
        assertThat(SessionConfig.defaults().describe()).containsEntry("backtest-speed", "0")
                .containsEntry("session-end-timeout", "1m")
                .containsEntry("derived-intervals", "");
    }

    @ParameterizedTest
    @CsvSource({"1e20, 100000000000000000000", "60, 60", "0.25, 0.25"})
    void describeWritesTheBacktestSpeedExactly(double speed, String text) {
        SessionConfig c = SessionConfig.builder().backtestSpeed(speed).build();
        assertThat(c.describe()).containsEntry("backtest-speed", text);
        assertThat(SessionConfig.builder().set("backtest-speed", text).build().backtestSpeed()).isEqualTo(speed);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "60s    | PT60S", "5m | PT5M", "2h | PT2H", "500ms | PT0.5S", "30 | PT30S", "PT90S | PT90S",
        "pt1m   | PT1M", "' 5M ' | PT5M"})
    void durationsTakeAUnitOrAreSeconds(String text, Duration expected) {
        assertThat(SessionConfig.builder().set("session-end-timeout", text).build().sessionEndTimeout())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"true, true", "YES, true", "on, true", "false, false", "No, false", "off, false"})
    void booleansTakeCommonSpellings(String text, boolean expected) {
        assertThat(SessionConfig.builder().set("fill-forward", text).build().fillForward()).isEqualTo(expected);
    }

    @Test
    void intervalListsAreSortedDeduplicatedAndDerivedOnesDropOneMinute() {
        SessionConfig c = SessionConfig.builder()
                .set("derived-intervals", "[15m, 5, 1, 5m]")
                .set("historical-bar-intervals", "5, 1")
                .build();
        assertThat(c.derivedIntervals()).isEqualTo(intervals(5, 15));
        assertThat(c.historicalBarIntervals()).isEqualTo(intervals(1, 5));  // 1m history is kept
        assertThat(c.sessionIntervals()).isEqualTo(intervals(1, 5, 15));
        assertThat(SessionConfig.builder().set("derived-intervals", "[]").build().derivedIntervals()).isEmpty();
        assertThat(SessionConfig.builder().set("derived-intervals", " ").build().derivedIntervals()).isEmpty();
    }

    @Test
    void trailingSessionsWithoutIntervalsKeepOneMinuteHistory() {
        SessionConfig c = SessionConfig.builder().set("historical-trailing-sessions", "2").build();
        assertThat(c.historicalBarIntervals()).containsExactly(Interval.ONE_MINUTE);
    }

    @Test
    void anIntervalAsLongAsTheSessionIsAllowed() {
        assertThat(SessionConfig.builder().set("derived-intervals", "390").build().derivedIntervals())
                .containsExactly(Interval.ofMinutes(390));
    }

    @Test
    void unknownKeyIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> SessionConfig.builder().set("colour", "1"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("colour"))
                .hasMessageStartingWith("unknown key 'colour'; known keys: exchange, session-start, session-end,")
                .hasMessageEndingWith("quote-retention, trade-retention, normalization");
    }

    @ParameterizedTest
    @CsvSource({
        "historical-trailing-session, historical-trailing-sessions",
        "sesion-start, session-start",
        "Fill_Forward, fill-forward",
        "speed, backtest-speed",
        "trailing-sessions, historical-trailing-sessions",
    })
    void anUnknownKeyNearAKnownOneSuggestsIt(String typo, String meant) {
        assertThatThrownBy(() -> SessionConfig.builder().set(typo, "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("unknown key '" + typo + "'; did you mean '" + meant + "'?");
    }

    @Test
    void aLongUnknownKeyIsCutInTheMessage() {
        String key = "k".repeat(5_000);
        assertThatThrownBy(() -> SessionConfig.builder().set(key, "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown key '" + "k".repeat(80) + "...' (5000 characters); known keys: ")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(500));  // the key is cut; the list grows
    }

    @Test
    void aLongValueIsCutAndAMultiLineOneStaysOnOneLine() {
        String value = "x".repeat(2_000_000);
        assertThatThrownBy(() -> SessionConfig.builder().set("fill-forward", value))
                .isInstanceOf(ConfigException.class)
                .hasMessage("fill-forward '" + "x".repeat(80) + "...' (2000000 characters) is not true or false");
        assertThatThrownBy(() -> SessionConfig.builder().set("derived-intervals", "5," + value))
                .isInstanceOf(ConfigException.class)
                .hasMessage("derived-intervals '5," + "x".repeat(78) + "...' (2000002 characters): interval '"
                        + "x".repeat(80) + "...' (2000000 characters) is not a number of minutes (e.g. 5, 5m, 1h) or 1d");
        assertThatThrownBy(() -> SessionConfig.builder().exchange(value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("exchange: unknown exchange '" + "x".repeat(80) + "...' (2000000 characters); known: "
                        + "XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
        assertThatThrownBy(() -> SessionConfig.builder().set("retry-missing-bars", "maybe\nnot\ttoday\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("retry-missing-bars 'maybe\\nnot\\ttoday\\n' is not true or false");
    }

    @Test
    void theExchangeIsTrimmedAndUpperCaseHoweverItIsSet() {
        assertThat(SessionConfig.builder().exchange(" nasdaq ").build().exchange()).isEqualTo("NASDAQ");
        assertThatThrownBy(() -> SessionConfig.builder().exchange(" ").build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("exchange"))
                .hasMessage("exchange: unknown exchange ' '; known: "
                        + "XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
    }

    @Test
    void atMost31DerivedIntervalsAreAccepted() {
        List<Interval> thirtyOne = java.util.stream.IntStream.rangeClosed(2, 32).mapToObj(Interval::ofMinutes)
                .toList();
        assertThat(SessionConfig.builder().derivedIntervals(thirtyOne).build().derivedIntervals()).hasSize(31);
        List<Interval> thirtyTwo = new java.util.ArrayList<>(thirtyOne);
        thirtyTwo.add(Interval.ofMinutes(60));
        thirtyTwo.add(Interval.ONE_MINUTE);  // implied, so not counted
        assertThatThrownBy(() -> SessionConfig.builder().derivedIntervals(thirtyTwo).build())
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("derived-intervals"))
                .hasMessage("derived-intervals has 32 intervals besides 1m; at most 31 are supported");
    }

    @Test
    void theDeprecatedSessionZoneIsAcceptedWithAWarningWhenItIsTheExchangesZone() {
        SessionConfig.Builder b = SessionConfig.builder().set("session-zone", "US/Eastern");
        assertThat(b.build()).isEqualTo(SessionConfig.defaults());
        assertThat(b.warnings()).containsExactly(Map.entry("session-zone", "session-zone is deprecated and ignored "
                + "(session hours are always wall times of XNYS, America/New_York); remove it"));
        assertThat(SessionConfig.KEYS).doesNotContainKey("session-zone");
        assertThat(SessionConfig.defaults().describe()).doesNotContainKey("session-zone");
        SessionConfig.Builder plain = SessionConfig.builder();
        plain.build();
        assertThat(plain.warnings()).isEmpty();
        assertThatThrownBy(() -> SessionConfig.builder().set("session-zone", null))
                .isInstanceOf(ConfigException.class).hasMessage("session-zone has no value");
    }

    @Test
    void aKeyWithoutValueIsRefused() {
        assertThatThrownBy(() -> SessionConfig.builder().set("fill-forward", null))
                .isInstanceOf(ConfigException.class).hasMessage("fill-forward has no value");
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "session-start                | 9.30   | session-start '9.30' is not a wall time HH:MM",
        "session-end                  | 25:00  | session-end '25:00' is not a wall time HH:MM (Invalid value for HourOfDay (valid values 0 - 23): 25)",
        "session-zone                 | Mars/Olympus | session-zone 'Mars/Olympus' is not a time zone id",
        "historical-trailing-sessions | two    | historical-trailing-sessions 'two' is not a whole number",
        "historical-trailing-sessions | 1.5    | historical-trailing-sessions '1.5' is not a whole number",
        "derived-intervals            | 5,x    | derived-intervals '5,x': interval 'x' is not a number of minutes (e.g. 5, 5m, 1h) or 1d",
        "derived-intervals            | 0      | derived-intervals '0': interval of 0 minutes is outside 1..1440",
        "historical-bar-intervals     | 5s     | historical-bar-intervals '5s': interval '5s' is not a number of minutes (e.g. 5, 5m, 1h) or 1d",
        "upkeep-check-interval        | soon   | upkeep-check-interval 'soon' is not a duration (e.g. 60s, 5m, 500ms)",
        "session-end-timeout          | 1.5s   | session-end-timeout '1.5s' is not a duration (e.g. 60s, 5m, 500ms)",
        "refill-timeout               | 99999999999999999h | refill-timeout '99999999999999999h' is not a duration (e.g. 60s, 5m, 500ms)",
        "retry-missing-bars           | maybe  | retry-missing-bars 'maybe' is not true or false",
        "backtest-speed               | fast   | backtest-speed 'fast' is not a number",
        "quote-retention              | lots   | quote-retention 'lots' is not a whole number",
    })
    void aValueThatDoesNotParseIsNamedWithItsKey(String key, String value, String message) {
        assertThatThrownBy(() -> SessionConfig.builder().set(key, value))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "exchange                     | XTKS   | exchange: unknown exchange 'XTKS'; known: XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO",
        "session-end                  | 09:00  | session-end 09:00 is not after session-start 09:30",
        "session-end                  | 09:30  | session-end 09:30 is not after session-start 09:30",
        "historical-trailing-sessions | -1     | historical-trailing-sessions -1 is negative",
        "derived-intervals            | 7h     | derived-intervals 7h is longer than the 390-minute session 09:30-16:00",
        "historical-bar-intervals     | 391    | historical-bar-intervals 391m is longer than the 390-minute session 09:30-16:00",
        "upkeep-check-interval        | 90s    | upkeep-check-interval 90s is not a whole number of minutes (completeness is measured in whole 1m bars)",
        "upkeep-check-interval        | 0      | upkeep-check-interval 0s is not positive",
        "session-end-timeout          | -5s    | session-end-timeout -5s is not positive",
        "refill-timeout               | 0ms    | refill-timeout 0s is not positive",
        "backtest-speed               | -1     | backtest-speed -1.0 is not 0 (as fast as possible) or a positive multiple of real time",
        "backtest-speed               | NaN    | backtest-speed NaN is not 0 (as fast as possible) or a positive multiple of real time",
        "backtest-speed               | Infinity | backtest-speed Infinity is not 0 (as fast as possible) or a positive multiple of real time",
        "quote-retention              | 0      | quote-retention 0 is not positive",
        "trade-retention              | -3     | trade-retention -3 is not positive",
        "session-zone                 | Europe/London | session-zone Europe/London differs from the zone of XNYS (America/New_York): session hours are wall times of the exchange",
    })
    void anImpossibleValueIsRefusedWhenBuiltNamingKeyAndValue(String key, String value, String message) {
        SessionConfig.Builder b = SessionConfig.builder().set(key, value);
        assertThatThrownBy(b::build)
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo(key))
                .hasMessage(message);
    }

    @Test
    void derivedIntervalsAreCheckedAgainstTheConfiguredSession() {
        SessionConfig.Builder shortSession = SessionConfig.builder()
                .set("session-start", "09:30").set("session-end", "10:00").set("derived-intervals", "1h");
        assertThatThrownBy(shortSession::build).isInstanceOf(ConfigException.class)
                .hasMessage("derived-intervals 1h is longer than the 30-minute session 09:30-10:00");
    }

    @Test
    void withSourceLocatesTheMessageAndKeepsTheKey() {
        ConfigException e = new ConfigException("fill-forward", "fill-forward 'maybe' is not true or false");
        ConfigException located = e.withSource("config.yaml:7");
        assertThat(located).hasMessage("config.yaml:7: fill-forward 'maybe' is not true or false");
        assertThat(located.key()).isEqualTo("fill-forward");
    }

    @Test
    void defaultSessionHoursLeaveEveryCalendarItsOwnHours() {
        SessionConfig defaults = SessionConfig.defaults();
        for (String name : io.sessionflow.calendar.Calendars.names()) {
            var calendar = io.sessionflow.calendar.Calendars.byName(name);
            assertThat(defaults.calendar(calendar)).isSameAs(calendar);
        }
        SessionConfig extended = SessionConfig.builder().set("session-start", "04:00").set("session-end", "20:00")
                .build();
        var xnys = extended.calendar(io.sessionflow.calendar.Calendars.xnys());
        assertThat(xnys.session(java.time.LocalDate.of(2025, 7, 7)).orElseThrow().localOpen()).isEqualTo("04:00");
        assertThatThrownBy(() -> extended.calendar(io.sessionflow.calendar.Calendars.cmes()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CMES sessions run");
    }
}
