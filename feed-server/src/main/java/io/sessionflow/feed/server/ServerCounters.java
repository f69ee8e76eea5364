package io.sessionflow.feed.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures behind {@link FeedServerStats}, written by the sender thread and the web server's threads.
 *
 * <p>Thread-safe: atomics and volatiles.
 */
final class ServerCounters {
    final AtomicLong pointsPlayed = new AtomicLong();
    final AtomicLong pointsSkipped = new AtomicLong();
    final AtomicLong framesSent = new AtomicLong();
    final AtomicLong slowClientsDropped = new AtomicLong();
    final AtomicLong maxQueuedChars = new AtomicLong();
    volatile int sessionsPlayed;
    volatile boolean replayFinished;
    volatile String failure;

    void queued(long chars) {
        maxQueuedChars.accumulateAndGet(chars, Math::max);
    }
}
