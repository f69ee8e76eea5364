package io.sessionflow.feed;

import io.sessionflow.coordinator.EventBatch;
import io.sessionflow.domain.Micros;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a feed owes its {@link FeedSink}: the batches released in order, then the watermark they promise, or the
 * idleness of a broken connection. A full sink holds everything back, the watermark included, so a watermark never
 * overtakes the batches it follows.
 *
 * <p>Threading: the feed's thread only.
 */
final class SinkOutbox {

    private static final Logger LOG = LoggerFactory.getLogger(SinkOutbox.class);

    private final FeedSink sink;
    private final ArrayDeque<EventBatch> out = new ArrayDeque<>();
    private long watermarkSent = Long.MIN_VALUE;
    private long watermarkDue = Long.MIN_VALUE;
    private boolean idleDue;

    SinkOutbox(FeedSink sink) {
        this.sink = sink;
    }

    /** Where released batches go. */
    Consumer<EventBatch> adder() {
        return out::add;
    }

    boolean isEmpty() {
        return out.isEmpty();
    }

    /** Nothing before {@code micros} will come while streaming. */
    void promise(long micros) {
        watermarkDue = Math.max(watermarkDue, micros);
    }

    /** The connection broke: the sink hears the input is idle once the batches are out. */
    void idleDue(boolean due) {
        idleDue = due;
    }

    /**
     * Puts the batches waiting for the sink; then the due watermark ({@code streaming}), or the idleness.
     *
     * @return the work done: batches put, and the idleness; a watermark is none
     * @throws IllegalStateException when the sink is closed
     */
    int drain(boolean streaming) {
        int n = 0;
        while (!out.isEmpty() && sink.offer(out.peek())) {
            out.poll();
            n++;
        }
        if (!out.isEmpty()) {
            return n;
        }
        if (streaming && watermarkDue > watermarkSent) {
            // A promise alone is no work: the clock moves between any two cycles, and counting it kept the feed's
            // thread from ever idling. The feed then promises again at its next clock poll.
            sink.advanceWatermark(Micros.toInstant(watermarkDue));
            watermarkSent = watermarkDue;
        } else if (idleDue && !streaming) {
            sink.markIdle();
            idleDue = false;
            n++;
        }
        return n;
    }

    /** The end: one attempt per batch (a stop must return even when the sink takes nothing more), then idle. */
    void flushOnce(String feed) {
        int dropped = 0;
        for (EventBatch b; (b = out.poll()) != null; ) {
            if (!offerQuietly(b)) {
                dropped++;
            }
        }
        if (dropped > 0) {
            LOG.warn("{}: {} batches not taken by {} at the end", feed, dropped, sink);
        }
        try {
            sink.markIdle();
        } catch (RuntimeException e) {
            LOG.debug("{}: marking {} idle failed: {}", feed, sink, e.toString());
        }
    }

    private boolean offerQuietly(EventBatch b) {
        try {
            return sink.offer(b);
        } catch (IllegalStateException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return String.valueOf(sink);
    }
}
