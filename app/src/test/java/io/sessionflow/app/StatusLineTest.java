package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.feed.FeedHealth;
import io.sessionflow.feed.FeedState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final Instant NOW = Instant.parse("2025-11-24T20:58:12Z");
    private static final LocalDate MONDAY = LocalDate.of(2025, 11, 24);

    private static FeedHealth health(FeedState state, Instant last, Duration lag, String failure) {
        return new FeedHealth(state, 1_000, 2_500, 12.04, 2, 0, 3, last, lag, failure);
    }

    @Test
    void aStreamingFeedInASession() {
        FeedHealth h = health(FeedState.STREAMING, NOW.minusSeconds(2), Duration.ofMillis(420), "silent for PT1M");
        String line = StatusLine.render(new StatusLine.Figures(NOW, NEW_YORK, "ET", h, MONDAY, 98.7234, null,
                1_234));
        assertThat(line).isEqualTo("2025-11-24 15:58:12 ET (20:58:12Z)  streaming  lag 0.4s  last 2.0s ago  "
                + "12.0 msg/s  reconnects 2  skipped 3  session 2025-11-24 quality 98.72%  1,234 events");
    }

    @Test
    void aFeedInBackoffShowsWhyWithoutASession() {
        FeedHealth h = health(FeedState.BACKOFF, null, null, "could not open ws://127.0.0.1:8765/v2/iex: "
                + "java.net.ConnectException\n" + "x".repeat(300));
        Instant tomorrowOpen = Calendars.xnys().session(MONDAY.plusDays(1)).orElseThrow().open();
        String line = StatusLine.render(new StatusLine.Figures(NOW.plus(Duration.ofHours(1)), NEW_YORK, "ET", h,
                null, 0, tomorrowOpen, 1));
        assertThat(line).startsWith("2025-11-24 16:58:12 ET (21:58:12Z)  backoff  lag -  12.0 msg/s  reconnects 2  "
                        + "skipped 3  no session open (next 2025-11-25 09:30 ET)  1 event  last error: could not "
                        + "open ws://127.0.0.1:8765/v2/iex: java.net.ConnectException xxx")
                .endsWith("...").doesNotContain("\n");
        assertThat(line.substring(line.indexOf("last error: ") + "last error: ".length()))
                .hasSize(StatusLine.MAX_FAILURE_CHARS);
    }

    @Test
    void aSessionTheCalendarHasOpenedIsStarting() {
        FeedHealth h = health(FeedState.CONNECTING, null, null, null);
        Instant open = Calendars.xnys().session(MONDAY).orElseThrow().open();
        assertThat(StatusLine.render(new StatusLine.Figures(NOW, NEW_YORK, "ET", h, null, 0, open, 0)))
                .contains("connecting  lag -").contains("  session starting  0 events").doesNotContain("error");
    }

    @Test
    void durationsAreShort() {
        assertThat(StatusLine.duration(Duration.ofMillis(420))).isEqualTo("0.4s");
        assertThat(StatusLine.duration(Duration.ofMillis(9_960))).isEqualTo("10.0s");
        assertThat(StatusLine.duration(Duration.ofSeconds(12))).isEqualTo("12s");
        assertThat(StatusLine.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
        assertThat(StatusLine.duration(Duration.ofMinutes(127))).isEqualTo("2h07m");
        assertThat(StatusLine.duration(Duration.ofSeconds(-359))).isEqualTo("-5m59s");
    }

    @Test
    void plainLinesComeOncePerInterval() {
        StringWriter text = new StringWriter();
        StatusPrinter p = new StatusPrinter(new PrintWriter(text), StatusPrinter.Mode.LINES, Duration.ofSeconds(10));
        AtomicInteger n = new AtomicInteger();
        long s = 1_000_000_000L;
        assertThat(p.nanosUntilDue(0)).isZero();
        assertThat(p.tick(0, () -> "line " + n.incrementAndGet())).isTrue();
        assertThat(p.nanosUntilDue(4 * s)).isEqualTo(6 * s);
        assertThat(p.tick(9 * s, () -> "line " + n.incrementAndGet())).isFalse();
        assertThat(p.tick(10 * s, () -> "line " + n.incrementAndGet())).isTrue();
        p.clear();  // nothing to erase on plain lines
        assertThat(text.toString()).isEqualTo("status: line 1" + System.lineSeparator() + "status: line 2"
                + System.lineSeparator());
        assertThat(n.get()).as("a line is only rendered when due").isEqualTo(2);
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceAndClearedBeforeOtherOutput() {
        StringWriter text = new StringWriter();
        StatusPrinter p = new StatusPrinter(new PrintWriter(text), StatusPrinter.Mode.REDRAW, Duration.ofSeconds(10));
        long step = StatusPrinter.REDRAW_EVERY.toNanos();
        p.tick(0, () -> "a longer line");
        assertThat(p.tick(step - 1, () -> "too soon")).isFalse();
        p.tick(step, () -> "short");
        p.clear();
        assertThat(p.nanosUntilDue(step + 1)).as("redrawn at once after a clear").isZero();
        assertThat(text.toString()).isEqualTo("\ra longer line" + "\rshort        " + "\r     \r");
    }

    @Test
    void offPrintsNothingAndNeverAsksForAWakeUp() {
        StringWriter text = new StringWriter();
        StatusPrinter p = new StatusPrinter(new PrintWriter(text), StatusPrinter.Mode.OFF, Duration.ofSeconds(1));
        assertThat(p.tick(0, () -> "x")).isFalse();
        assertThat(p.nanosUntilDue(0)).isEqualTo(Long.MAX_VALUE);
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void autoFollowsTheTerminal() {
        assertThat(StatusPrinter.Mode.AUTO.resolve(true)).isEqualTo(StatusPrinter.Mode.REDRAW);
        assertThat(StatusPrinter.Mode.AUTO.resolve(false)).isEqualTo(StatusPrinter.Mode.LINES);
        assertThat(StatusPrinter.Mode.OFF.resolve(true)).isEqualTo(StatusPrinter.Mode.OFF);
        assertThatThrownBy(() -> new StatusPrinter(new PrintWriter(new StringWriter()), StatusPrinter.Mode.AUTO,
                Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new StatusPrinter(new PrintWriter(new StringWriter()), StatusPrinter.Mode.LINES,
                Duration.ZERO)).isInstanceOf(UsageException.class).hasMessageContaining("--status-interval");
    }
}
