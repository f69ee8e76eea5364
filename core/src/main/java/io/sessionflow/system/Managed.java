package io.sessionflow.system;

/**
 * A component whose threads the {@link SystemManager} starts and stops (the coordinator, the upkeep thread).
 * {@link #stop()} must return within a bounded time with the component's threads joined.
 */
public interface Managed {

    String name();

    void start();

    void stop();
}
