/**
 * The one clock every part reads ({@link io.sessionflow.time.TimeProvider}) and the wall clock used only to pace a
 * backtest ({@link io.sessionflow.time.WallClock}). No logic in Sessionflow reads the system clock directly: live
 * time comes from an injected {@link java.time.Clock}, and tests inject settable clocks.
 * {@link io.sessionflow.time.ReplayClock} is a market clock running k times as fast as the wall clock, for paper runs
 * against a replayed session; code that waits for feed latency (wall time) on it scales its graces by its speed
 * ({@link io.sessionflow.time.TimeProvider#marketMicros}).
 */
package io.sessionflow.time;
