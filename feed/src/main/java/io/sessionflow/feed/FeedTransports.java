package io.sessionflow.feed;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wrappers around a {@link FeedTransport}.
 *
 * <p>Stateless; each wrapper documents its own threading.
 */
public final class FeedTransports {

    private FeedTransports() {
    }

    /**
     * {@code inner}, calling {@code onReplayStart} once, on the transport's thread, when the first subscription
     * acknowledgement arrives: a feed-server begins its replay when it is subscribed, so a replay clock started then
     * counts from the same moment. Later acknowledgements (after a reconnect) change nothing.
     */
    public static FeedTransport startingOnFirstSubscription(FeedTransport inner, Runnable onReplayStart) {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(onReplayStart, "onReplayStart");
        AtomicBoolean started = new AtomicBoolean();
        return new FeedTransport() {
            @Override
            public void open(Receiver r) {
                inner.open(new Receiver() {
                    @Override
                    public void onOpen() {
                        r.onOpen();
                    }

                    @Override
                    public void onMessage(FeedMessage m) {
                        if (m instanceof FeedMessage.Subscribed && started.compareAndSet(false, true)) {
                            onReplayStart.run();  // before the feed sees the acknowledgement and the data after it
                        }
                        r.onMessage(m);
                    }

                    @Override
                    public void onClosed(String reason) {
                        r.onClosed(reason);
                    }
                });
            }

            @Override
            public void send(FeedRequest request) {
                inner.send(request);
            }

            @Override
            public void close() {
                inner.close();
            }

            @Override
            public String toString() {
                return inner.toString();
            }
        };
    }
}
