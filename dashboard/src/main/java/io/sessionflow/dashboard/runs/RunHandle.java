package io.sessionflow.dashboard.runs;

import java.util.Optional;

/**
 * A run the dashboard follows and controls: one started from the page, or one attached by {@code replay --dashboard}
 * or {@code live --dashboard}. Its figures are on its {@link #board()}; its controls call the data manager's.
 *
 * <p>Threading: implementations are safe from any thread (HTTP threads call the controls and read the state).
 */
public interface RunHandle {

    /** The run's id in {@code /api/runs/{id}}: lowercase letters, digits and '-'. */
    String id();

    RunKind kind();

    /** "page" for a run started from the page, "command" for one attached by the command that runs it. */
    String origin();

    /** What a replay was asked to do; empty for a live run. */
    Optional<RunRequest> request();

    /** One line for people: the command or the request, e.g. {@code replay SPY,IBM 2013-10-07..2013-10-08}. */
    String description();

    RunState state();

    /** Whether a stop was asked for and the run has not ended yet. */
    default boolean stopping() {
        return false;
    }

    ProgressBoard board();

    /** The session table and the summary, once the run has ended (also after a stop, for the sessions that ended). */
    Optional<RunReport> report();

    /** Why the run failed, when it did. */
    Optional<String> failure();

    /**
     * Pauses a running run.
     *
     * @throws IllegalStateException when it is not running
     */
    void pause();

    /**
     * Resumes a paused run.
     *
     * @throws IllegalStateException when it is not paused
     */
    void resume();

    /**
     * Stops a running or paused run; it ends as {@link RunState#STOPPED} with the report of the sessions that ended.
     *
     * @throws IllegalStateException when it has ended already
     */
    void stop();
}
