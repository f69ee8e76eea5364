/**
 * The Alpaca Market Data v2 connector: {@link io.sessionflow.feed.alpaca.AlpacaTransport}, the real-time stock
 * stream as a {@link io.sessionflow.feed.FeedTransport} on the JDK's {@link java.net.http.WebSocket}, and
 * {@link io.sessionflow.feed.alpaca.AlpacaCodec}, its wire format (Jackson). A
 * {@link io.sessionflow.feed.FeedConnection} over the transport is a live feed with reconnects. The REST historical
 * bars endpoint is not here yet.
 */
package io.sessionflow.feed.alpaca;
