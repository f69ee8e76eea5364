package io.sessionflow.dashboard.runs;

import java.util.Locale;

/**
 * What a run is: a backtest over stored sessions, or a live feed. {@link #code()} is the value in the API's JSON.
 *
 * <p>Immutable (an enum).
 */
public enum RunKind {
    REPLAY, LIVE;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
