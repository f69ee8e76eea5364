package io.sessionflow.agent;

/**
 * How an agent's runner waits between duty cycles that did no work.
 *
 * <p>Implementations are used by one runner thread at a time.
 */
public interface IdleStrategy {

    /**
     * Called after each duty cycle; waits when {@code workCount} is 0, for at most until {@code wakeAtNanos}.
     *
     * @throws InterruptedException when the runner's thread is interrupted while waiting
     */
    void idle(int workCount, long wakeAtNanos) throws InterruptedException;

    /**
     * Ends a wait in progress, or the next one: the runner's close calls it, so that a stop does not wait out an idle
     * slice. Any thread.
     */
    void wake();
}
