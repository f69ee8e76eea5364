package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.config.ConfigException;
import io.sessionflow.config.DerivedAlignment;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    /** A value other than the default for every key. */
    private static final SessionConfig ALL_CHANGED = SessionConfig.builder()
            .exchange("NASDAQ")
            .sessionHours(LocalTime.of(4, 0), LocalTime.of(20, 0))
            .historicalTrailingSessions(3)
            .historicalBarIntervals(List.of(Interval.ONE_MINUTE, Interval.ofMinutes(5)))
            .derivedIntervals(List.of(Interval.ofMinutes(5), Interval.ofMinutes(15)))
            .segments(java.util.EnumSet.of(SessionSegment.Kind.PREMARKET, SessionSegment.Kind.MARKET))
            .qualitySegments(java.util.EnumSet.of(SessionSegment.Kind.PREMARKET, SessionSegment.Kind.MARKET))
            .derivedAlignment(DerivedAlignment.MARKET_OPEN)
            .upkeepCheckInterval(Duration.ofMinutes(5))
            .retryMissingBars(false)
            .fillForward(true)
            .sessionEndTimeout(Duration.ofSeconds(90))
            .refillTimeout(Duration.ofMillis(500))
            .backtestSpeed(2.5)
            .quoteRetention(10)
            .tradeRetention(20)
            .normalization(io.sessionflow.corporate.Normalization.ADJUSTED)
            .build();

    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        return Files.writeString(dir.resolve("sessionflow.yaml"), text);
    }

    /** The error of loading {@code text} with no flags. */
    private String errorOf(String text) throws IOException {
        Path file = yaml(text);
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(file, Map.of()));
        assertThat(t).isInstanceOfAny(ConfigException.class, UsageException.class);
        return t.getMessage().replace(file.toString(), "FILE");
    }

    @Test
    void theReferenceConfigurationChangesEveryKey() {
        Map<String, String> defaults = SessionConfig.defaults().describe();
        assertThat(ALL_CHANGED.describe().keySet()).containsExactlyElementsOf(SessionConfig.KEYS.keySet());
        ALL_CHANGED.describe().forEach((key, value) -> assertThat(value).as(key).isNotEqualTo(defaults.get(key)));
    }

    @Test
    void withoutFileOrFlagsTheDefaultsHold() {
        assertThat(ConfigLoader.load(null, Map.of())).isEqualTo(SessionConfig.defaults());
    }

    @Test
    void everyKeyIsSettableFromTheFile() throws IOException {
        String text = ALL_CHANGED.describe().entrySet().stream()
                .map(e -> e.getKey() + ": \"" + e.getValue() + "\"")
                .collect(Collectors.joining("\n", "# every setting\n", "\n"));
        assertThat(ConfigLoader.load(yaml(text), Map.of())).isEqualTo(ALL_CHANGED);
    }

    @Test
    void everyKeyIsSettableFromFlags() {
        assertThat(ConfigLoader.load(null, ALL_CHANGED.describe())).isEqualTo(ALL_CHANGED);
    }

    @Test
    void yamlListsBooleansNumbersAndUnquotedTimesAreRead() throws IOException {
        Path file = yaml("""
                session-start: 04:00
                session-end: 20:00
                derived-intervals: [5m, 15]
                historical-bar-intervals:
                  - 1
                  - 5m
                historical-trailing-sessions: 3
                retry-missing-bars: no
                fill-forward: yes
                backtest-speed: 2.50
                """);
        SessionConfig c = ConfigLoader.load(file, Map.of());
        assertThat(c.sessionStart()).isEqualTo("04:00");
        assertThat(c.sessionEnd()).isEqualTo("20:00");
        assertThat(c.derivedIntervals()).containsExactly(Interval.ofMinutes(5), Interval.ofMinutes(15));
        assertThat(c.historicalBarIntervals()).containsExactly(Interval.ONE_MINUTE, Interval.ofMinutes(5));
        assertThat(c.historicalTrailingSessions()).isEqualTo(3);
        assertThat(c.retryMissingBars()).isFalse();
        assertThat(c.fillForward()).isTrue();
        assertThat(c.backtestSpeed()).isEqualTo(2.5);
    }

    @Test
    void anEmptyFileOrOneWithOnlyCommentsSetsNothing() throws IOException {
        assertThat(ConfigLoader.load(yaml(""), Map.of())).isEqualTo(SessionConfig.defaults());
        assertThat(ConfigLoader.load(yaml("# nothing yet\n"), Map.of())).isEqualTo(SessionConfig.defaults());
    }

    @Test
    void flagsOverrideTheFile() throws IOException {
        Path file = yaml("derived-intervals: [5, 15]\nfill-forward: true\n");
        SessionConfig c = ConfigLoader.load(file, Map.of("derived-intervals", "30"));
        assertThat(c.derivedIntervals()).containsExactly(Interval.ofMinutes(30));
        assertThat(c.fillForward()).isTrue();
    }

    @Test
    void anUnknownKeyIsNamedWithFileAndLine() throws IOException {
        assertThat(errorOf("exchange: XNYS\n\ncolour: 2\n"))
                .startsWith("FILE:3: unknown key 'colour'; known keys: exchange, session-start,");
    }

    @Test
    void anUnknownKeyNearAKnownOneSuggestsIt() throws IOException {
        assertThat(errorOf("historical-trailing-session: 2\n"))
                .isEqualTo("FILE:1: unknown key 'historical-trailing-session'; did you mean "
                        + "'historical-trailing-sessions'?");
        assertThat(errorOf("speed: 2\n")).isEqualTo("FILE:1: unknown key 'speed'; did you mean 'backtest-speed'?");
    }

    @Test
    void aBadValueIsNamedWithFileLineKeyAndValue() throws IOException {
        assertThat(errorOf("fill-forward: true\nupkeep-check-interval: soon\n"))
                .isEqualTo("FILE:2: upkeep-check-interval 'soon' is not a duration (e.g. 60s, 5m, 500ms)");
        assertThat(errorOf("derived-intervals: [5, 0]\n"))
                .isEqualTo("FILE:1: derived-intervals '5,0': interval of 0 minutes is outside 1..1440");
        assertThat(errorOf("fill-forward:\n")).isEqualTo("FILE:1: fill-forward has no value");
    }

    @Test
    void anImpossibleCombinationInTheFileIsLocatedAtItsKey() throws IOException {
        assertThat(errorOf("session-start: \"10:00\"\nsession-end: \"09:00\"\n"))
                .isEqualTo("FILE:2: session-end 09:00 is not after session-start 10:00");
        assertThat(errorOf("# trailing history\nhistorical-trailing-sessions: -2\n"))
                .isEqualTo("FILE:2: historical-trailing-sessions -2 is negative");
        assertThat(errorOf("session-end: \"10:00\"\nderived-intervals: [1h]\n"))
                .isEqualTo("FILE:2: derived-intervals 1h is longer than the 30-minute session 09:30-10:00");
        assertThat(errorOf("exchange: XTKS\n"))
                .isEqualTo("FILE:1: exchange: unknown exchange 'XTKS'; known: XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
    }

    @Test
    void anImpossibleCombinationFromAFlagIsNotBlamedOnTheFile() throws IOException {
        Path file = yaml("session-start: \"10:00\"\nsession-end: \"15:00\"\n");
        assertThatThrownBy(() -> ConfigLoader.load(file, Map.of("session-end", "09:00")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("session-end 09:00 is not after session-start 10:00");
    }

    @Test
    void aKeySetTwiceIsRefused() throws IOException {
        assertThat(errorOf("fill-forward: true\nexchange: XNYS\nfill-forward: false\n"))
                .isEqualTo("FILE:3: fill-forward is set twice (first on line 1)");
    }

    @Test
    void onlyAFlatMappingOfValuesIsAccepted() throws IOException {
        assertThat(errorOf("- exchange\n- XNYS\n")).isEqualTo("FILE:1: expected a mapping of settings (key: value)");
        assertThat(errorOf("exchange: XNYS\nsession:\n  start: \"09:30\"\n"))
                .isEqualTo("FILE:2: session must be a value or a list");
        assertThat(errorOf("derived-intervals: [5, {a: 1}]\n"))
                .isEqualTo("FILE:1: derived-intervals must be a list of values");
    }

    @Test
    void invalidYamlIsNamedOnOneLine() throws IOException {
        assertThat(errorOf("exchange: XNYS\nfoo: bar: baz\n"))
                .isEqualTo("FILE:2: not valid YAML: mapping values are not allowed here");
        assertThat(errorOf("exchange: XNYS\n\tfill-forward: true\n"))
                .startsWith("FILE:").contains("not valid YAML").doesNotContain("\n");
    }

    @Test
    void aFileThatCannotBeReadIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("config file " + missing + " does not exist");
        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
                .isInstanceOf(UsageException.class).hasMessage("config file " + dir + " is a directory");
    }
}
