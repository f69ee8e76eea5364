package io.sessionflow.agent;

import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the thread of one {@link Agent}: calls {@link Agent#doWork()} until the agent is done or the runner is
 * closed, idling between empty duty cycles, then calls {@link Agent#onClose()}. A throwable from the agent ends the
 * loop and is handed to the failure handler; nothing dies silently.
 *
 * <p>Threading: {@link #start()} once from any thread; {@link #close()} from any thread, any number of times. Called
 * from another thread, close joins the runner's thread within its bound (half of it without an interrupt, so that a
 * clean stop lets the agent finish, then interrupting it), also when that caller is interrupted (the flag is restored
 * afterwards); called from the agent's own thread (a listener stopping the run), it asks the loop
 * to end and returns, and a later close from another thread joins.
 */
public final class AgentRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentRunner.class);

    private final Agent agent;
    private final IdleStrategy idle;
    private final Consumer<Throwable> onFailure;
    private final long closeMillis;
    private volatile boolean running = true;
    private volatile Thread thread;

    /**
     * @param onFailure   called on the runner's thread with whatever the agent threw
     * @param closeMillis how long {@link #close()} waits for the thread
     */
    public AgentRunner(Agent agent, IdleStrategy idle, Consumer<Throwable> onFailure, long closeMillis) {
        this.agent = Objects.requireNonNull(agent, "agent");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
        this.closeMillis = closeMillis;
    }

    /**
     * Starts the thread.
     *
     * @throws IllegalStateException when started before
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException(agent.roleName() + " runs once");
        }
        Thread t = new Thread(this::run, "sessionflow-" + agent.roleName());
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Whether the runner's thread is alive. */
    public boolean isAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    private void run() {
        try {
            while (running && !agent.isDone()) {
                int work = agent.doWork();
                idle.idle(work, agent.wakeAtNanos());
            }
        } catch (InterruptedException e) {
            // closed while idle
        } catch (Throwable t) {
            onFailure.accept(t);
        } finally {
            try {
                agent.onClose();
            } catch (RuntimeException e) {
                LOG.warn("{} failed while closing: {}", agent.roleName(), e.toString());
            }
        }
    }

    /**
     * Ends the loop and, unless called from the agent's own thread, joins the thread within the bound.
     *
     * @return false when the thread was still alive after the bound
     */
    public boolean closeAndJoin() {
        running = false;
        idle.wake();  // an idle runner would otherwise notice only at the end of its wait, up to a slice later
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) {
            return true;
        }
        boolean interrupted = Thread.interrupted();  // a caller's interrupt must not cut the join short
        try {
            // First without an interrupt, so that a clean stop lets the agent finish what it does (listeners that
            // flush at the run's end); then with one, for an agent blocked in a call that waits.
            for (int attempt = 0; attempt < 3 && t.isAlive(); attempt++) {
                if (attempt > 0) {
                    t.interrupt();
                }
                try {
                    t.join(attempt == 0 ? closeMillis / 2 : closeMillis);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (t.isAlive()) {
            LOG.error("{} thread did not stop within {} ms", agent.roleName(), closeMillis);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        closeAndJoin();
    }
}
