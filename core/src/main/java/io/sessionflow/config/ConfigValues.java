package io.sessionflow.config;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.domain.Interval;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text forms of setting values: parsing (shared by {@link SessionConfig.Builder#set} and the command line's
 * option converters), formatting back to text that parses to the same value, and cutting echoed input to a sane
 * length. A parser's {@link IllegalArgumentException} describes the value only, starting with it quoted
 * ({@code 'soon' is not a duration (e.g. 60s, 5m, 500ms)}); the caller says which key or flag it was for.
 *
 * <p>Stateless; safe to use from any thread.
 */
public final class ConfigValues {

    /** Characters of a value repeated in a message; longer values are cut and their length given. */
    public static final int MAX_ECHO = 80;

    /** Longest text tried as one interval: {@code 1440min} with room for spaces; longer is never an interval. */
    private static final int MAX_INTERVAL_TEXT = 16;

    private ConfigValues() {
    }

    /** Wall time {@code HH:MM} or {@code HH:MM:SS}, trimmed. */
    public static LocalTime parseTime(String text) {
        try {
            return LocalTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(quote(text) + " is not a wall time HH:MM" + reason(e), e);
        }
    }

    /** ISO date {@code YYYY-MM-DD}, trimmed. */
    public static LocalDate parseDate(String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(quote(text) + " is not a date YYYY-MM-DD" + reason(e), e);
        }
    }

    /** A time-zone id such as {@code America/New_York}, trimmed. */
    public static ZoneId parseZone(String text) {
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(quote(text) + " is not a time zone id", e);
        }
    }

    public static int parseInt(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number", e);
        }
    }

    public static long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is not a whole number", e);
        }
    }

    public static double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(quote(text) + " is not a number", e);
        }
    }

    /** {@code true}/{@code yes}/{@code on} or {@code false}/{@code no}/{@code off}, any case. */
    public static boolean parseBoolean(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException(quote(text) + " is not true or false");
        };
    }

    /**
     * A duration with a unit ({@code 60s}, {@code 5m}, {@code 2h}, {@code 500ms}), ISO-8601 ({@code PT1M}), or
     * seconds when bare ({@code 30}); any case, trimmed.
     */
    public static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("pt")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            if (t.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(t));
        } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {  // overflow too
            throw new IllegalArgumentException(quote(text) + " is not a duration (e.g. 60s, 5m, 500ms)", e);
        }
    }

    /** One interval as {@link Interval#parse} reads it ({@code 5}, {@code 5m}, {@code 1h}, {@code 1d}). */
    public static Interval parseInterval(String text) {
        if (text.strip().length() > MAX_INTERVAL_TEXT) {
            // Interval.parse would repeat the whole text in its message; no interval is this long anyway.
            throw new IllegalArgumentException("interval " + quote(text) + " is not a number of minutes "
                    + "(e.g. 5, 5m, 1h) or 1d");
        }
        return Interval.parse(text);
    }

    /** A comma-separated list of intervals, optionally in brackets ({@code [5, 15]}); blank or {@code []} is none. */
    public static List<Interval> parseIntervals(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        if (t.isBlank()) {
            return List.of();
        }
        List<Interval> out = new ArrayList<>();
        for (String part : t.split(",", -1)) {
            try {
                out.add(parseInterval(part));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(quote(text) + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /**
     * A comma-separated list of session segments ({@code premarket}, {@code market}, {@code postmarket}), optionally
     * in brackets; repeats are one. Blank or {@code []} is none.
     */
    public static Set<SessionSegment.Kind> parseSegments(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        Set<SessionSegment.Kind> out = EnumSet.noneOf(SessionSegment.Kind.class);
        if (t.isBlank()) {
            return out;
        }
        for (String part : t.split(",", -1)) {
            try {
                out.add(SessionSegment.Kind.of(part));
            } catch (IllegalArgumentException e) {
                // Kind's own message would repeat the whole part, however long.
                throw new IllegalArgumentException(quote(text) + ": " + quote(part.trim())
                        + " is not premarket, market or postmarket", e);
            }
        }
        return out;
    }

    /** Segments in session order joined by commas, {@code premarket,market}; {@link #parseSegments} reads it back. */
    public static String segmentsText(Set<SessionSegment.Kind> kinds) {
        return kinds.stream().sorted().map(SessionSegment.Kind::label).collect(Collectors.joining(","));
    }

    /**
     * A duration as a setting value that {@link #parseDuration} reads back to the same duration: {@code 1m},
     * {@code 90s}, {@code 500ms}, or ISO-8601 below a millisecond. For messages about time taken, see
     * {@link #formatDuration}.
     */
    public static String durationText(Duration d) {
        long s = d.getSeconds();
        int nanos = d.getNano();
        if (nanos == 0) {
            return s % 60 == 0 && s != 0 ? (s / 60) + "m" : s + "s";
        }
        if (nanos % 1_000_000 == 0 && Math.abs(s) < Long.MAX_VALUE / 1_000) {
            return d.toMillis() + "ms";
        }
        return d.toString();
    }

    /**
     * A duration for people reading a message: whole seconds as {@code 60 s}, otherwise whole milliseconds as
     * {@code 500 ms} (sub-millisecond parts are dropped).
     */
    public static String formatDuration(Duration d) {
        long millis;
        try {
            millis = d.toMillis();
        } catch (ArithmeticException e) {
            return d.getSeconds() + " s";  // beyond 292 million years: the seconds are all that matter
        }
        return millis % 1_000 == 0 ? d.toSeconds() + " s" : millis + " ms";
    }

    /** Intervals joined by commas, {@code 5m,15m}; empty for none. */
    public static String intervalsText(List<Interval> intervals) {
        return intervals.stream().map(Interval::toString).collect(Collectors.joining(","));
    }

    /** Plain decimal without trailing zeros: 1 not 1.0, and 1e20 in full rather than clamped to a long. */
    public static String decimalText(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);  // NaN and Infinity have no BigDecimal; parseDouble reads these back
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    /** {@code text} in single quotes, cut by {@link #excerpt(String)}. */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        String cut = escapedPrefix(text, MAX_ECHO);
        return text.length() > MAX_ECHO ? "'" + cut + "...' (" + text.length() + " characters)" : "'" + cut + "'";
    }

    /**
     * {@code text} fit for a one-line message: control characters escaped ({@code \n}), and past
     * {@link #MAX_ECHO} characters cut, with an ellipsis and the full length.
     */
    public static String excerpt(String text) {
        return excerpt(text, MAX_ECHO);
    }

    /** As {@link #excerpt(String)} with a given limit. */
    public static String excerpt(String text, int maxChars) {
        if (text == null) {
            return "null";
        }
        String cut = escapedPrefix(text, maxChars);
        return text.length() > maxChars ? cut + "... (" + text.length() + " characters)" : cut;
    }

    /** The first {@code maxChars} characters of {@code text}, control characters escaped. */
    private static String escapedPrefix(String text, int maxChars) {
        int end = Math.min(text.length(), Math.max(0, maxChars));
        if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;  // do not split a character outside the BMP
        }
        StringBuilder b = new StringBuilder(end + 8);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** The part of a java.time parse error that says what is wrong, without repeating the text. */
    private static String reason(DateTimeParseException e) {
        String m = e.getMessage();
        String marker = "could not be parsed: ";
        int i = m.indexOf(marker);
        return i < 0 ? "" : " (" + excerpt(m.substring(i + marker.length())) + ")";
    }
}
