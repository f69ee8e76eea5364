package io.sessionflow.coordinator;

/**
 * Where a {@link StreamCoordinator} stands in its run.
 *
 * <p>Immutable (an enum); the coordinator's own.
 */
enum Phase {
    /** Waiting for the current session's split. */
    AWAITING_SPLIT,
    /** Delivering the session's events. */
    STREAMING,
    /** Live: past the close, waiting for the last completeness check. */
    ENDING,
    /** Live: no session now; waiting for the clock to reach the next open. */
    BETWEEN_SESSIONS,
    /** The run has ended. */
    FINISHED
}
