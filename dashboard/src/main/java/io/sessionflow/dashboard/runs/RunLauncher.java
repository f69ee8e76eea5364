package io.sessionflow.dashboard.runs;

/**
 * Starts replays asked for from the page; the app implements it over its store and calendar settings, so this module
 * knows nothing of the command line.
 *
 * <p>Threading: {@link #launch} is called on HTTP threads, possibly at once; it returns when the run has started on
 * threads of its own.
 */
@FunctionalInterface
public interface RunLauncher {

    /**
     * Checks {@code request} against the store and starts the replay.
     *
     * @param id the id the registry gave the run
     * @throws io.sessionflow.dashboard.BadRequest when the store cannot serve the request (an unknown symbol), with a
     *                                             message naming it
     */
    RunHandle launch(String id, RunRequest request);
}
