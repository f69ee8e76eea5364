package io.sessionflow.system;

/** Told of every state change, on the thread that made it, after the change took effect. */
@FunctionalInterface
public interface StateListener {
    void stateChanged(SystemState from, SystemState to);
}
