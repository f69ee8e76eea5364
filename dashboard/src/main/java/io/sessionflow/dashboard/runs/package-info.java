/**
 * Runs followed in the dashboard: replays started from the page through a {@link
 * io.sessionflow.dashboard.runs.RunLauncher} (the app implements it, so this module does not depend on the command
 * line) and runs attached by {@code replay --dashboard} or {@code live --dashboard}, kept in a {@link
 * io.sessionflow.dashboard.runs.RunRegistry} and served by {@link io.sessionflow.dashboard.runs.RunRoutes}.
 *
 * <p>Progress reaches the page without the HTTP threads touching the coordinator: a {@link
 * io.sessionflow.dashboard.runs.ProgressSampler} runs as a listener on the coordinator's thread and publishes an
 * immutable {@link io.sessionflow.dashboard.runs.RunProgress} on a {@link
 * io.sessionflow.dashboard.runs.ProgressBoard} at most every 200 ms of wall time (and at session ends); the SSE
 * streams only read the board.
 */
package io.sessionflow.dashboard.runs;
