package io.sessionflow.feed;

import io.sessionflow.coordinator.EventBatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Records what a feed puts, in order: batches, watermarks ("wm <instant>") and idleness ("idle"). */
final class RecordingSink implements FeedSink {

    final List<EventBatch> batches = new ArrayList<>();
    final List<String> log = new ArrayList<>();
    boolean full;
    boolean closed;

    @Override
    public boolean offer(EventBatch batch) {
        if (closed) {
            throw new IllegalStateException("queue test is closed: the run has ended");
        }
        if (full) {
            return false;
        }
        batches.add(batch);
        log.add("batch " + batch.size());
        return true;
    }

    @Override
    public void advanceWatermark(Instant t) {
        log.add("wm " + t);
    }

    @Override
    public void markIdle() {
        log.add("idle");
    }
}
