package io.sessionflow.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * The counters behind {@link FeedHealth}: messages and their rate over a window of wall time, events, skips,
 * reconnects, the last message's market time, the lag and the last failure.
 *
 * <p>Threading: the feed's thread only; {@link FeedConnection} publishes the snapshots.
 */
final class HealthMeter {

    private final long windowNanos;
    long messages;
    long events;
    long skipped;
    long reconnects;
    Instant lastMessageTime;
    Duration lag;
    String lastFailure;
    private long windowStart;
    private long windowCount;
    private double rate;

    HealthMeter(Duration window, long nowNanos) {
        this.windowNanos = window.toNanos();
        this.windowStart = nowNanos;
    }

    /** A message came at market time {@code at}; the rate window counts it. */
    void message(Instant at) {
        messages++;
        windowCount++;
        lastMessageTime = at;
    }

    /** Closes the measuring window once it is full; true when the rate changed. */
    boolean tick(long nowNanos) {
        long elapsed = nowNanos - windowStart;
        if (elapsed < windowNanos) {
            return false;
        }
        rate = windowCount * 1e9 / elapsed;
        windowCount = 0;
        windowStart = nowNanos;
        return true;
    }

    /** When the current window ends, wall nanos. */
    long windowEnd() {
        return windowStart + windowNanos;
    }

    FeedHealth snapshot(FeedState state, long lateEvents) {
        return new FeedHealth(state, messages, events, rate, reconnects, lateEvents, skipped, lastMessageTime, lag,
                lastFailure);
    }
}
