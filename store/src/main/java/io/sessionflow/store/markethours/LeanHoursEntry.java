package io.sessionflow.store.markethours;

import com.fasterxml.jackson.databind.JsonNode;
import io.sessionflow.calendar.Calendars;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.SessionSegment.Kind;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.errors.ErrorText;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of LEAN's market-hours database, and how its per-weekday segments become sessions.
 *
 * <p>LEAN writes hours per calendar day of the exchange's zone: {@code sunday: [{start: "18:00:00", end:
 * "1.00:00:00", state: "premarket"}]}, {@code 1.00:00:00} being the day's end. A day's hours are its weekday's,
 * none on a holiday, cut at an early close and starting at a late open (both on a date with both: the hours before
 * the early close and after the late open). <b>Trading-date rule</b>: the hours of a day that run without a break to
 * its end, begin after a closed spell of that day and go on without a break into the next day's hours are that
 * evening's reopening, and belong to the next day's session (ES: Sunday 18:00 to Monday 17:00 is Monday's session,
 * Monday 18:00 onwards Tuesday's; FX: Sunday 17:03 to Monday 16:58). All other hours belong to their own day's
 * session (US equities 04:00-20:00, a crypto UTC day 00:00-24:00). A session's window runs from its first segment's
 * start to its last one's end; touching segments of the same state are one segment; the gaps between segments are
 * halts.
 *
 * <p>Immutable.
 */
final class LeanHoursEntry {

    private static final int DAY = 86_400;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("M/d/yyyy", Locale.ROOT);
    private static final Pattern TIME = Pattern.compile("(?:(\\d+)[.:])?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?");

    /** A stretch of one day in seconds since its midnight, {@code [from, to)}, {@code to <= 86400}. */
    private record Part(Kind kind, int from, int to) {
    }

    private final String name;
    private final ZoneId zone;
    private final Map<DayOfWeek, List<Part>> week;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, Integer> earlyCloses;
    private final Map<LocalDate, Integer> lateOpens;

    private LeanHoursEntry(String name, ZoneId zone, Map<DayOfWeek, List<Part>> week, Set<LocalDate> holidays,
                           Map<LocalDate, Integer> earlyCloses, Map<LocalDate, Integer> lateOpens) {
        this.name = name;
        this.zone = zone;
        this.week = week;
        this.holidays = holidays;
        this.earlyCloses = earlyCloses;
        this.lateOpens = lateOpens;
    }

    /** The entry {@code node}; {@code market} is its market's {@code [*]} entry (holidays inherited), or null. */
    static LeanHoursEntry parse(String name, JsonNode node, JsonNode market) {
        JsonNode tz = node.get("exchangeTimeZone");
        if (tz == null || !tz.isTextual()) {
            throw new IllegalArgumentException("no exchangeTimeZone");
        }
        ZoneId zone = ZoneId.of(tz.asText());
        Map<DayOfWeek, List<Part>> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek dow : DayOfWeek.values()) {
            String field = dow.name().toLowerCase(Locale.ROOT);
            List<Part> parts = new ArrayList<>();
            JsonNode day = node.get(field);
            if (day != null) {
                for (JsonNode seg : day) {
                    int from = seconds(text(seg, "start"), field);
                    int to = seconds(text(seg, "end"), field);
                    if (to > from) {
                        parts.add(new Part(Kind.of(text(seg, "state")), from, to));
                    }
                }
            }
            parts.sort((a, b) -> Integer.compare(a.from(), b.from()));
            week.put(dow, List.copyOf(parts));
        }
        Map<LocalDate, Integer> early = times(node.get("earlyCloses"), "earlyCloses");
        Map<LocalDate, Integer> late = times(node.get("lateOpens"), "lateOpens");
        Set<LocalDate> holidays = new HashSet<>(dates(node.get("holidays")));
        if (market != null) {
            for (LocalDate d : dates(market.get("holidays"))) {
                if (!early.containsKey(d) && !late.containsKey(d)) {
                    holidays.add(d);  // the symbol's own short day overrides its market's holiday
                }
            }
        }
        return new LeanHoursEntry(name, zone, week, holidays, early, late);
    }

    /** The calendar over {@code [first, last]}, built here (one pass over the dates). */
    TradingCalendar calendar(LocalDate first, LocalDate last) {
        int n = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
        // days[i] is the date first - 1 + i: one day either side, for the evenings that cross into the range.
        List<List<Part>> days = new ArrayList<>(n + 2);
        for (int i = 0; i < n + 2; i++) {
            days.add(hours(first.plusDays(i - 1L)));
        }
        int[] eveningStart = new int[n + 2];  // index in days[i] of the first part of its evening; size when none
        for (int i = 0; i < n + 2; i++) {
            List<Part> next = i + 1 < n + 2 ? days.get(i + 1) : hours(first.plusDays(i));
            eveningStart[i] = eveningStart(days.get(i), next);
        }
        TradingSession[] sessions = new TradingSession[n];
        for (int i = 0; i < n; i++) {
            LocalDate date = first.plusDays(i);
            List<Part> own = days.get(i + 1).subList(0, eveningStart[i + 1]);
            if (own.isEmpty()) {
                continue;
            }
            List<Part> before = days.get(i);
            List<SessionSegment> segments = new ArrayList<>();
            for (Part p : before.subList(eveningStart[i], before.size())) {
                add(segments, p.kind(), instant(date.minusDays(1), p.from()), instant(date.minusDays(1), p.to()));
            }
            for (Part p : own) {
                add(segments, p.kind(), instant(date, p.from()), instant(date, p.to()));
            }
            if (segments.isEmpty()) {
                continue;  // hours wholly inside a DST gap
            }
            sessions[i] = new TradingSession(date, segments.get(0).start(),
                    segments.get(segments.size() - 1).end(), zone, earlyCloses.containsKey(date), segments);
        }
        return Calendars.fromSessions(name, zone, first, last,
                d -> Optional.ofNullable(sessions[(int) (d.toEpochDay() - first.toEpochDay())]));
    }

    /**
     * Where a day's evening begins: the trailing run of touching parts that reaches the day's end, begins after a
     * closed spell and continues into {@code next}'s hours at midnight. {@code parts.size()} when there is none.
     */
    private static int eveningStart(List<Part> parts, List<Part> next) {
        int k = parts.size();
        if (k == 0 || parts.get(k - 1).to() != DAY || next.isEmpty() || next.get(0).from() != 0) {
            return k;
        }
        int start = k - 1;
        while (start > 0 && parts.get(start - 1).to() == parts.get(start).from()) {
            start--;
        }
        return parts.get(start).from() == 0 ? k : start;
    }

    /** A day's hours in LEAN's way: its weekday's, none on a holiday, cut by an early close and a late open. */
    private List<Part> hours(LocalDate date) {
        if (holidays.contains(date)) {
            return List.of();
        }
        List<Part> parts = week.get(date.getDayOfWeek());
        Integer early = earlyCloses.get(date);
        Integer late = lateOpens.get(date);
        if (early == null && late == null) {
            return parts;
        }
        List<Part> out = new ArrayList<>();
        for (Part p : parts) {
            if (early != null && late != null && early < late) {
                clip(out, p, 0, early);  // the day's hours before the early close and after the late open
                clip(out, p, late, DAY);
            } else {
                clip(out, p, late == null ? 0 : late, early == null ? DAY : early);
            }
        }
        return out;
    }

    private static void clip(List<Part> out, Part p, int from, int to) {
        int a = Math.max(p.from(), from);
        int b = Math.min(p.to(), to);
        if (a < b) {
            out.add(new Part(p.kind(), a, b));
        }
    }

    /** Appends a segment, merged into the previous one when it touches it with the same kind. */
    private static void add(List<SessionSegment> out, Kind kind, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            return;
        }
        if (!out.isEmpty()) {
            SessionSegment last = out.get(out.size() - 1);
            if (last.kind() == kind && last.end().equals(start)) {
                out.set(out.size() - 1, new SessionSegment(kind, last.start(), end));
                return;
            }
        }
        out.add(new SessionSegment(kind, start, end));
    }

    private Instant instant(LocalDate date, int seconds) {
        return seconds == DAY ? ZonedDateTime.of(date.plusDays(1).atStartOfDay(), zone).toInstant()
                : ZonedDateTime.of(date.atStartOfDay().plusSeconds(seconds), zone).toInstant();
    }

    private static String text(JsonNode seg, String field) {
        JsonNode v = seg.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("a segment has no " + field + ": " + cut(seg.toString()));
        }
        return v.asText();
    }

    /** {@code HH:mm:ss} or {@code d.HH:mm:ss} (a few entries write {@code d:HH:mm:ss}) as seconds, at most a day. */
    private static int seconds(String time, String where) {
        Matcher m = TIME.matcher(time);
        if (!m.matches()) {
            throw new IllegalArgumentException(where + ": time '" + cut(time) + "' is not HH:mm:ss or d.HH:mm:ss");
        }
        long s = (m.group(1) == null ? 0 : Long.parseLong(m.group(1))) * DAY + Long.parseLong(m.group(2)) * 3600
                + Long.parseLong(m.group(3)) * 60 + Long.parseLong(m.group(4));
        if (s > DAY) {
            throw new IllegalArgumentException(where + ": time '" + time + "' is after the day's end 1.00:00:00");
        }
        return (int) s;
    }

    private static Set<LocalDate> dates(JsonNode list) {
        Set<LocalDate> out = new HashSet<>();
        if (list != null) {
            for (JsonNode d : list) {
                out.add(date(d.asText(), "holidays"));
            }
        }
        return out;
    }

    private static Map<LocalDate, Integer> times(JsonNode map, String field) {
        Map<LocalDate, Integer> out = new HashMap<>();
        if (map != null) {
            for (Map.Entry<String, JsonNode> e : map.properties()) {
                out.put(date(e.getKey(), field), seconds(e.getValue().asText(), field + " " + e.getKey()));
            }
        }
        return out;
    }

    private static LocalDate date(String text, String field) {
        try {
            return LocalDate.parse(text, DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + ": date '" + cut(text) + "' is not M/D/YYYY");
        }
    }

    private static String cut(String s) {
        return ErrorText.cut(s, 80);
    }
}
