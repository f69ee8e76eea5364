package io.sessionflow.session;

import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Interval;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One symbol's trailing sessions: per interval, the bars of each session date held, oldest first. Adding a session
 * gives a new value; sessions already held stay as they are (the same {@link BarSeries}, never copied), and a date
 * already held is not replaced.
 *
 * <p>Immutable; safe to share between threads.
 */
final class TrailingHistory {

    static final TrailingHistory EMPTY = new TrailingHistory(Map.of());

    /** Unmodifiable, and so are its maps. */
    private final Map<Interval, NavigableMap<LocalDate, BarSeries>> sessions;

    private TrailingHistory(Map<Interval, NavigableMap<LocalDate, BarSeries>> sessions) {
        this.sessions = sessions;
    }

    /** Every interval's sessions, per date, oldest first; unmodifiable. */
    Map<Interval, NavigableMap<LocalDate, BarSeries>> asMap() {
        return sessions;
    }

    /** The sessions held in {@code interval}, oldest first; empty when none. */
    NavigableMap<LocalDate, BarSeries> of(Interval interval) {
        NavigableMap<LocalDate, BarSeries> h = sessions.get(interval);
        return h == null ? Collections.emptyNavigableMap() : h;
    }

    /**
     * The session of {@code date} joins the history of each interval of {@code bars}, and each of those keeps only
     * its {@code keep} latest dates.
     */
    TrailingHistory roll(LocalDate date, Map<Interval, BarSeries> bars, int keep) {
        Objects.requireNonNull(date, "date");
        Map<Interval, Map<LocalDate, BarSeries>> one = new LinkedHashMap<>();
        bars.forEach((interval, series) -> one.put(interval, Map.of(date, series)));
        return addAll(one, keep);
    }

    /**
     * Sessions per interval per date join the history (dates already held are kept as held), and each interval
     * given keeps only its {@code keep} latest dates; intervals not given stay as they are.
     *
     * @return this when nothing changed
     * @throws IllegalArgumentException when {@code keep} is negative
     */
    TrailingHistory addAll(Map<Interval, ? extends Map<LocalDate, BarSeries>> added, int keep) {
        if (keep < 0) {
            throw new IllegalArgumentException("keep " + keep + " trailing sessions: must not be negative");
        }
        Map<Interval, NavigableMap<LocalDate, BarSeries>> next = new LinkedHashMap<>(sessions);
        boolean changed = false;
        for (Map.Entry<Interval, ? extends Map<LocalDate, BarSeries>> e : added.entrySet()) {
            Interval interval = Objects.requireNonNull(e.getKey(), "interval");
            TreeMap<LocalDate, BarSeries> m = new TreeMap<>(of(interval));
            boolean touched = !sessions.containsKey(interval);
            for (Map.Entry<LocalDate, BarSeries> session : e.getValue().entrySet()) {
                touched |= m.putIfAbsent(Objects.requireNonNull(session.getKey(), "date"),
                        Objects.requireNonNull(session.getValue(), "bars")) == null;
            }
            while (m.size() > keep) {
                m.pollFirstEntry();
                touched = true;
            }
            if (touched) {
                next.put(interval, Collections.unmodifiableNavigableMap(m));
                changed = true;
            }
        }
        return changed ? new TrailingHistory(Collections.unmodifiableMap(next)) : this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrailingHistory t && sessions.equals(t.sessions);
    }

    @Override
    public int hashCode() {
        return sessions.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("TrailingHistory{");
        sessions.forEach((interval, m) -> b.append(interval).append('=').append(m.keySet()).append(' '));
        return b.append('}').toString();
    }
}
