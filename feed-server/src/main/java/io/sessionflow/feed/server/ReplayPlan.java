package io.sessionflow.feed.server;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a {@link FeedServer} plays and when: the sessions, symbols and stream types read from storage, the speed, the
 * anchor and the time shift.
 *
 * <p>The schedule: the first session's open plays at wall time {@code anchorNanos} (a {@link WallClock#nanoTime()}
 * reading) and an event whose time is {@code t} plays at {@code anchorNanos + (t - firstOpen) / speed}. A 1m bar's
 * time here is its END (it is sent once its minute has closed, as Alpaca does); a quote's or trade's is its own
 * time. Later sessions keep their distance from the first one: at speed 1 the next day's session plays the next day.
 * A server started again with the same plan resumes the same schedule: what played while it was down is not sent.
 *
 * <p>Timestamps on the wire are the stored ones plus {@code shift}, a whole number of minutes: zero for the original
 * times, or the distance from the first open to the real instant of the anchor ({@link #playingAt}) so that the
 * session plays "now". A shifted session only makes sense at speed 1: at speed k its timestamps start now but run
 * k times faster than the real clock.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param sessions    the sessions to play, in order, not overlapping
 * @param symbols     the symbols read from storage (clients subscribe to any of them)
 * @param streams     the stream types read from storage: bars, and quotes and trades when wanted
 * @param speed       k in k times real time; positive
 * @param anchorNanos the wall time at which the first session's open plays
 * @param shift       what is added to every timestamp sent; whole minutes
 */
public record ReplayPlan(List<TradingSession> sessions, SortedSet<Symbol> symbols, Set<StreamType> streams,
                         double speed, long anchorNanos, Duration shift) {

    public ReplayPlan {
        Objects.requireNonNull(sessions, "sessions");
        Objects.requireNonNull(symbols, "symbols");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(shift, "shift");
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one session");
        }
        for (int i = 1; i < sessions.size(); i++) {
            if (sessions.get(i).open().isBefore(sessions.get(i - 1).close())) {
                throw new IllegalArgumentException("session " + sessions.get(i).date() + " does not come after "
                        + sessions.get(i - 1).date());
            }
        }
        TreeSet<Symbol> s = new TreeSet<>();
        for (Symbol sym : symbols) {
            s.add(Objects.requireNonNull(sym, "a symbol"));
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one symbol");
        }
        symbols = Collections.unmodifiableSortedSet(s);
        if (streams.isEmpty()) {
            throw new IllegalArgumentException("a replay needs at least one stream type");
        }
        streams = Collections.unmodifiableSet(EnumSet.copyOf(streams));
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed " + speed + " is not a positive number (k x real time)");
        }
        if (shift.toNanos() % Duration.ofMinutes(1).toNanos() != 0) {
            throw new IllegalArgumentException("time shift " + shift + " is not a whole number of minutes");
        }
    }

    /** Bars of {@code symbols} in {@code sessions} at real time, anchored at wall time 0, original timestamps. */
    public static ReplayPlan of(List<TradingSession> sessions, Collection<Symbol> symbols) {
        return new ReplayPlan(sessions, new TreeSet<>(symbols), EnumSet.of(StreamType.BARS), 1, 0, Duration.ZERO);
    }

    public ReplayPlan withSpeed(double k) {
        return new ReplayPlan(sessions, symbols, streams, k, anchorNanos, shift);
    }

    public ReplayPlan withAnchorNanos(long nanos) {
        return new ReplayPlan(sessions, symbols, streams, speed, nanos, shift);
    }

    public ReplayPlan withStreams(Set<StreamType> types) {
        return new ReplayPlan(sessions, symbols, types, speed, anchorNanos, shift);
    }

    public ReplayPlan withShift(Duration d) {
        return new ReplayPlan(sessions, symbols, streams, speed, anchorNanos, d);
    }

    /**
     * This plan with timestamps shifted so that the first session's open is sent as {@code anchorInstant}, the real
     * instant of the anchor, cut down to the whole minute (anchor on a whole minute for an exact match).
     */
    public ReplayPlan playingAt(Instant anchorInstant) {
        return withShift(shiftToPlayAt(anchorInstant, firstOpen()));
    }

    /** The whole minutes from {@code open} to {@code at} (cut down): the shift that makes {@code open} play then. */
    public static Duration shiftToPlayAt(Instant at, Instant open) {
        return Duration.between(open, at.truncatedTo(ChronoUnit.MINUTES));
    }

    public Instant firstOpen() {
        return sessions.get(0).open();
    }

    /** The wall time at which an event with (availability) time {@code marketMicros} plays. */
    public long dueNanos(long marketMicros) {
        double fromOpen = (marketMicros - Micros.of(firstOpen())) * 1_000.0 / speed;
        return anchorNanos + Math.round(fromOpen);
    }

    /** The wall time at which {@code t} plays. */
    public long dueNanos(Instant t) {
        return dueNanos(Micros.of(t));
    }

    /**
     * A clock that shows, at each wall time, the (shifted) market time the server is playing: what a live client
     * run against this server at speed k should use as its clock. UTC.
     */
    public Clock marketClock(WallClock wall) {
        return ReplayClock.anchored(firstOpen().plus(shift), anchorNanos, speed, wall);
    }
}
