package io.sessionflow.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The end of a session: its date, the time (always the session's end: time advances to it, never past it) and why.
 *
 * <p>Immutable.
 */
public record SessionEnd(LocalDate date, Instant time, SessionEndReason reason) {

    public SessionEnd {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(reason, "reason");
    }
}
