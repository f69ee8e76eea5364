package io.sessionflow.feed;

/**
 * The provider-specific half of a feed: a socket and a wire format. {@link FeedConnection} drives it; it decodes
 * frames into {@link FeedMessage}s and encodes {@link FeedRequest}s. A transport is opened again after each close (a
 * reconnect); callbacks from an earlier opening are ignored by the connection, so a late callback does no harm.
 *
 * <p>Threading: {@link #open}, {@link #send} and {@link #close} come from the connection's thread; the receiver's
 * methods may be called from any thread (a socket's), one at a time, and must not block.
 */
public interface FeedTransport {

    /** Starts opening and returns at once; the outcome comes through {@code receiver}. */
    void open(Receiver receiver);

    /** Sends a request on the open connection; a failure is reported through the receiver, not thrown. */
    void send(FeedRequest request);

    /** Closes the connection, if open, within a bound; no callback of this opening counts after it. */
    void close();

    /** Where the transport reports. */
    interface Receiver {
        /** The connection is open: the connection sends its credentials next. */
        void onOpen();

        void onMessage(FeedMessage message);

        /** The connection ended or could not be opened; {@code reason} holds no secret. */
        void onClosed(String reason);
    }
}
