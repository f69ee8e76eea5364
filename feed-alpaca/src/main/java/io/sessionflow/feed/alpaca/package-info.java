/**
 * The Alpaca Market Data v2 connector: {@link io.sessionflow.feed.alpaca.AlpacaTransport}, the real-time stock
 * stream as a {@link io.sessionflow.feed.FeedTransport} on the JDK's {@link java.net.http.WebSocket}, and
 * {@link io.sessionflow.feed.alpaca.AlpacaCodec}, its wire format (Jackson), with
 * {@link io.sessionflow.feed.alpaca.AlpacaWire}, the server side of the same format (what {@code feed-server} sends),
 * beside it so the two cannot drift. A
 * {@link io.sessionflow.feed.FeedConnection} over the transport is a live feed with reconnects.
 *
 * <p>{@link io.sessionflow.feed.alpaca.AlpacaHistoricalBars} is the REST history of 1m bars
 * ({@code GET /v2/stocks/bars} on the JDK's {@link java.net.http.HttpClient}, with paging, rate-limit waits and
 * bounded retries) as a {@link io.sessionflow.storage.HistoricalBars} source: wrapped around a store with
 * {@link io.sessionflow.storage.MarketDataStores#withBarBackfill}, it gives a live data manager the session's earlier
 * minutes on a warm start and the minutes its feed lost on the completeness checks, and writes them into the store.
 * Both use the same key and secret ({@link io.sessionflow.feed.Credentials}); neither logs the secret.
 */
package io.sessionflow.feed.alpaca;
