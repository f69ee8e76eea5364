/**
 * The main coordinator thread ({@link io.sessionflow.coordinator.StreamCoordinator}): a chronological merge of its
 * input queues ({@link io.sessionflow.coordinator.EventQueue}, each a time-ordered sequence of
 * {@link io.sessionflow.coordinator.EventBatch}es) into SessionData and then to subscribers
 * ({@link io.sessionflow.api.MarketDataListener}), with backtest time, speed, pause, derived bars and
 * session boundaries.
 *
 * <p>Order of delivery: non-decreasing availability time (a bar's end, a quote's or trade's own time); at equal
 * times 1m bars, then quotes, then trades, then completeness checks, each by symbol, then in stream order; a
 * derived bar right after the 1m bar that completes it, or, when its last minute is missing, after every event of
 * its window's end.
 */
package io.sessionflow.coordinator;
