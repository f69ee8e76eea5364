package io.sessionflow.dashboard.runs;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@link RunHandle} the app's runs use: the state machine (running, paused, then one final state), the board and
 * the report, over the {@link RunControls} of one data manager. The thread that runs the replay calls {@link
 * #ended} or {@link #failed} once at the end.
 *
 * <p>Threading: safe from any thread; transitions are serialised on this object, the board has its own lock.
 */
public final class TrackedRun implements RunHandle {

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private final String id;
    private final RunKind kind;
    private final String origin;
    private final RunRequest request;
    private final String description;
    private final ProgressBoard board;
    private RunControls controls;
    private volatile RunState state = RunState.RUNNING;
    private volatile RunReport report;
    private volatile String failure;
    private boolean stopRequested;

    /**
     * @param request the replay's request, or null for a run that has none (live, or a command line's replay)
     */
    public TrackedRun(String id, RunKind kind, String origin, RunRequest request, String description,
                      ProgressBoard board) {
        this.id = Objects.requireNonNull(id, "id");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("run id '" + id + "' is not lowercase letters, digits and '-'");
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.origin = Objects.requireNonNull(origin, "origin");
        this.request = request;
        this.description = Objects.requireNonNull(description, "description");
        this.board = Objects.requireNonNull(board, "board");
    }

    /** The real controls, once the data manager exists (before, a control is refused as not yet started). */
    public synchronized void controls(RunControls c) {
        this.controls = Objects.requireNonNull(c, "controls");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RunKind kind() {
        return kind;
    }

    @Override
    public String origin() {
        return origin;
    }

    @Override
    public Optional<RunRequest> request() {
        return Optional.ofNullable(request);
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public RunState state() {
        return state;
    }

    @Override
    public ProgressBoard board() {
        return board;
    }

    @Override
    public Optional<RunReport> report() {
        return Optional.ofNullable(report);
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Whether {@link #stop()} was called: the run's end then counts as stopped, not finished. */
    public synchronized boolean stopRequested() {
        return stopRequested;
    }

    @Override
    public synchronized boolean stopping() {
        return stopRequested && !state.ended();
    }

    @Override
    public synchronized void pause() {
        require(RunState.RUNNING, "pause");
        controls().pause();
        move(RunState.PAUSED);
    }

    @Override
    public synchronized void resume() {
        require(RunState.PAUSED, "resume");
        controls().resume();
        move(RunState.RUNNING);
    }

    @Override
    public void stop() {
        RunControls c;
        synchronized (this) {
            if (state.ended() || stopRequested) {
                throw new IllegalStateException("run " + id + " is " + (stopRequested ? "stopping" : state.code())
                        + ": there is nothing to stop");
            }
            c = controls();
            stopRequested = true;
        }
        c.stop();  // outside the lock: it joins the run's threads, and the run's own end takes the lock
    }

    /** The run ended (finished, or stopped when {@link #stop()} was called or {@code stopped} says so). */
    public synchronized void ended(RunReport r, boolean stopped) {
        this.report = Objects.requireNonNull(r, "report");
        move(stopped || stopRequested ? RunState.STOPPED : RunState.FINISHED);
    }

    /** The run failed; {@code why} names the cause. */
    public synchronized void failed(String why) {
        this.failure = Objects.requireNonNull(why, "why");
        move(RunState.FAILED);
    }

    private RunControls controls() {
        if (controls == null) {
            throw new IllegalStateException("run " + id + " has not started yet");
        }
        return controls;
    }

    private void require(RunState expected, String what) {
        if (state != expected || stopRequested) {
            throw new IllegalStateException("run " + id + " is " + (stopRequested ? "stopping" : state.code())
                    + ": only a " + expected.code() + " run can " + what);
        }
    }

    private void move(RunState next) {
        if (state.ended()) {
            throw new IllegalStateException("run " + id + " has ended as " + state.code() + " already");
        }
        state = next;
        board.touch();
    }
}
