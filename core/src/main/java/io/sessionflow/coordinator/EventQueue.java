package io.sessionflow.coordinator;

import io.sessionflow.agent.WakeSignal;
import io.sessionflow.domain.Micros;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One input of the merge: a bounded queue of {@link EventBatch}es in delivery order from one producer (a session
 * source, a live feed, a stream publisher), with the input's watermark and idleness.
 *
 * <p>Watermark: the producer's promise that nothing earlier than it will come. The producer puts its events in
 * delivery order (time, kind, symbol), so putting a batch promises everything that goes before the batch's last
 * event; the rest of that instant may follow in later batches (a bar and a quote of one instant come in two batches,
 * one per kind). {@link #advanceWatermark} promises
 * more without data (a heartbeat); {@link #complete(LocalDate)} promises the rest of a session. The merge delivers an
 * event only when every input that is not idle has either a later head event or a watermark beyond it, so that the
 * delivery order is the same whatever the arrival order. An input may declare itself idle ({@link #markIdle}); one
 * that blocks the merge and stays silent for its idle timeout is treated as idle for the rest of the session.
 *
 * <p>A full queue makes the producer wait, up to a timeout: that back-pressure bounds memory. Once the run has ended
 * the queue is closed and puts fail at once.
 *
 * <p>Threading: one producer thread puts; the coordinator thread takes; markers of idleness and watermarks may come
 * from any thread.
 */
public final class EventQueue {

    /** The marker that says the producer has nothing more for a session. */
    record Complete(LocalDate session) {
    }

    private final String name;
    private final ArrayBlockingQueue<Object> items;
    private final WakeSignal signal;
    private final Duration idleTimeout;
    private final Duration putTimeout;
    private volatile long watermark = Long.MIN_VALUE;
    private volatile boolean idle;
    private volatile boolean closed;

    EventQueue(String name, int capacity, WakeSignal signal, Duration idleTimeout, Duration putTimeout) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue " + name + " capacity " + capacity + " is not positive");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.items = new ArrayBlockingQueue<>(capacity);
        this.signal = signal;
        this.idleTimeout = Objects.requireNonNull(idleTimeout, "idleTimeout");
        this.putTimeout = Objects.requireNonNull(putTimeout, "putTimeout");
    }

    public String name() {
        return name;
    }

    /** How long this input may block the merge with nothing sent before it is treated as idle for the session. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /**
     * Adds a batch, waiting while the queue is full, up to the queue's put timeout.
     *
     * @throws IllegalStateException when the queue stayed full for the timeout, or the run has ended
     */
    public void put(EventBatch batch) throws InterruptedException {
        if (!offer(batch, putTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(this + " stayed full for " + putTimeout.toMillis()
                    + " ms: the coordinator is not consuming (paused, stopped or slower than the feed)");
        }
    }

    /**
     * Adds a batch, waiting up to {@code timeout} while the queue is full.
     *
     * @return false when it stayed full
     * @throws IllegalStateException when the run has ended
     */
    public boolean offer(EventBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
        return add(Objects.requireNonNull(batch, "batch"), timeout, unit);
    }

    /**
     * Marks the end of this producer's data for {@code session}: its watermark passes the session's end.
     *
     * @throws IllegalStateException when the queue stayed full for the put timeout, or the run has ended
     */
    public void complete(LocalDate session) throws InterruptedException {
        if (!complete(session, putTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(this + " stayed full for " + putTimeout.toMillis() + " ms");
        }
    }

    /** As {@link #complete(LocalDate)}, waiting at most {@code timeout}; false when the queue stayed full. */
    public boolean complete(LocalDate session, long timeout, TimeUnit unit) throws InterruptedException {
        return add(new Complete(Objects.requireNonNull(session, "session")), timeout, unit);
    }

    /** Promises that nothing earlier than {@code t} will come (a heartbeat); a watermark never moves back. */
    public void advanceWatermark(Instant t) {
        long micros = Micros.of(t);
        synchronized (this) {
            if (micros > watermark) {
                watermark = micros;
            }
        }
        idle = false;
        signal.wake();
    }

    /** Declares this input idle: the merge stops waiting for it until it sends again. */
    public void markIdle() {
        idle = true;
        signal.wake();
    }

    private boolean add(Object item, long timeout, TimeUnit unit) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException(this + " is closed: the run has ended");
        }
        boolean added = items.offer(item, timeout, unit);
        if (added) {
            idle = false;
            signal.wake();
        }
        return added;
    }

    /** Next item (an {@link EventBatch} or a {@link Complete}) or null; coordinator thread only. */
    Object poll() {
        return items.poll();
    }

    long watermark() {
        return watermark;
    }

    boolean declaredIdle() {
        return idle;
    }

    /** The run has ended: producers are refused from now on. */
    void close() {
        closed = true;
        items.clear();
    }

    @Override
    public String toString() {
        return "queue " + name;
    }
}
