package io.sessionflow.app;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Stops a run cleanly on SIGINT or SIGTERM. The JVM runs its shutdown hooks on those signals and exits when they
 * return (status 130 or 143); this hook stops the run and then waits until the command has written whole lines and
 * its summary ({@link #close()}), up to {@link #GRACE}.
 *
 * <p>Threading: {@link #install()}, {@link #onRun(Runnable)} and {@link #close()} on the command's thread; the hook
 * on the JVM's shutdown thread. The state they share is volatile or a latch.
 */
final class ShutdownGuard implements AutoCloseable {

    /** How long the hook waits for the command to finish its files: a stuck command must not keep the JVM alive. */
    static final Duration GRACE = Duration.ofSeconds(15);

    private final Thread hook = new Thread(this::onSignal, "sessionflow-shutdown");
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean requested;
    private volatile Runnable stop;

    private ShutdownGuard() {
    }

    /** Registers the hook; {@link #close()} removes it again. */
    static ShutdownGuard install() {
        ShutdownGuard guard = new ShutdownGuard();
        Runtime.getRuntime().addShutdownHook(guard.hook);
        return guard;
    }

    /**
     * The run has started: a signal from now on calls {@code stopRun}, and so does this call when a signal came
     * before it (a data manager stopped before it starts would start anyway).
     */
    void onRun(Runnable stopRun) {
        stop = stopRun;
        if (requested) {
            stopRun.run();
        }
    }

    /** Whether a signal has asked the run to stop. */
    boolean requested() {
        return requested;
    }

    private void onSignal() {
        requested = true;
        Runnable s = stop;
        if (s != null) {
            s.run();
        }
        try {
            finished.await(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The command has written what it had to: a running hook may return, and no later signal waits for it. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is running and returns now that the latch is open.
        }
    }
}
