/**
 * The public facade a strategy uses: {@link io.sessionflow.api.DataManager} (mode, backtest window, stream
 * registration, subscriptions, the {@code streamBars} iterator, time and session queries, SessionData, run control).
 */
package io.sessionflow.api;
