package io.sessionflow.app;

import io.sessionflow.feed.FeedHealth;
import io.sessionflow.feed.FeedState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The status line of {@code sessionflow live}, rendered from given figures (so that it is tested without a run):
 *
 * <pre>
 * 2025-11-24 15:58:12 ET (20:58:12Z)  streaming  lag 0.4s  last 2s ago  12.0 msg/s  reconnects 0  skipped 0  session 2025-11-24 quality 98.72%  1,234 events
 * </pre>
 *
 * <p>Stateless; safe from any thread.
 */
final class StatusLine {

    /** Longest failure excerpt shown while the feed is not streaming. */
    static final int MAX_FAILURE_CHARS = 100;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("HH:mm:ss'Z'", Locale.ROOT);

    /**
     * What the line shows.
     *
     * @param now         the run's clock
     * @param zone        the exchange's zone
     * @param zoneLabel   how the zone is shown ("ET")
     * @param health      the feed's figures
     * @param session     the session being streamed, or null between sessions
     * @param quality     that session's bar quality % (mean over the symbols with bars); ignored without a session
     * @param nextOpen    between sessions: the open of the session that contains {@code now} or comes next, or null
     *                    when unknown
     * @param events      events the coordinator delivered so far
     */
    record Figures(Instant now, ZoneId zone, String zoneLabel, FeedHealth health, LocalDate session, double quality,
                   Instant nextOpen, long events) {
        Figures {
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(zoneLabel, "zoneLabel");
            Objects.requireNonNull(health, "health");
        }
    }

    private StatusLine() {
    }

    static String render(Figures f) {
        StringBuilder sb = new StringBuilder(160);
        sb.append(ZonedDateTime.ofInstant(f.now(), f.zone()).format(LOCAL)).append(' ').append(f.zoneLabel())
                .append(" (").append(f.now().atOffset(ZoneOffset.UTC).format(UTC)).append(')');
        FeedHealth h = f.health();
        sb.append("  ").append(h.state().name().toLowerCase(Locale.ROOT));
        sb.append("  lag ").append(h.currentLag().map(StatusLine::duration).orElse("-"));
        h.lastMessage().ifPresent(t -> sb.append("  last ")
                .append(duration(max0(Duration.between(t, f.now())))).append(" ago"));
        sb.append(String.format(Locale.ROOT, "  %.1f msg/s  reconnects %d  skipped %d", h.messagesPerSecond(),
                h.reconnects(), h.skipped()));
        if (f.session() != null) {
            sb.append("  session ").append(f.session()).append(" quality ").append(Reports.pct(f.quality()));
        } else if (f.nextOpen() != null && !f.nextOpen().isAfter(f.now())) {
            sb.append("  session starting");  // open by the calendar; the coordinator is loading it
        } else if (f.nextOpen() != null) {
            sb.append("  no session open (next ").append(ZonedDateTime.ofInstant(f.nextOpen(), f.zone())
                    .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT))).append(' ')
                    .append(f.zoneLabel()).append(')');
        } else {
            sb.append("  no session open");
        }
        sb.append("  ").append(Reports.fmt(f.events())).append(f.events() == 1 ? " event" : " events");
        if (h.state() != FeedState.STREAMING) {
            h.lastFailure().ifPresent(why -> sb.append("  last error: ").append(cut(why)));
        }
        return sb.toString();
    }

    /** A short duration: {@code 0.4s}, {@code 12s}, {@code 3m05s}, {@code 2h07m}. */
    static String duration(Duration d) {
        long millis = d.toMillis();
        if (millis < 0) {
            return "-" + duration(d.negated());
        }
        if (millis < 10_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        long s = millis / 1000;
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }

    private static Duration max0(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static String cut(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_FAILURE_CHARS ? one : one.substring(0, MAX_FAILURE_CHARS - 3) + "...";
    }
}
