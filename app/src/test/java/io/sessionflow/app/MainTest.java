package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit-code contract of SPEC.md section 3: 0 on success, 2 on bad usage or input with exactly one line on
 * stderr that names the offending value, and nothing on stdout then.
 */
class MainTest {

    @TempDir
    Path dir;

    /** Runs {@code args}, expects a usage failure and returns its one error line. */
    private static String usageError(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as("exit code").isEqualTo(Main.USAGE);
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.errLines()).as("stderr").hasSize(1);
        return run.errLines().get(0);
    }

    @Test
    void runningOutOfMemoryIsOneLineThatSaysHowToGiveMore() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        StoreOpener exhausted = db -> {
            throw new OutOfMemoryError("Java heap space");
        };

        int code = Main.run(new String[] {"coverage", "--db", dir.resolve("x.duckdb").toString()},
                new java.io.PrintStream(out), new java.io.PrintStream(err), exhausted);

        assertThat(code).isEqualTo(Main.FAILURE);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList()).singleElement()
                .asString().startsWith("sessionflow: error: out of memory (Java heap space, the JVM's heap is at most ")
                .endsWith(" MB): give it more, for example SESSIONFLOW_JAVA_OPTS=-Xmx8g, or ask for less (fewer "
                        + "symbols or sessions)");
    }

    @Test
    void anImpossibleDateNamesItsValue() {
        assertThat(usageError("calendar", "--from", "2025-13-01", "--to", "2025-12-31"))
                .startsWith("sessionflow calendar: Invalid value for option '--from': '2025-13-01' is not a date "
                        + "YYYY-MM-DD")
                .endsWith("(try 'sessionflow calendar --help')");
    }

    @Test
    void fromAfterToNamesBoth() {
        assertThat(usageError("calendar", "--from", "2025-12-31", "--to", "2025-01-01"))
                .isEqualTo("sessionflow calendar: --from 2025-12-31 is after --to 2025-01-01");
    }

    @Test
    void anUnknownExchangeIsNamedWithTheKnownOnes() {
        assertThat(usageError("calendar", "--exchange", "XTKS", "--from", "2025-01-01", "--to", "2025-01-31"))
                .isEqualTo("sessionflow calendar: exchange: unknown exchange 'XTKS'; known: XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
    }

    @Test
    void aConfigFileWithAnUnknownKeyNamesFileLineAndKey() throws IOException {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "exchange: XNYS\nsesion-start: \"09:30\"\n");
        assertThat(usageError("calendar", "--config", config.toString(), "--from", "2025-01-01", "--to",
                "2025-01-31"))
                .isEqualTo("sessionflow calendar: " + config + ":2: unknown key 'sesion-start'; did you mean "
                        + "'session-start'?");
    }

    @Test
    void aConfigFileThatIsNotYamlIsOneLine() throws IOException {
        Path config = Files.writeString(dir.resolve("broken.yaml"), "exchange: XNYS\nfoo: bar: baz\n");
        assertThat(usageError("calendar", "--config", config.toString(), "--from", "2025-01-01", "--to",
                "2025-01-31"))
                .isEqualTo("sessionflow calendar: " + config + ":2: not valid YAML: mapping values are not allowed "
                        + "here");
    }

    @Test
    void aMissingConfigFileIsNamed() {
        Path missing = dir.resolve("missing.yaml");
        assertThat(usageError("calendar", "--config", missing.toString(), "--from", "2025-01-01", "--to",
                "2025-01-31"))
                .isEqualTo("sessionflow calendar: config file " + missing + " does not exist");
    }

    @Test
    void datesOutsideTheCalendarAreNamed() {
        assertThat(usageError("calendar", "--from", "1985-01-01", "--to", "1985-12-31"))
                .isEqualTo("sessionflow calendar: XNYS calendar covers 1990-01-01..2030-12-31; 1985-01-01 is "
                        + "outside it");
    }

    @Test
    void aBadWallTimeNamesItsValue() {
        assertThat(usageError("calendar", "--from", "2025-01-01", "--to", "2025-01-31", "--session-start", "25:00"))
                .contains("'25:00' is not a wall time HH:MM");
    }

    @Test
    void sessionHoursThatEndBeforeTheyStartAreNamed() {
        assertThat(usageError("calendar", "--from", "2025-01-01", "--to", "2025-01-31", "--session-start", "16:00",
                "--session-end", "09:30"))
                .isEqualTo("sessionflow calendar: session-end 09:30 is not after session-start 16:00");
    }

    @Test
    void parameterErrorsCarryTheHelpHintOnTheSameLine() {
        assertThat(usageError("calendar", "--from", "2025-01-01"))
                .isEqualTo("sessionflow calendar: Missing required option: '--to=<to>' "
                        + "(try 'sessionflow calendar --help')");
        assertThat(usageError("calendar", "--from", "2025-01-01", "--to", "2025-01-02", "--colour"))
                .contains("'--colour'").endsWith("(try 'sessionflow calendar --help')");
        assertThat(usageError("bogus")).startsWith("sessionflow: ").contains("'bogus'")
                .endsWith("(try 'sessionflow --help')");
        assertThat(usageError()).isEqualTo("sessionflow: Missing required subcommand (try 'sessionflow --help')");
    }

    @Test
    void versionAndHelpSucceed() {
        CliRun version = CliRun.of("--version");
        assertThat(version.exitCode()).isEqualTo(Main.OK);
        // The build's project version (filtered into version.properties), not a placeholder.
        assertThat(version.out().trim()).matches("sessionflow \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        CliRun help = CliRun.of("--help");
        assertThat(help.exitCode()).isEqualTo(Main.OK);
        assertThat(help.out()).contains("calendar");
        assertThat(help.err()).isEmpty();
    }

    @Test
    void aReadOnlyCommandRefusesAStoreThatDoesNotExistAndCreatesNothing() {
        Path missing = dir.resolve("nonexist").resolve("y.duckdb");
        for (String command : new String[] {"replay", "gaps"}) {
            assertThat(usageError(command, "--db", missing.toString(), "--symbols", "SPY", "--from", "2013-10-07",
                    "--to", "2013-10-08"))
                    .isEqualTo("sessionflow " + command + ": --db " + missing + " does not exist (" + command
                            + " reads an existing store; create one with import, generate or demo)");
        }
        assertThat(dir.resolve("nonexist")).doesNotExist();
    }

    @Test
    void gapsOffersOnlyItsOwnOptions() {
        CliRun help = CliRun.of("gaps", "--help");
        assertThat(help.exitCode()).isEqualTo(Main.OK);
        assertThat(help.out()).contains("--symbols", "--from", "--to", "--config", "--db", "--format");
        assertThat(help.out()).doesNotContain("--speed", "--no-upkeep", "--drop-rate", "--seed", "--intervals",
                "--trailing-sessions", "--history-intervals", "--streams", "--events", "--summary");
        CliRun replay = CliRun.of("replay", "--help");
        assertThat(replay.out()).contains("--speed", "--no-upkeep", "--drop-rate", "--seed", "--intervals",
                "--trailing-sessions", "--history-intervals", "--streams", "--events", "--summary", "--db");
    }
}
