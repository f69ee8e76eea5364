package io.sessionflow.api;

import java.time.LocalDate;

/**
 * Where a run stands.
 *
 * @param sessionsDone  sessions ended so far
 * @param sessionsTotal sessions in the backtest window (0 in live mode)
 * @param events        events delivered so far
 * @param session       the session being streamed, null before the first
 *
 * <p>Immutable.
 */
public record Progress(int sessionsDone, int sessionsTotal, long events, LocalDate session) {
}
