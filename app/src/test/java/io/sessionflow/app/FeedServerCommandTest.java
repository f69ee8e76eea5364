package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Symbol;
import io.sessionflow.testing.Bars;
import io.sessionflow.testing.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sessionflow feed-server}'s options: bad values are one usage line and exit 2, as for every command. */
class FeedServerCommandTest {

    private static final LocalDate DAY = LocalDate.of(2013, 10, 7);

    /** One run against an in-memory store with SPY's bars of {@link #DAY}. */
    private static CliRun run(String... args) {
        InMemoryStore store = new InMemoryStore();
        store.upsertBars(Bars.session(List.of(Symbol.of("SPY")), DAY, DAY.plusDays(1)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), db -> store);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String usageError(String... args) {
        CliRun r = run(args);
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.err()).isEqualTo(Main.USAGE);
        assertThat(r.out()).as("stdout").isEmpty();
        assertThat(r.errLines()).as("stderr").hasSize(1);
        return r.errLines().get(0);
    }

    private static String[] with(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("feed-server", "--symbols", "SPY", "--from",
                "2013-10-07", "--to", "2013-10-07"));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    @Test
    void aSpeedThatIsNotPositiveIsNamed() {
        assertThat(usageError(with("--speed", "0")))
                .isEqualTo("sessionflow feed-server: --speed 0.0 is not a positive number (K times real time)");
        assertThat(usageError(with("--speed", "-3"))).contains("--speed -3.0");
    }

    @Test
    void aSpeedThatIsNotANumberIsAConversionError() {
        assertThat(usageError(with("--speed", "fast")))
                .startsWith("sessionflow feed-server: Invalid value for option '--speed'").contains("fast")
                .endsWith("(try 'sessionflow feed-server --help')");
    }

    @Test
    void aPortOutOfRangeIsNamed() {
        assertThat(usageError(with("--port", "70000"))).isEqualTo("sessionflow feed-server: --port 70000 is not in "
                + "0..65535");
    }

    @Test
    void anUnknownTimeModeOrFeedPathIsRefused() {
        assertThat(usageError(with("--time", "yesterday"))).contains("--time").contains("yesterday");
        assertThat(usageError(with("--feed-path", "crypto"))).contains("--feed-path").contains("crypto");
    }

    @Test
    void aSymbolWithoutBarsIsNamedWithTheKnownOnes() {
        assertThat(usageError("feed-server", "--symbols", "SPY,XYZ", "--from", "2013-10-07", "--to", "2013-10-07"))
                .isEqualTo("sessionflow feed-server: no 1m bars in in-memory store for XYZ; symbols with bars: SPY");
    }

    @Test
    void aRangeWithoutSessionsIsNamed() {
        assertThat(usageError("feed-server", "--symbols", "SPY", "--from", "2013-10-05", "--to", "2013-10-06"))
                .isEqualTo("sessionflow feed-server: no XNYS sessions from 2013-10-05 to 2013-10-06");
        assertThat(usageError("feed-server", "--symbols", "SPY", "--from", "2013-10-08", "--to", "2013-10-07"))
                .contains("--from 2013-10-08 is after --to 2013-10-07");
    }

    @Test
    void startingOnASubscriptionNeedsTheOriginalTimestamps() {
        assertThat(usageError(with("--time", "now", "--start", "subscribe")))
                .isEqualTo("sessionflow feed-server: --start subscribe needs --time original: a session shifted to "
                        + "now starts at the next whole minute");
    }

    @Test
    void theHelpListsTheOptions() {
        CliRun r = run("feed-server", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("--speed=K", "--time=now|original", "--host=ADDRESS", "--port=N",
                "--feed-path=iex|sip|test", "--streams=TYPE", "--start=now|subscribe", "--symbols=SYM", "--from=DATE", "--db=PATH|URL",
                "APCA_API_KEY_ID");
    }
}
