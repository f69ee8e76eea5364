package io.sessionflow.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mode and run state of one data manager, with validated transitions ({@link SystemState#successors()}), listeners,
 * the managed components it starts and stops, and the {@code streamCoordinatorTimerExpired} flag. Create one per
 * data manager and pass it in; there is no static instance.
 *
 * <p>Threading: all methods are safe from any thread. State changes are serialised by one lock; listeners run on
 * the changing thread outside the lock; waiters in {@link #awaitRunning} are woken on every change.
 */
public final class SystemManager {

    private static final Logger LOG = LoggerFactory.getLogger(SystemManager.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<StateListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Managed> components = new ArrayList<>();
    private final AtomicBoolean streamCoordinatorTimerExpired = new AtomicBoolean();
    private volatile OperationMode mode;
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

    /**
     * Switches the operation mode.
     *
     * @throws IllegalStateException unless STOPPED: a running data manager keeps its clock
     */
    public void setMode(OperationMode newMode) {
        Objects.requireNonNull(newMode, "mode");
        lock.lock();
        try {
            if (state != SystemState.STOPPED) {
                throw new IllegalStateException("mode can only change while STOPPED, state is " + state);
            }
            mode = newMode;
        } finally {
            lock.unlock();
        }
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

    /** Adds a component, started by {@link #start()} in registration order and stopped in reverse order. */
    public void register(Managed component) {
        lock.lock();
        try {
            if (state != SystemState.STOPPED) {
                throw new IllegalStateException("components are registered while STOPPED, state is " + state);
            }
            components.add(Objects.requireNonNull(component, "component"));
        } finally {
            lock.unlock();
        }
    }

    public void addListener(StateListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(StateListener listener) {
        listeners.remove(listener);
    }

    /** STOPPED to RUNNING: clears the timer flag, then starts the components. */
    public void start() {
        List<Managed> toStart;
        lock.lock();
        try {
            transition("start()", SystemState.STOPPED, SystemState.RUNNING);
            streamCoordinatorTimerExpired.set(false);
            toStart = List.copyOf(components);
        } finally {
            lock.unlock();
        }
        notifyListeners(SystemState.STOPPED, SystemState.RUNNING);
        for (Managed m : toStart) {
            LOG.debug("starting {}", m.name());
            m.start();
        }
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
     * RUNNING or PAUSED to STOPPED, then stops the components in reverse order (each joins its threads). Stopping
     * when already STOPPED does nothing, so that shutdown paths may call it unconditionally.
     */
    public void stop() {
        SystemState before;
        List<Managed> toStop;
        lock.lock();
        try {
            before = state;
            if (before == SystemState.STOPPED) {
                return;
            }
            transition("stop()", before, SystemState.STOPPED);
            toStop = new ArrayList<>(components);
        } finally {
            lock.unlock();
        }
        notifyListeners(before, SystemState.STOPPED);
        java.util.Collections.reverse(toStop);
        for (Managed m : toStop) {
            LOG.debug("stopping {}", m.name());
            m.stop();
        }
    }

    /**
     * Blocks while PAUSED, up to {@code timeout}.
     *
     * @return true when RUNNING, false when STOPPED or the timeout passed while still PAUSED
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitRunning(long timeout, TimeUnit unit) throws InterruptedException {
        long remaining = unit.toNanos(timeout);
        lock.lock();
        try {
            while (state == SystemState.PAUSED && remaining > 0) {
                remaining = changed.awaitNanos(remaining);
            }
            return state == SystemState.RUNNING;
        } finally {
            lock.unlock();
        }
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
        changed.signalAll();
    }

    private void notifyListeners(SystemState from, SystemState to) {
        for (StateListener l : listeners) {
            l.stateChanged(from, to);
        }
    }
}
