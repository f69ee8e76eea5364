package io.sessionflow.feed;

/**
 * Where a {@link FeedConnection} stands. {@link #STOPPED} and {@link #FAILED} are terminal.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum FeedState {
    /** Not connected and not asked to connect. */
    DISCONNECTED,
    /** The transport is opening. */
    CONNECTING,
    /** Open; the credentials were sent and the answer is awaited. */
    AUTHENTICATING,
    /** Authenticated; the subscription was sent and its acknowledgement is awaited. */
    SUBSCRIBING,
    /** Events flow. */
    STREAMING,
    /** The connection broke; waiting out a jittered delay before connecting again. */
    BACKOFF,
    /** Stopped on request. */
    STOPPED,
    /** Given up on an error that retrying cannot cure (rejected credentials, a fatal provider error). */
    FAILED;

    /** True for the states after which nothing happens any more. */
    public boolean isTerminal() {
        return this == STOPPED || this == FAILED;
    }
}
