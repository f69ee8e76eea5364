package io.sessionflow.session;


/**
 * A bounded ring of ticks (time plus two price and two size columns) that keeps the newest {@code retention} rows
 * and counts the ones it dropped. Grows by doubling up to the retention so that idle symbols stay small.
 *
 * <p>Not thread-safe: guarded by the owning {@link SymbolSessionData}'s lock.
 */
final class TickRing {

    private static final int INITIAL_CAPACITY = 16;

    private final int retention;
    private long[] time;
    private double[] price0;
    private double[] price1;
    private long[] size0;
    private long[] size1;
    private int head;
    private int count;
    private long dropped;

    TickRing(int retention) {
        this.retention = retention;
        // Never larger than the retention: the ring is full (and drops the oldest) exactly at the retention.
        int capacity = Math.min(INITIAL_CAPACITY, retention);
        time = new long[capacity];
        price0 = new double[capacity];
        price1 = new double[capacity];
        size0 = new long[capacity];
        size1 = new long[capacity];
    }

    void add(long t, double p0, double p1, long s0, long s1) {
        if (count == time.length && count < retention) {
            grow();
        }
        int slot;
        if (count < time.length) {
            slot = (head + count) % time.length;
            count++;
        } else {
            slot = head;
            head = (head + 1) % time.length;
            dropped++;
        }
        time[slot] = t;
        price0[slot] = p0;
        price1[slot] = p1;
        size0[slot] = s0;
        size1[slot] = s1;
    }

    int size() {
        return count;
    }

    long dropped() {
        return dropped;
    }

    /** Row {@code i} (0 = oldest kept) as a physical slot. */
    int slot(int i) {
        return (head + i) % time.length;
    }

    long time(int slot) {
        return time[slot];
    }

    double price0(int slot) {
        return price0[slot];
    }

    double price1(int slot) {
        return price1[slot];
    }

    long size0(int slot) {
        return size0[slot];
    }

    long size1(int slot) {
        return size1[slot];
    }

    /** Forgets the rows of the finished session; the dropped count restarts too. */
    void clear() {
        head = 0;
        count = 0;
        dropped = 0;
    }

    private void grow() {
        int n = Math.min(retention, time.length * 2);
        time = unroll(time, n);
        price0 = unroll(price0, n);
        price1 = unroll(price1, n);
        size0 = unroll(size0, n);
        size1 = unroll(size1, n);
        head = 0;
    }

    private long[] unroll(long[] a, int n) {
        long[] out = new long[n];
        for (int i = 0; i < count; i++) {
            out[i] = a[(head + i) % a.length];
        }
        return out;
    }

    private double[] unroll(double[] a, int n) {
        double[] out = new double[n];
        for (int i = 0; i < count; i++) {
            out[i] = a[(head + i) % a.length];
        }
        return out;
    }
}
