package io.sessionflow.session;

/**
 * The bookkeeping of a bounded ring of ticks, whose columns a subclass holds: keeps the newest {@code retention} rows
 * and counts the ones it dropped. Grows by doubling up to the retention so that idle symbols stay small.
 *
 * <p>Not thread-safe: guarded by the owning {@link SymbolSessionData}'s lock.
 */
abstract class TickRing {

    private static final int INITIAL_CAPACITY = 16;

    private final int retention;
    private int capacity;
    private int head;
    private int count;
    private long dropped;

    TickRing(int retention) {
        if (retention <= 0) {
            throw new IllegalArgumentException("tick retention " + retention + " is not positive");
        }
        this.retention = retention;
        // Never larger than the retention: the ring is full (and drops the oldest) exactly at the retention.
        this.capacity = Math.min(INITIAL_CAPACITY, retention);
    }

    /** The capacity the subclass sizes its columns to at construction. */
    final int capacity() {
        return capacity;
    }

    /**
     * The physical slot for a new newest row, which the caller then writes: grows the columns while below the
     * retention, else takes the oldest row's slot and counts it dropped.
     */
    final int claim() {
        if (count == capacity && count < retention) {
            int n = Math.min(retention, capacity * 2);
            resize(n);
            capacity = n;
            head = 0;
        }
        if (count < capacity) {
            int slot = (head + count) % capacity;
            count++;
            return slot;
        }
        int slot = head;
        head = (head + 1) % capacity;
        dropped++;
        return slot;
    }

    /** Rows held. */
    final int size() {
        return count;
    }

    /** Rows dropped by the retention since the last {@link #clear}. */
    final long dropped() {
        return dropped;
    }

    /** Row {@code i} (0 = oldest kept) as a physical slot. */
    final int slot(int i) {
        return (head + i) % capacity;
    }

    /** Forgets the rows of the finished session; the dropped count restarts too. The columns are kept. */
    final void clear() {
        head = 0;
        count = 0;
        dropped = 0;
    }

    /** Replaces every column by one of {@code n} rows holding the current rows in order (oldest at 0). */
    abstract void resize(int n);

    final long[] unroll(long[] a, int n) {
        long[] out = new long[n];
        for (int i = 0; i < count; i++) {
            out[i] = a[(head + i) % a.length];
        }
        return out;
    }

    final double[] unroll(double[] a, int n) {
        double[] out = new double[n];
        for (int i = 0; i < count; i++) {
            out[i] = a[(head + i) % a.length];
        }
        return out;
    }
}
