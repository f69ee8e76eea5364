/**
 * The current session's data per data manager: {@link io.sessionflow.session.SessionData} (session date,
 * {@code sessionEnded} and the session hand-off between the coordinator and whoever loads sessions) and one
 * {@link io.sessionflow.session.SymbolSessionData} per symbol (1m bars, derived bars, quotes, trades, session
 * volume/high/low, bar quality, update flags, trailing history).
 *
 * <p>Writers hold a {@link io.sessionflow.session.SessionDataWriter}, of which there is one per SessionData (the
 * coordinator's); readers on any thread get consistent snapshots.
 */
package io.sessionflow.session;
