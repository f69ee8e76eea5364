package io.sessionflow.system;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mode and run state of one data manager, with validated transitions ({@link SystemState#successors()}), listeners,
 * and the {@code streamCoordinatorTimerExpired} flag. The coordinator reads the state at every duty cycle: pause and
 * stop are commands it obeys there. Create one per data manager; there is no static instance.
 *
 * <p>Threading: all methods are safe from any thread. State changes are serialised by one lock; listeners run on
 * the changing thread outside the lock.
 */
public final class SystemManager {

    private final ReentrantLock lock = new ReentrantLock();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean streamCoordinatorTimerExpired = new AtomicBoolean();
    private final OperationMode mode;
    private volatile SystemState state = SystemState.STOPPED;

    public SystemManager(OperationMode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
    }

    public OperationMode mode() {
        return mode;
    }

    public boolean isBacktest() {
        return mode == OperationMode.BACKTEST;
    }


    public SystemState state() {
        return state;
    }

    public boolean isRunning() {
        return state == SystemState.RUNNING;
    }

    public boolean isPaused() {
        return state == SystemState.PAUSED;
    }


    public void addListener(StateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(StateListener listener) {
        listeners.remove(listener);
    }

    /** STOPPED to RUNNING: clears the timer flag. */
    public void start() {
        lock.lock();
        try {
            transition("start()", SystemState.STOPPED, SystemState.RUNNING);
            streamCoordinatorTimerExpired.set(false);
        } finally {
            lock.unlock();
        }
        notifyListeners(SystemState.STOPPED, SystemState.RUNNING);
    }

    /** RUNNING to PAUSED: the coordinator freezes simulated time until {@link #resume()}. */
    public void pause() {
        change("pause()", SystemState.RUNNING, SystemState.PAUSED);
    }

    /** PAUSED to RUNNING. */
    public void resume() {
        change("resume()", SystemState.PAUSED, SystemState.RUNNING);
    }

    /**
     * RUNNING or PAUSED to STOPPED. Stopping when already STOPPED does nothing, so that shutdown paths may call it
     * unconditionally.
     */
    public void stop() {
        SystemState before;
        lock.lock();
        try {
            before = state;
            if (before == SystemState.STOPPED) {
                return;
            }
            transition("stop()", before, SystemState.STOPPED);
        } finally {
            lock.unlock();
        }
        notifyListeners(before, SystemState.STOPPED);
    }


    public boolean streamCoordinatorTimerExpired() {
        return streamCoordinatorTimerExpired.get();
    }

    /** Set by the coordinator when a backtest session ended because no data arrived within the timeout. */
    public void setStreamCoordinatorTimerExpired(boolean expired) {
        streamCoordinatorTimerExpired.set(expired);
    }

    private void change(String call, SystemState from, SystemState to) {
        lock.lock();
        try {
            transition(call, from, to);
        } finally {
            lock.unlock();
        }
        notifyListeners(from, to);
    }

    /**
     * Caller holds the lock. Each public call is one edge of {@link SystemState#successors()} and names the state
     * it leaves: the target alone cannot tell {@code start()} from {@code resume()}, which both lead to RUNNING.
     */
    private void transition(String call, SystemState from, SystemState to) {
        if (state != from) {
            throw new IllegalStateException(call + " needs state " + from + ", state is " + state);
        }
        state = to;
    }

    private void notifyListeners(SystemState from, SystemState to) {
        for (StateListener l : listeners) {
            l.stateChanged(from, to);
        }
    }
}
