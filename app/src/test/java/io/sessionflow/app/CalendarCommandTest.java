package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import io.sessionflow.testing.ReferenceData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code sessionflow calendar}, run through Main as a user would run it. */
class CalendarCommandTest {

    private static final String HEADER = "session,open,close,segments";
    private static final String REGULAR = ",market 09:30-16:00";
    private static final String EARLY = ",market 09:30-13:00";

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
                        + "2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00Z,market 09:30-1[36]:00"))
                .isSorted()
                .doesNotHaveDuplicates()
                .noneMatch(r -> r.startsWith("2025-01-09,"))  // Carter national day of mourning
                .contains(
                        "2025-01-02,2025-01-02T14:30:00Z,2025-01-02T21:00:00Z" + REGULAR,  // first session, EST
                        "2025-07-03,2025-07-03T13:30:00Z,2025-07-03T17:00:00Z" + EARLY,  // 13:00 EDT close
                        "2025-07-07,2025-07-07T13:30:00Z,2025-07-07T20:00:00Z" + REGULAR,  // EDT
                        "2025-11-28,2025-11-28T14:30:00Z,2025-11-28T18:00:00Z" + EARLY,  // 13:00 EST close
                        "2025-12-24,2025-12-24T14:30:00Z,2025-12-24T18:00:00Z" + EARLY,
                        "2025-12-31,2025-12-31T14:30:00Z,2025-12-31T21:00:00Z" + REGULAR);
        assertThat(rows.get(0)).startsWith("2025-01-02,");
        assertThat(rows.get(rows.size() - 1)).startsWith("2025-12-31,");
        assertThat(rows).filteredOn(r -> r.endsWith(EARLY))
                .extracting(r -> r.substring(0, 10))
                .containsExactly("2025-07-03", "2025-11-28", "2025-12-24");
    }

    @Test
    void bothEndsOfTheRangeAreIncluded() {
        assertThat(calendar("--from", "2025-01-02", "--to", "2025-01-03").outLines()).containsExactly(HEADER,
                "2025-01-02,2025-01-02T14:30:00Z,2025-01-02T21:00:00Z" + REGULAR,
                "2025-01-03,2025-01-03T14:30:00Z,2025-01-03T21:00:00Z" + REGULAR);
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
                "2025-07-03,2025-07-03T08:00:00Z,2025-07-03T21:00:00Z,"  // 17:00 after a 13:00 close
                        + "premarket 04:00-09:30; market 09:30-13:00; postmarket 13:00-17:00",
                "2025-07-07,2025-07-07T08:00:00Z,2025-07-08T00:00:00Z,"
                        + "premarket 04:00-09:30; market 09:30-16:00; postmarket 16:00-20:00");
    }

    @Test
    void sessionHoursComeFromTheConfigFileAndFlagsOverrideIt() throws IOException {
        Path config = Files.writeString(dir.resolve("sessionflow.yaml"),
                "exchange: nyse\nsession-start: \"04:00\"\nsession-end: \"20:00\"\n");
        assertThat(calendar("--config", config.toString(), "--from", "2025-07-07", "--to", "2025-07-07").outLines())
                .containsExactly(HEADER, "2025-07-07,2025-07-07T08:00:00Z,2025-07-08T00:00:00Z,"
                        + "premarket 04:00-09:30; market 09:30-16:00; postmarket 16:00-20:00");
        assertThat(calendar("--config", config.toString(), "--session-end", "16:00", "--from", "2025-07-07",
                "--to", "2025-07-07").outLines())
                .containsExactly(HEADER, "2025-07-07,2025-07-07T08:00:00Z,2025-07-07T20:00:00Z,"
                        + "premarket 04:00-09:30; market 09:30-16:00");
    }

    @Test
    void helpDescribesTheOptions() {
        CliRun run = calendar("--help");
        assertThat(run.exitCode()).isEqualTo(Main.OK);
        assertThat(run.out()).contains("--exchange", "--from", "--to", "--config", "--session-start", "--session-end",
                "--market-hours", "--market", "--roll");
    }

    @Test
    void londonHasItsOwnHoursAndEarlyCloses() {
        assertThat(calendar("--exchange", "LSE", "--from", "2022-12-23", "--to", "2022-12-27").outLines())
                .containsExactly(HEADER, "2022-12-23,2022-12-23T08:00:00Z,2022-12-23T12:30:00Z,market 08:00-12:30");
    }

    @Test
    void cmesSessionsOpenTheEveningBefore() {
        assertThat(calendar("--exchange", "CME", "--from", "2013-10-06", "--to", "2013-10-07").outLines())
                .containsExactly(HEADER,
                        "2013-10-07,2013-10-06T22:00:00Z,2013-10-07T22:00:00Z,market 2013-10-06 17:00-17:00");
    }

    @Test
    void equityIndexHoursShowTheHaltAndTheCloseBeforeTheWindowEnds() {
        assertThat(calendar("--exchange", "cmes-equity", "--from", "2013-10-11", "--to", "2013-10-13").outLines())
                .containsExactly(HEADER, "2013-10-11,2013-10-10T22:00:00Z,2013-10-11T22:00:00Z,"
                        + "market 2013-10-10 17:00-15:15; halt 15:15-15:30; market 15:30-16:15; halt 16:15-17:00");
        CliRun before = calendar("--exchange", "CMES-EQUITY", "--from", "2012-11-01", "--to", "2012-11-30");
        assertThat(before.exitCode()).isEqualTo(Main.USAGE);
        assertThat(before.err().strip()).isEqualTo("sessionflow calendar: CMES-EQUITY calendar covers "
                + "2012-11-19..2030-12-31; 2012-11-01 is outside it (the equity-index hours before the 15:15-15:30 "
                + "CT halt of 18 November 2012 are not modelled; CMES has the windows)");
    }

    @Test
    void fxAndAllWeekCalendars() {
        assertThat(calendar("--exchange", "FX", "--from", "2014-05-02", "--to", "2014-05-05").outLines())
                .containsExactly(HEADER,
                        "2014-05-02,2014-05-01T21:00:00Z,2014-05-02T21:00:00Z,market 2014-05-01 17:00-17:00",
                        "2014-05-05,2014-05-04T21:00:00Z,2014-05-05T21:00:00Z,market 2014-05-04 17:00-17:00");
        assertThat(calendar("--exchange", "24/7", "--from", "2016-10-08", "--to", "2016-10-08").outLines())
                .containsExactly(HEADER, "2016-10-08,2016-10-08T00:00:00Z,2016-10-09T00:00:00Z,market 00:00-24:00");
        assertThat(calendar("--exchange", "crypto", "--roll", "17:00", "--roll-zone", "America/New_York",
                "--from", "2016-10-08", "--to", "2016-10-08").outLines())
                .containsExactly(HEADER,
                        "2016-10-08,2016-10-07T21:00:00Z,2016-10-08T21:00:00Z,market 2016-10-07 17:00-17:00");
    }

    @Test
    void leanMarketHoursEntries() {
        String file = ReferenceData.require("marketdata/lean/market-hours/market-hours-database.json").toString();
        assertThat(calendar("--market-hours", file, "--market", "Future-cme-ES", "--from", "2013-10-08",
                "--to", "2013-10-08").outLines())
                .containsExactly(HEADER, "2013-10-08,2013-10-07T22:00:00Z,2013-10-08T21:00:00Z,"
                        + "postmarket 2013-10-07 18:00-24:00; premarket 00:00-09:30; market 09:30-17:00");
        assertThat(calendar("--market-hours", file, "--market", "Equity-usa-SPY", "--from", "2015-12-24",
                "--to", "2015-12-24").outLines())
                .containsExactly(HEADER, "2015-12-24,2015-12-24T09:00:00Z,2015-12-24T18:00:00Z,"
                        + "premarket 04:00-09:30; market 09:30-13:00");
        assertThat(calendar("--market-hours", file, "--market", "Forex-oanda-EURUSD", "--from", "2014-05-05",
                "--to", "2014-05-05").outLines())
                .containsExactly(HEADER, "2014-05-05,2014-05-04T21:03:00Z,2014-05-05T20:58:00Z,"
                        + "market 2014-05-04 17:03-16:58");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--exchange XTKS | exchange: unknown exchange 'XTKS'; known: XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, "
                + "CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO",
        "--exchange XNYS --market-hours f.json --market Equity-usa-SPY | Error: --exchange=NAME, --market-hours=FILE "
                + "are mutually exclusive (specify only one)",
        "--market Equity-usa-SPY | --market Equity-usa-SPY needs --market-hours FILE",
        "--market-hours nonexist.json --market Equity-usa-SPY | market-hours file nonexist.json does not exist",
        "--exchange XNYS --roll 17:00 | --roll and --roll-zone apply to --exchange 24/7 only, not XNYS",
        "--exchange CMES --session-start 08:30 --session-end 15:15 | CMES sessions run the day before 17:00 to "
                + "17:00 America/Chicago: session hours 08:30-15:15 cannot be configured for them (only for "
                + "exchanges whose sessions open and close on one day, such as XNYS and XLON)",
    })
    void badCalendarOptionsExitWithOneLine(String args, String message) {
        List<String> all = new ArrayList<>(List.of(args.split(" ")));
        all.addAll(List.of("--from", "2013-10-07", "--to", "2013-10-08"));
        CliRun run = calendar(all.toArray(String[]::new));
        assertThat(run.exitCode()).isEqualTo(Main.USAGE);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().strip()).startsWith("sessionflow calendar: " + message);
        assertThat(run.err().strip().lines()).hasSize(1);
    }
}
