/**
 * {@code sessionflow feed-server}'s engine: {@link io.sessionflow.feed.server.FeedServer} serves stored sessions over
 * WebSocket in the Alpaca Market Data v2 stock stream format at k times real time, on Javalin (Jetty 12), so that a
 * live strategy can be paper-tested offline and the Alpaca connector tested end to end. A
 * {@link io.sessionflow.feed.server.ReplayPlan} says what plays when (sessions, symbols, speed, anchor, time shift);
 * {@link io.sessionflow.feed.server.FeedServerSettings} says where it listens and whom it lets in. The wire format
 * is {@link io.sessionflow.feed.alpaca.AlpacaWire}, next to the client's codec.
 */
package io.sessionflow.feed.server;
