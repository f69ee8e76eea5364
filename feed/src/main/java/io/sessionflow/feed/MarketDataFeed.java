package io.sessionflow.feed;

import java.util.Optional;

/**
 * A live market-data feed: connect, subscribe and unsubscribe symbols per stream type, and stop. Events go into
 * the coordinator input the feed was built with. Subscriptions made before the connection is up, or while it is
 * reconnecting, are sent once it streams; after a reconnect everything subscribed is subscribed again.
 *
 * <p>Threading: all methods are safe to call from any thread; they record a request and return at once, and the
 * feed's own thread carries it out.
 */
public interface MarketDataFeed extends AutoCloseable {

    /** A short name for logs and status lines. */
    String name();

    /** Starts connecting; a feed connects once, then reconnects on its own until stopped or failed. */
    void connect();

    /** Adds symbols; a symbol already subscribed is not sent twice. */
    void subscribe(Subscription subscription);

    /** Removes symbols. */
    void unsubscribe(Subscription subscription);

    /** What the feed has been asked to stream. */
    Subscription subscription();

    FeedState state();

    FeedHealth health();

    /** Why the feed failed, once it is {@link FeedState#FAILED}. */
    Optional<String> failure();

    /** Asks the feed to stop: it closes its connection and ends in {@link FeedState#STOPPED}. Idempotent. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
