package io.sessionflow.feed;

import java.util.Objects;

/**
 * What a {@link FeedConnection} asks a {@link FeedTransport} to send; the transport encodes it in its wire format.
 *
 * <p>Immutable; safe to share between threads.
 */
public sealed interface FeedRequest {

    /** Log in; a record whose string form is redacted as {@link Credentials#toString()} is. */
    record Authenticate(Credentials credentials) implements FeedRequest {
        public Authenticate {
            Objects.requireNonNull(credentials, "credentials");
        }
    }

    /** Add these symbols to what the server sends. */
    record Subscribe(Subscription subscription) implements FeedRequest {
        public Subscribe {
            Objects.requireNonNull(subscription, "subscription");
        }
    }

    /** Remove these symbols from what the server sends. */
    record Unsubscribe(Subscription subscription) implements FeedRequest {
        public Unsubscribe {
            Objects.requireNonNull(subscription, "subscription");
        }
    }
}
