/**
 * The one clock every part reads ({@link io.sessionflow.time.TimeProvider}) and the wall clock used only to pace a
 * backtest ({@link io.sessionflow.time.WallClock}). No logic in Sessionflow reads the system clock directly: live
 * time comes from an injected {@link java.time.Clock}, and tests inject settable clocks.
 */
package io.sessionflow.time;
