package io.sessionflow.app;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sessionflow calendar}: the sessions of a calendar as CSV {@code session,open,close,segments}: open and
 * close in UTC, the segments and the halts between them in the exchange's wall time. Threading: the command's
 * thread only.
 */
@Command(name = "calendar", mixinStandardHelpOptions = true,
        description = "Print the trading sessions of a calendar in a date range as CSV (session,open,close,segments: "
                + "open and close in UTC; segments and halts in the exchange's wall time, a time on another day "
                + "than the session's with its date).")
final class CalendarCommand implements Callable<Integer> {

    private static final DateTimeFormatter OTHER_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter SAME_DAY = DateTimeFormatter.ofPattern("HH:mm");

    @Spec
    CommandSpec spec;

    @Mixin
    CalendarOptions calendarOptions;

    @Option(names = "--from", required = true, description = "First date, YYYY-MM-DD.")
    LocalDate from;

    @Option(names = "--to", required = true, description = "Last date (inclusive), YYYY-MM-DD.")
    LocalDate to;

    @Option(names = "--session-start", description = "Session start in the exchange's zone, overriding the regular "
            + "open (e.g. 04:00; XNYS and XLON only). The hours before the open are pre-market.")
    LocalTime sessionStart;

    @Option(names = "--session-end", description = "Session end in the exchange's zone, overriding the regular "
            + "close (e.g. 20:00); early closes still cut it. The hours after the close are post-market.")
    LocalTime sessionEnd;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML settings file (exchange and session hours "
            + "are used here); flags override it.")
    Path config;

    @Override
    public Integer call() {
        if (from.isAfter(to)) {
            throw new UsageException("--from " + from + " is after --to " + to);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        if (sessionStart != null) {
            overrides.put("session-start", sessionStart.toString());
        }
        if (sessionEnd != null) {
            overrides.put("session-end", sessionEnd.toString());
        }
        SessionConfig cfg = calendarOptions.settings(config, overrides);
        TradingCalendar calendar = calendarOptions.calendar(cfg);
        StringBuilder csv = new StringBuilder("session,open,close,segments\n");
        for (TradingSession s : calendar.sessions(from, to.plusDays(1))) {
            csv.append(s.date()).append(',').append(s.open()).append(',').append(s.close()).append(',')
                    .append(segments(s)).append('\n');
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(csv);
        out.flush();
        return Main.OK;
    }

    /**
     * {@code premarket 04:00-09:30; market 09:30-16:00}, with {@code halt} for the minutes of the window outside
     * segments. A start on another day than the session's has its date; an end has it only when it is on neither
     * the start's day nor the session's ({@code 24:00} is the end of the start's day).
     */
    static String segments(TradingSession s) {
        StringBuilder b = new StringBuilder();
        Instant at = s.open();
        for (SessionSegment seg : s.segments()) {
            if (seg.start().isAfter(at)) {
                part(b, "halt", s, at, seg.start());
            }
            part(b, seg.kind().label(), s, seg.start(), seg.end());
            at = seg.end();
        }
        if (s.close().isAfter(at)) {
            part(b, "halt", s, at, s.close());
        }
        return b.toString();
    }

    private static void part(StringBuilder b, String label, TradingSession s, Instant start, Instant end) {
        if (!b.isEmpty()) {
            b.append("; ");
        }
        LocalDateTime from = LocalDateTime.ofInstant(start, s.zone());
        LocalDateTime to = LocalDateTime.ofInstant(end, s.zone());
        b.append(label).append(' ').append((from.toLocalDate().equals(s.date()) ? SAME_DAY : OTHER_DAY).format(from))
                .append('-');
        if (to.toLocalDate().equals(from.toLocalDate()) || to.toLocalDate().equals(s.date())
                && !to.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            b.append(SAME_DAY.format(to));
        } else if (to.toLocalTime().equals(LocalTime.MIDNIGHT) && to.toLocalDate().equals(from.toLocalDate()
                .plusDays(1))) {
            b.append("24:00");  // the end of the day the segment started on
        } else {
            b.append(OTHER_DAY.format(to));
        }
    }
}
