package io.sessionflow.dashboard.runs;

import java.util.List;

/**
 * A snapshot of a run's figures, taken on the coordinator's thread and then only read.
 *
 * @param session         the session being streamed (YYYY-MM-DD), or null before the first
 * @param time            the run's time (ISO-8601 instant: simulated in a replay), or null before the first session
 * @param sessionsDone    sessions ended so far
 * @param sessionsTotal   sessions in the replay's window; for a live run the sessions asked for, 0 for no limit
 * @param events          events delivered so far
 * @param eventsPerSecond events delivered per second of wall time since the previous snapshot
 * @param symbols         per symbol with a bar stream, in symbol order: the current session's quality so far
 * @param warnings        session ends on the timer, storage retries and issues, in the order they arose
 *
 * <p>Immutable.
 */
public record RunProgress(String session, String time, int sessionsDone, int sessionsTotal, long events,
                          double eventsPerSecond, List<SymbolQuality> symbols, List<String> warnings) {

    /** Before the run's first snapshot. */
    public static final RunProgress NONE = new RunProgress(null, null, 0, 0, 0, 0, List.of(), List.of());

    public RunProgress {
        symbols = List.copyOf(symbols);
        warnings = List.copyOf(warnings);
        if (sessionsDone < 0 || sessionsTotal < 0 || events < 0) {
            throw new IllegalArgumentException("negative progress: " + sessionsDone + "/" + sessionsTotal
                    + " sessions, " + events + " events");
        }
        if (!(eventsPerSecond >= 0) || Double.isInfinite(eventsPerSecond)) {
            throw new IllegalArgumentException("events per second " + eventsPerSecond + " is not a finite rate");
        }
    }
}
