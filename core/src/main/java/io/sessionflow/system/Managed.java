package io.sessionflow.system;

/**
 * A component whose threads the {@link SystemManager} starts and stops (the coordinator, the upkeep thread).
 * {@link #stop()} must return within a bounded time with the component's threads joined.
 */
public interface Managed {

    String name();

    void start();

    void stop();

    /**
     * Interrupts {@code thread} and waits up to {@code millis} for it to end: the bounded stop of a component's
     * thread. Does nothing for a thread not started or for the calling thread itself (a stop from a listener).
     *
     * @return false when the thread is still alive after the wait
     */
    static boolean interruptAndJoin(Thread thread, long millis) {
        if (thread == null || thread == Thread.currentThread()) {
            return true;
        }
        thread.interrupt();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
