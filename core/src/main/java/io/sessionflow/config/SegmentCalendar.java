package io.sessionflow.config;

import io.sessionflow.calendar.CalendarRangeException;
import io.sessionflow.calendar.SessionSegment;
import io.sessionflow.calendar.TradingCalendar;
import io.sessionflow.calendar.TradingSession;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A calendar whose sessions keep only some of their segments ({@code segments}): each session's window becomes the
 * span from its first kept segment's start to its last kept segment's end, a dropped segment between two kept ones
 * becomes a halt, and a session keeping none is no session. Made by {@link SessionConfig#calendar}; the identity
 * when every kind is kept.
 *
 * <p>Immutable; safe to share between threads.
 */
final class SegmentCalendar implements TradingCalendar {

    private final TradingCalendar base;
    private final Set<SessionSegment.Kind> kept;

    private SegmentCalendar(TradingCalendar base, Set<SessionSegment.Kind> kept) {
        this.base = base;
        this.kept = kept;
    }

    /** {@code base} with its sessions cut to the {@code kept} segments; {@code base} itself when all are kept. */
    static TradingCalendar of(TradingCalendar base, Set<SessionSegment.Kind> kept) {
        Objects.requireNonNull(base, "base");
        if (kept.containsAll(Set.of(SessionSegment.Kind.values()))) {
            return base;
        }
        return new SegmentCalendar(base, Set.copyOf(kept));
    }

    /** {@code s} cut to the kept segments; empty when it keeps none. */
    Optional<TradingSession> cut(TradingSession s) {
        List<SessionSegment> keep = new ArrayList<>(s.segments().size());
        for (SessionSegment g : s.segments()) {
            if (kept.contains(g.kind())) {
                keep.add(g);
            }
        }
        if (keep.size() == s.segments().size()) {
            return Optional.of(s);
        }
        if (keep.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TradingSession(s.date(), keep.get(0).start(), keep.get(keep.size() - 1).end(),
                s.zone(), s.earlyClose(), keep));
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public ZoneId zone() {
        return base.zone();
    }

    @Override
    public LocalDate firstDate() {
        return base.firstDate();
    }

    @Override
    public LocalDate lastDate() {
        return base.lastDate();
    }

    @Override
    public Optional<TradingSession> session(LocalDate date) {
        return base.session(date).flatMap(this::cut);
    }

    @Override
    public LocalDate nextTradingDay(LocalDate date) {
        LocalDate d = base.nextTradingDay(date);
        while (session(d).isEmpty()) {
            d = base.nextTradingDay(d);
        }
        return d;
    }

    @Override
    public LocalDate previousTradingDay(LocalDate date) {
        LocalDate d = base.previousTradingDay(date);
        while (session(d).isEmpty()) {
            d = base.previousTradingDay(d);
        }
        return d;
    }

    @Override
    public List<TradingSession> sessions(LocalDate from, LocalDate toExclusive) {
        List<TradingSession> out = new ArrayList<>();
        for (TradingSession s : base.sessions(from, toExclusive)) {
            cut(s).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<TradingSession> sessionContaining(Instant t) {
        return base.sessionContaining(t).flatMap(this::cut).filter(s -> s.contains(t));
    }

    @Override
    public List<TradingSession> sessionsBefore(LocalDate date, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of sessions " + n + " is negative");
        }
        List<TradingSession> out = new ArrayList<>(n);
        LocalDate d = date;
        while (out.size() < n) {
            try {
                d = base.previousTradingDay(d);
            } catch (CalendarRangeException e) {
                break;  // the calendar starts sooner: fewer sessions, as TradingCalendar says
            }
            session(d).ifPresent(out::add);
        }
        Collections.reverse(out);
        return out;
    }

    @Override
    public TradingCalendar withSessionHours(LocalTime start, LocalTime end) {
        return of(base.withSessionHours(start, end), kept);
    }

    @Override
    public String toString() {
        return base + " " + ConfigValues.segmentsText(kept);
    }
}
