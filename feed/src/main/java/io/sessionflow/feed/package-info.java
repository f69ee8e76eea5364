/**
 * The live feed SPI. A {@link io.sessionflow.feed.MarketDataFeed} connects to a provider, keeps a
 * {@link io.sessionflow.feed.Subscription} of symbols per stream type, and pushes the events it receives into a
 * coordinator input ({@link io.sessionflow.feed.FeedSink}, usually an {@link io.sessionflow.coordinator.EventQueue})
 * in delivery order, with watermarks. {@link io.sessionflow.feed.FeedConnection} is the provider-independent part: a
 * duty-cycle agent whose state machine connects, authenticates, subscribes, streams and, after an error, backs off
 * with full jitter and reconnects, resubscribing everything. A provider connector supplies only a
 * {@link io.sessionflow.feed.FeedTransport} (wire format and socket). {@link io.sessionflow.feed.LiveFeed} runs a
 * connection on a thread of its own into a live {@link io.sessionflow.api.DataManager}, the wiring that
 * {@code sessionflow live} and the examples share. Time comes from injected clocks;
 * {@link io.sessionflow.feed.Credentials} never appear in logs or strings.
 */
package io.sessionflow.feed;
