package io.sessionflow.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/** {@link WallClock} over {@link System#nanoTime()}. Stateless; safe from any thread. */
enum SystemWallClock implements WallClock {
    INSTANCE;

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long awaitNanos(Condition condition, long nanos) throws InterruptedException {
        return condition.awaitNanos(nanos);
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) {
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }
}
