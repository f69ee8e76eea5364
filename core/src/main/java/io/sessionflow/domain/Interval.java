package io.sessionflow.domain;

import java.time.Duration;
import java.util.Locale;

/**
 * A bar interval in whole minutes. Prints as {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}, {@code 90m}: hours when
 * the minutes are a whole number of hours, minutes otherwise. Parses those forms and a bare number of minutes.
 *
 * <p>Immutable; safe to share between threads.
 */
public record Interval(int minutes) implements Comparable<Interval> {

    /** One trading day at most: a longer bar would not fit any session. */
    public static final int MAX_MINUTES = 24 * 60;

    public static final Interval ONE_MINUTE = new Interval(1);

    public Interval {
        if (minutes <= 0 || minutes > MAX_MINUTES) {
            throw new IllegalArgumentException("interval of " + minutes + " minutes is outside 1.." + MAX_MINUTES);
        }
    }

    public static Interval ofMinutes(int minutes) {
        return minutes == 1 ? ONE_MINUTE : new Interval(minutes);
    }

    /**
     * Parses {@code 5}, {@code 5m}, {@code 5min}, {@code 1h}; case-insensitive.
     *
     * @throws IllegalArgumentException naming the text when it is not an interval
     */
    public static Interval parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("interval must not be blank");
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
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
            throw new IllegalArgumentException("interval '" + text + "' is not a number of minutes (e.g. 5, 5m, 1h)");
        }
        return ofMinutes(Integer.parseInt(digits) * factor);
    }

    public Duration duration() {
        return Duration.ofMinutes(minutes);
    }

    public long micros() {
        return minutes * 60_000_000L;
    }

    public boolean isOneMinute() {
        return minutes == 1;
    }

    @Override
    public int compareTo(Interval other) {
        return Integer.compare(minutes, other.minutes);
    }

    @Override
    public String toString() {
        return minutes % 60 == 0 ? (minutes / 60) + "h" : minutes + "m";
    }
}
