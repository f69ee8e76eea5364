package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sessionflow calendar}, run through Main as a user would run it. */
class CalendarCommandTest {

    private static final String HEADER = "session,open,close";

    @TempDir
    Path dir;

    private static CliRun calendar(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "calendar";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }

    @Test
    void printsTheSessionsOf2025() {
        CliRun run = calendar("--exchange", "XNYS", "--from", "2025-01-01", "--to", "2025-12-31");
        assertThat(run.exitCode()).isEqualTo(Main.OK);
        assertThat(run.err()).isEmpty();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).isEqualTo(HEADER);
        List<String> rows = lines.subList(1, lines.size());
        assertThat(rows).hasSize(250)
                .allMatch(r -> r.matches("2025-\\d\\d-\\d\\d,2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z,"
                        + "2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z"))
                .isSorted()
                .doesNotHaveDuplicates()
                .noneMatch(r -> r.startsWith("2025-01-09,"))  // Carter national day of mourning
                .contains(
                        "2025-01-02,2025-01-02T14:30:00Z,2025-01-02T21:00:00Z",  // first session, EST
                        "2025-07-03,2025-07-03T13:30:00Z,2025-07-03T17:00:00Z",  // 13:00 EDT close
                        "2025-07-07,2025-07-07T13:30:00Z,2025-07-07T20:00:00Z",  // EDT
                        "2025-11-28,2025-11-28T14:30:00Z,2025-11-28T18:00:00Z",  // 13:00 EST close
                        "2025-12-24,2025-12-24T14:30:00Z,2025-12-24T18:00:00Z",
                        "2025-12-31,2025-12-31T14:30:00Z,2025-12-31T21:00:00Z");
        assertThat(rows.get(0)).startsWith("2025-01-02,");
        assertThat(rows.get(rows.size() - 1)).startsWith("2025-12-31,");
        assertThat(rows).filteredOn(r -> !r.endsWith("T21:00:00Z") && !r.endsWith("T20:00:00Z"))
                .extracting(r -> r.substring(0, 10))
                .containsExactly("2025-07-03", "2025-11-28", "2025-12-24");
    }

    @Test
    void bothEndsOfTheRangeAreIncluded() {
        assertThat(calendar("--from", "2025-01-02", "--to", "2025-01-03").outLines()).containsExactly(HEADER,
                "2025-01-02,2025-01-02T14:30:00Z,2025-01-02T21:00:00Z",
                "2025-01-03,2025-01-03T14:30:00Z,2025-01-03T21:00:00Z");
    }

    @Test
    void aRangeWithoutSessionsPrintsTheHeaderOnly() {
        CliRun run = calendar("--from", "2025-01-04", "--to", "2025-01-05");
        assertThat(run.exitCode()).isEqualTo(Main.OK);
        assertThat(run.outLines()).containsExactly(HEADER);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xnys", "NYSE", "XNAS", "nasdaq"})
    void aliasesPrintTheSameSessions(String exchange) {
        String xnys = calendar("--from", "2025-06-01", "--to", "2025-07-31").out();
        assertThat(calendar("--exchange", exchange, "--from", "2025-06-01", "--to", "2025-07-31").out())
                .isEqualTo(xnys);
    }

    @Test
    void sessionHoursFromFlagsReplaceTheRegularHours() {
        CliRun run = calendar("--from", "2025-07-03", "--to", "2025-07-07", "--session-start", "04:00",
                "--session-end", "20:00");
        assertThat(run.outLines()).containsExactly(HEADER,
                "2025-07-03,2025-07-03T08:00:00Z,2025-07-03T21:00:00Z",  // 17:00 after a 13:00 close
                "2025-07-07,2025-07-07T08:00:00Z,2025-07-08T00:00:00Z");
    }

    @Test
    void sessionHoursComeFromTheConfigFileAndFlagsOverrideIt() throws IOException {
        Path config = Files.writeString(dir.resolve("sessionflow.yaml"),
                "exchange: nyse\nsession-start: \"04:00\"\nsession-end: \"20:00\"\n");
        assertThat(calendar("--config", config.toString(), "--from", "2025-07-07", "--to", "2025-07-07").outLines())
                .containsExactly(HEADER, "2025-07-07,2025-07-07T08:00:00Z,2025-07-08T00:00:00Z");
        assertThat(calendar("--config", config.toString(), "--session-end", "16:00", "--from", "2025-07-07",
                "--to", "2025-07-07").outLines())
                .containsExactly(HEADER, "2025-07-07,2025-07-07T08:00:00Z,2025-07-07T20:00:00Z");
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun run = calendar("--help");
        assertThat(run.exitCode()).isEqualTo(Main.OK);
        assertThat(run.out()).contains("--exchange", "--from", "--to", "--config", "--session-start", "--session-end");
    }
}
