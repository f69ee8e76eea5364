package io.sessionflow.api;

import java.util.Locale;

/**
 * Why a session ended; {@link #code()} is the value written in event and summary files.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum SessionEndReason {
    /** Every stream was drained and known complete, or drained within a minute of the session end. */
    END_OF_DATA,
    /** Streams were drained but not known complete, and no data arrived within the session-end timeout. */
    TIMER_EXPIRED,
    /** Time reached the session end (live mode, or data beyond the session). */
    CLOCK;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
