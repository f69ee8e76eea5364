package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sessionflow.config.ConfigException;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.Interval;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Config files that are too large, not files, not text, or carry huge values: each is refused on one line with
 * exit code 2 (never a hang, an OutOfMemoryError or a message that repeats the whole value).
 */
class ConfigFileLimitsTest {

    /** Longest error line we accept: file name, key, an 80-character excerpt and the list of known keys. */
    private static final int SANE = 600;

    @TempDir
    Path dir;

    /** Runs {@code calendar} with {@code --config file}, expects exit 2 and one line on stderr, and returns it. */
    private static String cliError(Path file) {
        CliRun run = CliRun.of("calendar", "--config", file.toString(), "--from", "2025-01-02", "--to", "2025-01-03");
        assertThat(run.exitCode()).as("exit code").isEqualTo(Main.USAGE);
        assertThat(run.out()).as("stdout").isEmpty();
        assertThat(run.errLines()).as("stderr").hasSize(1);
        String line = run.errLines().get(0);
        assertThat(line).as("stderr").hasSizeLessThan(SANE).doesNotContain("java.", "Exception", "Error");
        return line;
    }

    /** The message of loading {@code file} with no flags, with the file name replaced by FILE. */
    private static String loadError(Path file) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> ConfigLoader.load(file, Map.of()));
        assertThat(t).isInstanceOfAny(ConfigException.class, UsageException.class);
        return t.getMessage().replace(file.toString(), "FILE");
    }

    @Test
    void aFileWithATwoMegabyteValueIsRefusedBeforeItIsParsed() throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), "exchange: " + "A".repeat(2_000_000) + "\n");
        assertThat(loadError(file)).isEqualTo("config file FILE is larger than 1 MiB (2000011 bytes); a settings "
                + "file is a few short lines");
        assertThat(cliError(file)).startsWith("sessionflow calendar: config file " + file + " is larger than 1 MiB");
    }

    @Test
    void aFileOfExactlyTheLimitIsReadAndOneByteMoreIsNot() throws IOException {
        String head = "fill-forward: true\n";
        String comment = "#" + "c".repeat(ConfigLoader.MAX_LINE_CHARS - 1) + "\n";
        StringBuilder text = new StringBuilder(head);
        while (text.length() + comment.length() <= ConfigLoader.MAX_FILE_BYTES) {
            text.append(comment);
        }
        text.append("#".repeat(ConfigLoader.MAX_FILE_BYTES - text.length()));
        Path file = Files.writeString(dir.resolve("limit.yaml"), text);
        assertThat(Files.size(file)).isEqualTo(ConfigLoader.MAX_FILE_BYTES);
        assertThat(ConfigLoader.load(file, Map.of()).fillForward()).isTrue();
        Files.writeString(file, "#", java.nio.file.StandardOpenOption.APPEND);
        assertThat(loadError(file)).startsWith("config file FILE is larger than 1 MiB (1048577 bytes)");
    }

    @Test
    void aLargeAllowedFileOfManyLinesIsRead() throws IOException {
        // ~1 MiB of list items: read in one pass (each line is short, so the YAML parse stays linear).
        String items = "  - 5\n".repeat((ConfigLoader.MAX_FILE_BYTES - 100) / 6);
        Path file = Files.writeString(dir.resolve("list.yaml"), "historical-bar-intervals:\n" + items);
        assertThat(ConfigLoader.load(file, Map.of()).historicalBarIntervals()).containsExactly(Interval.ofMinutes(5));
    }

    @Test
    void aLineLongerThanAnySettingIsRefusedWithItsLine() throws IOException {
        Path file = Files.writeString(dir.resolve("line.yaml"), "fill-forward: true\nexchange: "
                + "A".repeat(100_000) + "\n");
        assertThat(loadError(file))
                .isEqualTo("FILE:2: line of 100010 characters, longer than the 8192 a setting may take");
        assertThat(cliError(file)).endsWith(":2: line of 100010 characters, longer than the 8192 a setting may take");
    }

    @Test
    void aLongValueIsCutInTheMessage() throws IOException {
        Path file = Files.writeString(dir.resolve("value.yaml"), "fill-forward: " + "x".repeat(5_000) + "\n");
        assertThat(loadError(file)).isEqualTo("FILE:1: fill-forward '" + "x".repeat(80) + "...' (5000 characters) "
                + "is not true or false");
        Path exchange = Files.writeString(dir.resolve("exchange.yaml"), "exchange: " + "X".repeat(8_000) + "\n");
        assertThat(cliError(exchange)).isEqualTo("sessionflow calendar: " + exchange + ":1: exchange: unknown "
                + "exchange '" + "X".repeat(80) + "...' (8000 characters); known: "
                + "XNYS, NYSE, XNAS, NASDAQ, XLON, LSE, CMES, CME, CBOT, COMEX, NYMEX, CMES-EQUITY, FX, 24/7, CRYPTO");
        Path key = Files.writeString(dir.resolve("key.yaml"), "k".repeat(1_000) + ": 1\n");  // YAML keys end at 1024
        assertThat(cliError(key)).startsWith("sessionflow calendar: " + key + ":1: unknown key '" + "k".repeat(80)
                + "...' (1000 characters); known keys: exchange,");
    }

    @Test
    void aMultiLineValueIsQuotedOnOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("block.yaml"), "fill-forward: |\n  maybe\n  not\n");
        assertThat(loadError(file)).isEqualTo("FILE:1: fill-forward 'maybe\\nnot\\n' is not true or false");
        assertThat(cliError(file)).endsWith("fill-forward 'maybe\\nnot\\n' is not true or false");
    }

    @Test
    void aFileThatIsNotUtf8IsNamedWithTheLine() throws IOException {
        Path file = Files.write(dir.resolve("latin1.yaml"),
                "fill-forward: true\nexchange: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(loadError(file)).isEqualTo("FILE:2: not UTF-8 text (byte 0xE9)");
        assertThat(cliError(file)).endsWith(":2: not UTF-8 text (byte 0xE9)");
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path file = Files.writeString(dir.resolve("bom.yaml"), "\uFEFFfill-forward: true\n");
        assertThat(ConfigLoader.load(file, Map.of()).fillForward()).isTrue();
    }

    @Test
    void aDirectoryIsRefused() {
        assertThat(cliError(dir)).isEqualTo("sessionflow calendar: config file " + dir + " is a directory");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aDeviceIsRefusedWithoutReadingIt() {
        Path zero = Path.of("/dev/zero");
        assumeThat(Files.exists(zero)).as("/dev/zero exists (POSIX)").isTrue();
        assertThat(cliError(zero)).isEqualTo("sessionflow calendar: config file /dev/zero is not a regular file "
                + "(a pipe, device or socket)");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = dir.resolve("settings.fifo");
        int made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor();
        } catch (IOException e) {
            made = -1;  // no mkfifo: not a POSIX system
        }
        if (made != 0) {
            System.out.println("ConfigFileLimitsTest: skipped, mkfifo is not available");
        }
        assumeThat(made).as("mkfifo made a FIFO").isZero();
        assertThat(cliError(fifo)).isEqualTo("sessionflow calendar: config file " + fifo + " is not a regular file "
                + "(a pipe, device or socket)");
    }

    @Test
    void theDeprecatedSessionZoneIsAcceptedWithOneWarningNamingFileAndLine() throws IOException {
        Path file = Files.writeString(dir.resolve("zone.yaml"), "fill-forward: true\nsession-zone: US/Eastern\n");
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            SessionConfig c = ConfigLoader.load(file, Map.of());
            assertThat(c).isEqualTo(SessionConfig.builder().fillForward(true).build());
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(file + ":2: "
                + "session-zone is deprecated and ignored (session hours are always wall times of XNYS, "
                + "America/New_York); remove it");
    }

    @Test
    void theDeprecatedSessionZoneIsRefusedWhenItIsNotTheExchangesZone() throws IOException {
        Path file = Files.writeString(dir.resolve("zone.yaml"), "fill-forward: true\nsession-zone: Europe/London\n");
        assertThat(cliError(file)).isEqualTo("sessionflow calendar: " + file + ":2: session-zone Europe/London "
                + "differs from the zone of XNYS (America/New_York): session hours are wall times of the exchange");
        Path bad = Files.writeString(dir.resolve("mars.yaml"), "session-zone: Mars/Olympus\n");
        assertThatThrownBy(() -> ConfigLoader.load(bad, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage(bad + ":1: session-zone 'Mars/Olympus' is not a time zone id");
    }
}
