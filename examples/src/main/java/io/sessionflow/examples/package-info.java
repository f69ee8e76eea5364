/**
 * Example strategies that use only the public API ({@link io.sessionflow.api.DataManager} and the listener and
 * SessionData types it exposes), in a backtest or live on a feed ({@link io.sessionflow.feed.LiveFeed}) with the same
 * listener. Run them with {@code examples/run}.
 */
package io.sessionflow.examples;
