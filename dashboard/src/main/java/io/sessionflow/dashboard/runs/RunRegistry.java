package io.sessionflow.dashboard.runs;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs a dashboard knows: those started from the page through its {@link RunLauncher} (when it has one) and
 * those attached by the command that runs them. It keeps the latest {@value #KEPT} ended runs besides every active
 * one, and lets {@value #MAX_ACTIVE} runs started from the page go at once (the machine's cores are the limit).
 *
 * <p>Threading: safe from any thread (one lock over the map; launching happens outside it).
 */
public final class RunRegistry {

    static final int KEPT = 20;
    static final int MAX_ACTIVE = 2;

    private final RunLauncher launcher;
    private final Map<String, RunHandle> runs = new LinkedHashMap<>();
    private int next = 1;
    private int launching;
    private volatile boolean closed;

    /** A registry that starts replays with {@code launcher}. */
    public static RunRegistry launching(RunLauncher launcher) {
        return new RunRegistry(java.util.Objects.requireNonNull(launcher, "launcher"));
    }

    /** A registry of attached runs only: {@code POST /api/runs} is refused (the dashboard of one command's run). */
    public static RunRegistry attachedOnly() {
        return new RunRegistry(null);
    }

    private RunRegistry(RunLauncher launcher) {
        this.launcher = launcher;
    }

    public boolean canLaunch() {
        return launcher != null;
    }

    /** A new id, {@code run-N}. */
    public synchronized String newId() {
        return "run-" + next++;
    }

    /** Adds a run its command started (under an id from {@link #newId()}). */
    public synchronized void attach(RunHandle run) {
        if (runs.putIfAbsent(run.id(), run) != null) {
            throw new IllegalArgumentException("run id " + run.id() + " is taken");
        }
        trim();
    }

    /**
     * Starts a replay through the launcher and adds it.
     *
     * @throws IllegalStateException when this registry has no launcher or {@value #MAX_ACTIVE} page runs are going
     */
    public RunHandle launch(RunRequest request) {
        String id;
        synchronized (this) {
            if (launcher == null) {
                throw new IllegalStateException("this dashboard follows the run of the command that opened it; start "
                        + "replays from the page of `sessionflow serve`");
            }
            long active = runs.values().stream().filter(r -> r.origin().equals("page") && !r.state().ended()).count();
            if (active + launching >= MAX_ACTIVE) {
                throw new IllegalStateException(MAX_ACTIVE + " runs started from the page are going already: stop "
                        + "one or wait for it to end");
            }
            launching++;
            id = newId();
        }
        try {
            RunHandle run = launcher.launch(id, request);
            attach(run);
            return run;
        } finally {
            synchronized (this) {
                launching--;
            }
        }
    }

    public synchronized Optional<RunHandle> find(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    /** Every run, oldest first. */
    public synchronized List<RunHandle> all() {
        return new ArrayList<>(runs.values());
    }

    /**
     * Stops every run that has not ended ({@code serve} shutting down: a run must not outlive its store); returns
     * how many it asked to stop.
     */
    public int stopActive() {
        int n = 0;
        for (RunHandle r : all()) {
            try {
                r.stop();
                n++;
            } catch (IllegalStateException e) {
                // ended or stopping already
            }
        }
        return n;
    }

    /** The dashboard is closing: event streams end at their next heartbeat. Runs are not stopped. */
    public void close() {
        closed = true;
        all().forEach(r -> r.board().touch());
    }

    public boolean closed() {
        return closed;
    }

    private void trim() {
        int ended = (int) runs.values().stream().filter(r -> r.state().ended()).count();
        for (Iterator<RunHandle> it = runs.values().iterator(); it.hasNext() && ended > KEPT; ) {
            if (it.next().state().ended()) {
                it.remove();
                ended--;
            }
        }
    }
}
