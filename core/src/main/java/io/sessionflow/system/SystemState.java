package io.sessionflow.system;

import java.util.EnumSet;
import java.util.Set;

/**
 * Run state of a data manager. STOPPED is both the initial and the final state of a run.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum SystemState {
    STOPPED,
    RUNNING,
    PAUSED;

    /** The states this one may move to. */
    public Set<SystemState> successors() {
        return switch (this) {
            case STOPPED -> EnumSet.of(RUNNING);
            case RUNNING -> EnumSet.of(PAUSED, STOPPED);
            case PAUSED -> EnumSet.of(RUNNING, STOPPED);
        };
    }
}
