package io.sessionflow.api;

import java.util.List;
import java.util.Optional;

/**
 * How a run ended and what it delivered.
 *
 * @param outcome      completed every session, was stopped, or failed
 * @param failure      the cause when failed
 * @param sessions     one summary per finished session, in order
 * @param events       events delivered (session starts and ends, 1m and derived bars, quotes, trades)
 * @param timerExpired whether any session ended because the session-end timer expired
 * @param wallNanos    wall time from start to end of the run
 *
 * <p>Immutable.
 */
public record RunResult(Outcome outcome, Throwable failure, List<SessionSummary> sessions, long events,
                        boolean timerExpired, long wallNanos) {

    public enum Outcome {
        COMPLETED,
        STOPPED,
        FAILED
    }

    public RunResult {
        sessions = List.copyOf(sessions);
    }

    public Optional<Throwable> failureCause() {
        return Optional.ofNullable(failure);
    }
}
