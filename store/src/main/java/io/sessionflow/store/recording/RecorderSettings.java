package io.sessionflow.store.recording;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StoreRecorder} batches, waits and retries.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param batchBars     bars per batch: a batch is written once it holds this many bars
 * @param batchTicks    quotes (and, separately, trades) per batch
 * @param flushInterval a batch that is not full is written this long (writer's wall clock) after its first event
 * @param capacity      events the hand-off between the coordinator thread and the writer holds
 * @param offerTimeout  how long the coordinator thread waits for room in a full hand-off before it drops the event
 * @param quotes        whether quotes are recorded
 * @param trades        whether trades are recorded
 * @param retryBackoff  the wait after the first failed write; it doubles per failure up to {@code maxBackoff}
 * @param maxBackoff    the longest wait between attempts
 * @param closeAttempts attempts per batch once the recorder is closing, after which the batch is reported lost
 * @param closeTimeout  how long {@link StoreRecorder#close()} waits for the writer to write everything and stop
 */
public record RecorderSettings(int batchBars, int batchTicks, Duration flushInterval, int capacity,
                               Duration offerTimeout, boolean quotes, boolean trades, Duration retryBackoff,
                               Duration maxBackoff, int closeAttempts, Duration closeTimeout) {

    /** Bars in batches of 500 or every second, no ticks, a hand-off of 65,536 events. */
    public static final RecorderSettings DEFAULT = new RecorderSettings(500, 10_000, Duration.ofSeconds(1), 65_536,
            Duration.ofMillis(100), false, false, Duration.ofMillis(100), Duration.ofSeconds(10), 3,
            Duration.ofSeconds(10));

    public RecorderSettings {
        positive("batchBars", batchBars);
        positive("batchTicks", batchTicks);
        positive("capacity", capacity);
        positive("closeAttempts", closeAttempts);
        positive("flushInterval", flushInterval);
        notNegative("offerTimeout", offerTimeout);
        positive("retryBackoff", retryBackoff);
        positive("maxBackoff", maxBackoff);
        positive("closeTimeout", closeTimeout);
        if (maxBackoff.compareTo(retryBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff " + maxBackoff + " is below retryBackoff " + retryBackoff);
        }
    }

    private static void positive(String name, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " " + v + " is not positive");
        }
    }

    private static void positive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " " + d + " is not positive");
        }
    }

    private static void notNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " " + d + " is negative");
        }
    }

    public RecorderSettings withBatchBars(int v) {
        return new RecorderSettings(v, batchTicks, flushInterval, capacity, offerTimeout, quotes, trades,
                retryBackoff, maxBackoff, closeAttempts, closeTimeout);
    }

    public RecorderSettings withBatchTicks(int v) {
        return new RecorderSettings(batchBars, v, flushInterval, capacity, offerTimeout, quotes, trades,
                retryBackoff, maxBackoff, closeAttempts, closeTimeout);
    }

    public RecorderSettings withFlushInterval(Duration v) {
        return new RecorderSettings(batchBars, batchTicks, v, capacity, offerTimeout, quotes, trades,
                retryBackoff, maxBackoff, closeAttempts, closeTimeout);
    }

    public RecorderSettings withCapacity(int v, Duration offer) {
        return new RecorderSettings(batchBars, batchTicks, flushInterval, v, offer, quotes, trades,
                retryBackoff, maxBackoff, closeAttempts, closeTimeout);
    }

    /** Which tick streams are recorded besides bars. */
    public RecorderSettings withTicks(boolean recordQuotes, boolean recordTrades) {
        return new RecorderSettings(batchBars, batchTicks, flushInterval, capacity, offerTimeout, recordQuotes,
                recordTrades, retryBackoff, maxBackoff, closeAttempts, closeTimeout);
    }

    public RecorderSettings withRetry(Duration backoff, Duration max, int attemptsOnClose) {
        return new RecorderSettings(batchBars, batchTicks, flushInterval, capacity, offerTimeout, quotes, trades,
                backoff, max, attemptsOnClose, closeTimeout);
    }
}
