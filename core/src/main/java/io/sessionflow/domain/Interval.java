package io.sessionflow.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * A bar interval: a whole number of minutes, or {@link #SESSION}, the whole regular (market) session of a day.
 * Prints as {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 90m} (hours when the minutes are a whole number
 * of hours, minutes otherwise) and {@code 1d} for the session. Parses those forms and a bare number of minutes.
 *
 * <p>A session bar has no fixed length (an early close makes it shorter), so {@link #SESSION} holds the stored code
 * {@link #SESSION_MINUTES} (0) in place of a length; {@link #duration()} and {@link #micros()} refuse it. Session bars
 * sort after every minute interval.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Interval(int minutes) implements Comparable<Interval> {

    /** One trading day at most: a longer bar would not fit any session. */
    public static final int MAX_MINUTES = 24 * 60;

    /** The code of {@link #SESSION} in place of a number of minutes, also in the stores' interval columns. */
    public static final int SESSION_MINUTES = 0;

    public static final Interval ONE_MINUTE = new Interval(1);

    /** The whole regular session: one bar a day over the market segment(s), printed {@code 1d}. */
    public static final Interval SESSION = new Interval(SESSION_MINUTES);

    public Interval {
        if (minutes < 0 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("interval of " + minutes + " minutes is outside 1.." + MAX_MINUTES);
        }
    }

    public static Interval ofMinutes(int minutes) {
        if (minutes == SESSION_MINUTES) {
            throw new IllegalArgumentException("interval of 0 minutes is outside 1.." + MAX_MINUTES
                    + " (the session interval is Interval.SESSION)");
        }
        return minutes == 1 ? ONE_MINUTE : new Interval(minutes);
    }

    /** The interval a store wrote as {@code code} ({@link #minutes()}): minutes, or {@link #SESSION_MINUTES}. */
    public static Interval ofCode(int code) {
        return code == SESSION_MINUTES ? SESSION : ofMinutes(code);
    }

    /**
     * Parses {@code 5}, {@code 5m}, {@code 5min}, {@code 1h} and {@code 1d} (the session); case-insensitive.
     *
     * @throws IllegalArgumentException naming the text when it is not an interval
     */
    public static Interval parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("interval must not be blank");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("1d")) {
            return SESSION;
        }
        int factor = 1;
        String digits = t;
        if (t.endsWith("min")) {
            digits = t.substring(0, t.length() - 3);
        } else if (t.endsWith("m")) {
            digits = t.substring(0, t.length() - 1);
        } else if (t.endsWith("h")) {
            digits = t.substring(0, t.length() - 1);
            factor = 60;
        }
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 6) {
            throw new IllegalArgumentException("interval '" + text
                    + "' is not a number of minutes (e.g. 5, 5m, 1h) or 1d");
        }
        int minutes = Integer.parseInt(digits) * factor;
        if (minutes == SESSION_MINUTES) {
            throw new IllegalArgumentException("interval of 0 minutes is outside 1.." + MAX_MINUTES);
        }
        return ofMinutes(minutes);
    }

    /** The whole regular session ({@code 1d}) rather than a number of minutes. */
    public boolean isSession() {
        return minutes == SESSION_MINUTES;
    }

    /** @throws IllegalStateException for {@link #SESSION}, whose length is its session's */
    public Duration duration() {
        requireMinutes();
        return Duration.ofMinutes(minutes);
    }

    /** @throws IllegalStateException for {@link #SESSION}, whose length is its session's */
    public long micros() {
        requireMinutes();
        return minutes * 60_000_000L;
    }

    private void requireMinutes() {
        if (isSession()) {
            throw new IllegalStateException("a 1d bar has no fixed length: it ends at its session's market close");
        }
    }

    public boolean isOneMinute() {
        return minutes == 1;
    }

    @Override
    public int compareTo(Interval other) {
        return Integer.compare(sortKey(), other.sortKey());
    }

    private int sortKey() {
        return isSession() ? MAX_MINUTES + 1 : minutes;
    }

    @Override
    public String toString() {
        if (isSession()) {
            return "1d";
        }
        return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
    }
}
