package io.sessionflow.session;

import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.config.DerivedAlignment;
import io.sessionflow.domain.Interval;
import io.sessionflow.domain.Micros;
import java.util.Arrays;
import java.util.stream.LongStream;

/**
 * Where one interval's derived windows lie in one session, in minutes after the open. Windows are the cells of a
 * grid of {@code n} minutes anchored at the session open or the market open (forwards and backwards from it),
 * intersected with the runs of minutes between halts: a halt cuts a window, and so do the window's open and close.
 * A window shorter than {@code n} is {@link #partial}; its bar starts at its first minute. Halt minutes are in no
 * window, so no derived bar mixes minutes across a halt. A session without halts whose anchor is its open has the
 * windows {@code [w*n, min((w+1)*n, minutes))}, as before segments.
 *
 * <p>The {@link Interval#SESSION} ({@code 1d}) layout has one window, never partial: from the first to the end of the
 * last minute of the market segment(s), so an early close gives a whole, shorter bar and extended hours are left
 * out; a halt inside it is in no window as above. A session without a market segment takes all its minutes.
 *
 * <p>Built once per session and interval and shared by the session's {@link DerivedWindows}. Immutable; safe to
 * share between threads.
 */
final class WindowLayout {

    private final int n;
    private final long openMicros;
    private final int minutes;
    private final int count;
    private final int[] starts;
    private final int[] ends;
    /** Per minute, its window, or -1 in a halt. */
    private final int[] windowOf;

    private WindowLayout(int n, long openMicros, int minutes, int count, int[] starts, int[] ends, int[] windowOf) {
        this.n = n;
        this.openMicros = openMicros;
        this.minutes = minutes;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
        this.windowOf = windowOf;
    }

    /** The windows of {@code interval} in {@code session} with the given alignment (which a 1d layout ignores). */
    static WindowLayout of(SessionMinutes session, Interval interval, DerivedAlignment alignment) {
        if (interval.isSession()) {
            return session(Micros.of(session.session().open()), session.minutes(), session.kinds());
        }
        return of(session, interval.minutes(), alignment);
    }

    /** The {@code n}-minute windows of {@code session} with the given alignment. */
    static WindowLayout of(SessionMinutes session, int n, DerivedAlignment alignment) {
        int anchor = 0;
        if (alignment == DerivedAlignment.MARKET_OPEN) {
            anchor = (int) ((Micros.of(session.session().marketOpen()) - Micros.of(session.session().open()))
                    / Micros.PER_MINUTE);
        }
        return build(n, Micros.of(session.session().open()), session.minutes(), anchor, session.kinds());
    }

    /** The windows of a session without halts anchored at its open. */
    static WindowLayout regular(long openMicros, int minutes, int n) {
        return build(n, openMicros, minutes, 0, null);
    }

    /** The windows of {@code interval} in a session without halts anchored at its open (all of it market). */
    static WindowLayout regular(long openMicros, int minutes, Interval interval) {
        return interval.isSession() ? session(openMicros, minutes, null) : regular(openMicros, minutes,
                interval.minutes());
    }

    /** The regular layouts of {@code intervals}, in their order. */
    static WindowLayout[] regular(java.util.List<Interval> intervals, long openMicros, int minutes) {
        WindowLayout[] out = new WindowLayout[intervals.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = regular(openMicros, minutes, intervals.get(k));
        }
        return out;
    }

    /**
     * The one 1d window: the market minutes, from the first to the last (halts inside are in no window).
     *
     * @param kinds per minute a segment kind or {@link SessionMinutes#HALT}; null when every minute is market
     */
    private static WindowLayout session(long openMicros, int minutes, byte[] kinds) {
        int market = SessionSegment.Kind.MARKET.ordinal();
        boolean anyMarket = kinds == null;
        for (int m = 0; m < minutes && !anyMarket; m++) {
            anyMarket = kinds[m] == market;
        }
        int first = -1;
        int last = -1;
        for (int m = 0; m < minutes; m++) {
            if (kinds == null || kinds[m] == market || !anyMarket && kinds[m] != SessionMinutes.HALT) {
                first = first < 0 ? m : first;
                last = m;
            }
        }
        int[] windowOf = new int[minutes];
        Arrays.fill(windowOf, -1);
        for (int m = Math.max(first, 0); m <= last; m++) {
            windowOf[m] = kinds != null && kinds[m] == SessionMinutes.HALT ? -1 : 0;
        }
        return new WindowLayout(Interval.SESSION_MINUTES, openMicros, minutes, first < 0 ? 0 : 1,
                new int[] {Math.max(first, 0)}, new int[] {last + 1}, windowOf);
    }

    /** @param kinds per minute a segment kind or {@link SessionMinutes#HALT}; null when no minute is in a halt */
    private static WindowLayout build(int n, long openMicros, int minutes, int anchor, byte[] kinds) {
        if (n <= 0) {
            throw new IllegalArgumentException("window of " + n + " minutes");
        }
        int[] windowOf = new int[minutes];
        int[] starts = new int[minutes / n + 2];
        int[] ends = new int[starts.length];
        int count = 0;
        long cell = Long.MIN_VALUE;
        for (int m = 0; m < minutes; m++) {
            if (kinds != null && kinds[m] == SessionMinutes.HALT) {
                windowOf[m] = -1;
                continue;
            }
            long c = Math.floorDiv(m - anchor, n);
            if (count == 0 || c != cell || ends[count - 1] != m) {  // a new grid cell, or a halt since the last minute
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                    ends = Arrays.copyOf(ends, count * 2);
                }
                starts[count] = m;
                count++;
                cell = c;
            }
            ends[count - 1] = m + 1;
            windowOf[m] = count - 1;
        }
        return new WindowLayout(n, openMicros, minutes, count, starts, ends, windowOf);
    }

    int interval() {
        return n;
    }

    long openMicros() {
        return openMicros;
    }

    int minutes() {
        return minutes;
    }

    int count() {
        return count;
    }

    /** The window of minute {@code m}, or -1 when the minute is in a halt. */
    int windowOf(int m) {
        return windowOf[m];
    }

    /** The first minute of window {@code w}. */
    int start(int w) {
        return starts[w];
    }

    /** The minute (exclusive) where window {@code w} ends. */
    int end(int w) {
        return ends[w];
    }

    /** Cut short by the open, a halt or the close; a 1d window never is. */
    boolean partial(int w) {
        return n != Interval.SESSION_MINUTES && ends[w] - starts[w] < n;
    }

    long startMicros(int w) {
        return openMicros + starts[w] * Micros.PER_MINUTE;
    }

    /**
     * The window ends before minute {@code closeMinute} (the trading close), ascending, as instants in micros: where
     * windows whose last minute is missing are flushed. The close itself is flushed at the session end.
     */
    LongStream endsBefore(int closeMinute) {
        return Arrays.stream(ends, 0, count).filter(e -> e < closeMinute).asLongStream()
                .map(e -> openMicros + e * Micros.PER_MINUTE);
    }
}
