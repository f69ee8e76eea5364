package io.sessionflow.dashboard.runs;

import java.util.Locale;

/**
 * Where a run stands; the last three are final. {@link #code()} is the value in the API's JSON.
 *
 * <p>Immutable (an enum).
 */
public enum RunState {
    RUNNING, PAUSED, FINISHED, STOPPED, FAILED;

    /** Whether the run has ended and its state will not change again. */
    public boolean ended() {
        return this == FINISHED || this == STOPPED || this == FAILED;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
