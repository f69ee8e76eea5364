package io.sessionflow.store.jdbc;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import java.util.ArrayList;
import java.util.List;

/**
 * How a grouped query finds the session of a row without a range join: {@code floor((t - boundary) / day)} numbers
 * UTC days that start at {@code boundary} past midnight, and a run of sessions shares one boundary when each session
 * lies inside one such day and no two share a day. The query then joins sessions on that number, an equality that
 * both backends hash. Sessions that no single boundary separates (24-hour sessions whose UTC times move with daylight
 * saving) are split into several runs, each queried on its own.
 *
 * <p>Immutable.
 */
record SessionBuckets(long boundaryMicros, List<TradingSession> sessions) {

    static final long DAY_MICROS = 86_400L * Micros.PER_SECOND;
    /** Boundaries tried, every quarter hour of the UTC day. */
    private static final long STEP_MICROS = 15L * 60 * Micros.PER_SECOND;

    SessionBuckets {
        sessions = List.copyOf(sessions);
    }

    /**
     * Days added to every day number so that times from year 1 on have a positive one: SQL's {@code %} truncates
     * towards zero, which is a floor only for positive numbers.
     */
    private static final long SHIFT_DAYS = 1_000_000;

    /** The day number of {@code micros} under {@link #boundaryMicros}. */
    long bucket(long micros) {
        return Math.floorDiv(micros - boundaryMicros, DAY_MICROS) + SHIFT_DAYS;
    }

    /**
     * {@link #bucket} in SQL of the BIGINT epoch-micros expression {@code micros}, exactly: integer arithmetic, and
     * the one division (a double in DuckDB) is of an exact multiple of the day.
     */
    String bucketSql(String micros) {
        String shifted = "(" + micros + " + " + (SHIFT_DAYS * DAY_MICROS - boundaryMicros) + ")";
        return "CAST((" + shifted + " - " + shifted + " % " + DAY_MICROS + ") / " + DAY_MICROS + " AS BIGINT)";
    }

    /**
     * {@code sessions} (in date order, windows not overlapping) in runs of one boundary each, as few as a greedy
     * split gives: one for calendars whose sessions keep clear of some quarter hour of the UTC day.
     */
    static List<SessionBuckets> split(List<TradingSession> sessions) {
        List<SessionBuckets> runs = new ArrayList<>();
        int from = 0;
        while (from < sessions.size()) {
            int bestEnd = from;
            long best = 0;
            for (long b = 0; b < DAY_MICROS; b += STEP_MICROS) {
                int end = reach(sessions, from, b);
                if (end > bestEnd) {
                    bestEnd = end;
                    best = b;
                }
            }
            if (bestEnd == from) {
                // A session longer than a day: it gets a run and a bucket of its own (its open's day).
                bestEnd = from + 1;
                best = Math.floorMod(Micros.of(sessions.get(from).open()), DAY_MICROS);
            }
            runs.add(new SessionBuckets(best, sessions.subList(from, bestEnd)));
            from = bestEnd;
        }
        return runs;
    }

    /** How far from {@code from} the sessions each fit in one day of boundary {@code b}, in distinct days. */
    private static int reach(List<TradingSession> sessions, int from, long b) {
        long previous = Long.MIN_VALUE;
        int i = from;
        for (; i < sessions.size(); i++) {
            TradingSession s = sessions.get(i);
            long day = Math.floorDiv(Micros.of(s.open()) - b, DAY_MICROS);
            if (day != Math.floorDiv(Micros.of(s.close()) - 1 - b, DAY_MICROS) || day <= previous) {
                break;
            }
            previous = day;
        }
        return i;
    }
}
