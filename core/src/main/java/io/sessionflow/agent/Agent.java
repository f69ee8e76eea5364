package io.sessionflow.agent;

/**
 * A unit of work driven by repeated {@link #doWork()} calls: each call does a bounded amount of work and returns at
 * once, saying how much it did, so that the caller can idle when there was nothing to do. Deadlines (timeouts,
 * pacing) are checked by the agent in {@code doWork}, never waited for inside it.
 *
 * <p>Threading: one thread at a time calls an agent's methods (its runner's, or the test's).
 */
public interface Agent {

    /**
     * Does some work.
     *
     * @return how much work was done; 0 lets the caller idle until {@link #wakeAtNanos()} or a wake-up
     */
    int doWork();

    /** True once the agent has nothing more to do: its runner ends. */
    boolean isDone();

    /**
     * The wall time ({@link io.sessionflow.time.WallClock#nanoTime()}) at which the agent next has work even if
     * nothing arrives, such as a pacing deadline or a timeout; {@link Long#MAX_VALUE} when only new input wakes it.
     */
    default long wakeAtNanos() {
        return Long.MAX_VALUE;
    }

    /** Called once by the runner after the last {@link #doWork()}, on the agent's thread. */
    default void onClose() {
    }

    /** A short name for threads and logs. */
    String roleName();
}
