package io.sessionflow.coordinator;

import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One input of the merge: a bounded queue of {@link EventBatch}es in delivery order, from one producer (a session
 * loader, a live feed, a stream publisher), with "session complete" markers that let the coordinator end a session
 * as soon as the queue is drained. A full queue blocks the producer: that is the back-pressure that bounds memory.
 *
 * <p>Threading: one producer thread puts, the coordinator thread takes.
 */
public final class EventQueue {

    /** The marker that says the producer has nothing more for a session. */
    record Complete(LocalDate session) {
    }

    private final String name;
    private final ArrayBlockingQueue<Object> items;
    private final DataSignal signal;

    EventQueue(String name, int capacity, DataSignal signal) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue " + name + " capacity " + capacity + " is not positive");
        }
        this.name = Objects.requireNonNull(name, "name");
        this.items = new ArrayBlockingQueue<>(capacity);
        this.signal = signal;
    }

    public String name() {
        return name;
    }

    /** Adds a batch, waiting while the queue is full. */
    public void put(EventBatch batch) throws InterruptedException {
        items.put(Objects.requireNonNull(batch, "batch"));
        signal.signal();
    }

    /** Adds a batch, waiting up to {@code timeout} while the queue is full; false when it stayed full. */
    public boolean offer(EventBatch batch, long timeout, TimeUnit unit) throws InterruptedException {
        boolean added = items.offer(Objects.requireNonNull(batch, "batch"), timeout, unit);
        if (added) {
            signal.signal();
        }
        return added;
    }

    /** Marks the end of this producer's data for {@code session}, waiting while the queue is full. */
    public void complete(LocalDate session) throws InterruptedException {
        items.put(new Complete(Objects.requireNonNull(session, "session")));
        signal.signal();
    }

    /** As {@link #complete(LocalDate)}, waiting at most {@code timeout}; false when the queue stayed full. */
    public boolean complete(LocalDate session, long timeout, TimeUnit unit) throws InterruptedException {
        boolean added = items.offer(new Complete(Objects.requireNonNull(session, "session")), timeout, unit);
        if (added) {
            signal.signal();
        }
        return added;
    }

    /** Next item (an {@link EventBatch} or a {@link Complete}) or null; coordinator thread only. */
    Object poll() {
        return items.poll();
    }

    boolean isEmpty() {
        return items.isEmpty();
    }

    @Override
    public String toString() {
        return "queue " + name;
    }
}
