package io.sessionflow.domain;

import java.time.Instant;

/**
 * The instant of a time in epoch microseconds, kept while the same time is asked again: the events of one instant
 * (the bars of a minute) share one {@link Instant}, and a view whose time nobody asks for makes none.
 *
 * <p>Not thread-safe: owned by one view.
 */
final class LastInstant {

    private Instant instant;
    private long micros;

    Instant of(long t) {
        if (instant == null || micros != t) {
            instant = Micros.toInstant(t);
            micros = t;
        }
        return instant;
    }
}
