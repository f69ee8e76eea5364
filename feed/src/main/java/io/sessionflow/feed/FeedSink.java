package io.sessionflow.feed;

import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.coordinator.EventQueue;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Where a feed puts its events: a coordinator input. {@link #of(EventQueue)} adapts the coordinator's queue; tests
 * record.
 *
 * <p>Threading: one producer thread (the feed's) calls it.
 */
public interface FeedSink {

    /**
     * Adds a batch without waiting.
     *
     * @return false when the input is full (the feed keeps the batch and tries again)
     * @throws IllegalStateException when the run has ended
     */
    boolean offer(EventBatch batch);

    /** Promises that nothing earlier than {@code t} will come. */
    void advanceWatermark(Instant t);

    /** Says the feed will not send for a while (disconnected, stopped): the merge stops waiting for it. */
    void markIdle();

    /** The coordinator input {@code queue}. */
    static FeedSink of(EventQueue queue) {
        Objects.requireNonNull(queue, "queue");
        return new FeedSink() {
            @Override
            public boolean offer(EventBatch batch) {
                try {
                    return queue.offer(batch, 0, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }

            @Override
            public void advanceWatermark(Instant t) {
                queue.advanceWatermark(t);
            }

            @Override
            public void markIdle() {
                queue.markIdle();
            }

            @Override
            public String toString() {
                return queue.toString();
            }
        };
    }
}
