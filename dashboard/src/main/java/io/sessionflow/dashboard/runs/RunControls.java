package io.sessionflow.dashboard.runs;

/**
 * The real controls behind a {@link TrackedRun}: the data manager's pause, resume and stop (and, for a live run, the
 * feed's stop first).
 *
 * <p>Threading: called on HTTP threads; implementations are safe from any thread, as DataManager's methods are.
 */
public interface RunControls {

    void pause();

    void resume();

    /** Asks the run to end; it may return before the run has ended. */
    void stop();
}
