/**
 * The current session's data per data manager: {@link io.sessionflow.session.SessionData} (session date,
 * {@code sessionEnded} and the session hand-off between the coordinator and whoever loads sessions) and one
 * {@link io.sessionflow.session.SymbolSessionData} per symbol (1m bars, derived bars, quotes, trades, session
 * volume/high/low, bar quality, update flags, trailing history).
 *
 * <p>Writers hold a {@link io.sessionflow.session.SessionDataWriter}, of which there is one per SessionData (the
 * coordinator's); readers on any thread get consistent snapshots.
 *
 * <p>Inside, {@code SymbolSessionData} is a facade (lock, update flags, snapshots) over package-private parts, each
 * lock-free and guarded by it: {@code MinuteBook} (the 1m slots, counts and session metrics, and the rules for a bar
 * arriving for a minute already held), {@code DerivedWindows} (one interval's windows, shared by the symbols of the
 * session's grid: where they end, when they are delivered), {@code TickBook} (the quote and trade rings) and the
 * immutable {@code TrailingHistory}.
 */
package io.sessionflow.session;
