package io.sessionflow.dashboard.runs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import io.sessionflow.dashboard.BadRequest;
import io.sessionflow.dashboard.Dashboard;
import io.sessionflow.dashboard.RouteGroup;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The runs API: {@code GET /api/runs}, {@code POST /api/runs} (start a replay), {@code GET /api/runs/{id}}, {@code
 * POST /api/runs/{id}/pause|resume|stop} and {@code GET /api/runs/{id}/events}, a Server-Sent Events stream of the
 * run's view (event {@code progress}) at each new snapshot, and at least every {@link #HEARTBEAT}; it ends after the
 * view of the final state. A control the state does not allow is 409, an unknown run 404, both as JSON.
 *
 * <p>Threading: handlers run on Jetty's threads; they read the runs' boards and call their controls, never the
 * coordinator's state.
 */
public final class RunRoutes implements RouteGroup {

    /** The longest time between two events of a stream: a paused run's page still sees that it is alive. */
    public static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /**
     * The least time between two events of a stream while the state stays the same: a page redraws at most once a
     * second however fast the run goes (a change of state is sent at once).
     */
    public static final Duration MIN_GAP = Duration.ofSeconds(1);

    /**
     * Symbols in a streamed view: the lowest in quality, those the page shows; {@code GET /api/runs/{id}} has them
     * all. A run of thousands of symbols then sends and parses a few KB a second, not hundreds.
     */
    public static final int STREAMED_SYMBOLS = 20;

    private final RunRegistry registry;
    private final WallClock wall;
    private final ObjectMapper json = Dashboard.json();
    /** Streams open and controls not yet answered: what a closing command's dashboard waits for. */
    private final ReentrantLock busyLock = new ReentrantLock();
    private final Condition idle = busyLock.newCondition();
    private int busy;

    public RunRoutes(RunRegistry registry) {
        this(registry, WallClock.system());
    }

    /** Routes whose streams time their heartbeats and gaps on {@code wall}. */
    public RunRoutes(RunRegistry registry, WallClock wall) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.wall = Objects.requireNonNull(wall, "wall");
    }

    public RunRegistry registry() {
        return registry;
    }

    /**
     * Waits until every event stream has sent its run's final view and ended, and every control has sent its answer,
     * or {@code timeout} has passed: a command that closes its dashboard when its run ends (its Stop came from the
     * page) lets the page see the answer and the end first.
     *
     * @return whether nothing is in flight
     */
    public boolean awaitIdle(WallClock clock, Duration timeout) throws InterruptedException {
        busyLock.lock();
        try {
            long left = timeout.toNanos();
            while (busy > 0 && left > 0) {
                left = clock.awaitNanos(idle, left);
            }
            return busy == 0;
        } finally {
            busyLock.unlock();
        }
    }

    private void enter() {
        busyLock.lock();
        try {
            busy++;
        } finally {
            busyLock.unlock();
        }
    }

    private void leave() {
        busyLock.lock();
        try {
            busy--;
            idle.signalAll();
        } finally {
            busyLock.unlock();
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/runs", ctx -> ctx.json(Map.of("canLaunch", registry.canLaunch(),
                "runs", registry.all().stream().map(r -> view(r, false)).toList())));
        routes.post("/api/runs", this::launch);
        routes.get("/api/runs/{id}", ctx -> run(ctx).ifPresent(r -> ctx.json(view(r, true))));
        routes.post("/api/runs/{id}/pause", ctx -> control(ctx, RunHandle::pause));
        routes.post("/api/runs/{id}/resume", ctx -> control(ctx, RunHandle::resume));
        routes.post("/api/runs/{id}/stop", ctx -> control(ctx, RunHandle::stop));
        routes.get("/api/runs/{id}/events", ctx -> {
            Optional<RunHandle> run = run(ctx);
            if (run.isPresent()) {
                new SseHandler(client -> stream(run.get(), client)).handle(ctx);
            }
        });
    }

    private void launch(Context ctx) {
        JsonNode body;
        try {
            body = json.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        RunRequest request = RunRequest.fromJson(body);
        RunHandle run;
        try {
            run = registry.launch(request);
        } catch (IllegalStateException e) {
            error(ctx, HttpStatus.CONFLICT, e.getMessage());
            return;
        }
        ctx.status(HttpStatus.CREATED).header("Location", "/api/runs/" + run.id()).json(view(run, true));
    }

    private void control(Context ctx, Consumer<RunHandle> action) throws IOException {
        Optional<RunHandle> run = run(ctx);
        if (run.isEmpty()) {
            return;
        }
        enter();
        try {
            try {
                action.accept(run.get());
            } catch (IllegalStateException e) {
                error(ctx, HttpStatus.CONFLICT, e.getMessage());
                return;
            }
            // Written and flushed here, not after the handler: a Stop may end the command that serves this page,
            // and its dashboard closes only once this answer is out (awaitIdle).
            byte[] body = json.writeValueAsBytes(view(run.get(), true));
            ctx.status(HttpStatus.OK).contentType("application/json");
            ctx.res().setContentLength(body.length);
            ctx.res().getOutputStream().write(body);
            ctx.res().flushBuffer();
        } finally {
            leave();
        }
    }

    private Optional<RunHandle> run(Context ctx) {
        String id = ctx.pathParam("id");
        Optional<RunHandle> run = TrackedRun.ID.matcher(id).matches() ? registry.find(id) : Optional.empty();
        if (run.isEmpty()) {
            error(ctx, HttpStatus.NOT_FOUND, "no run " + (id.length() > 40 ? id.substring(0, 40) + "..." : id)
                    + " (GET /api/runs lists them)");
        }
        return run;
    }

    private static void error(Context ctx, HttpStatus status, String message) {
        ctx.status(status).json(Map.of("error", message));
    }

    /** Sends the run's view at each change and at least every heartbeat, until it has ended or the client left. */
    private void stream(RunHandle run, SseClient client) {
        long seen = -1;
        enter();
        try {
            while (!client.terminated() && !registry.closed()) {
                long version = run.board().version();
                RunState state = run.state();
                Map<String, Object> v = view(run, true, STREAMED_SYMBOLS);
                client.sendEvent("progress", json.writeValueAsString(v), Long.toString(version));
                seen = version;
                if (state.ended()) {
                    break;
                }
                long sentAt = wall.nanoTime();
                run.board().awaitAfter(seen, HEARTBEAT.toNanos());
                for (long left = MIN_GAP.toNanos() - (wall.nanoTime() - sentAt); left > 0 && run.state() == state
                        && !registry.closed(); left = MIN_GAP.toNanos() - (wall.nanoTime() - sentAt)) {
                    run.board().awaitAfter(run.board().version(), left);  // a newer snapshot waits; a new state not
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the view of run " + run.id(), e);
        } finally {
            client.close();
            leave();
        }
    }

    /** A run as the API shows it; {@code full} adds the per-symbol table (every symbol), the warnings and the report. */
    static Map<String, Object> view(RunHandle run, boolean full) {
        return view(run, full, Integer.MAX_VALUE);
    }

    /**
     * {@link #view(RunHandle, boolean)} with the per-symbol table cut to the {@code symbols} lowest in quality (then
     * by symbol), and {@code symbolCount} saying how many there are.
     */
    static Map<String, Object> view(RunHandle run, boolean full, int symbols) {
        Map<String, Object> m = new LinkedHashMap<>();
        RunState state = run.state();
        RunProgress p = run.board().latest();
        m.put("id", run.id());
        m.put("kind", run.kind().code());
        m.put("origin", run.origin());
        m.put("description", run.description());
        m.put("state", state.code());
        m.put("stopping", run.stopping());
        m.put("request", run.request().map(RunRequest::toJson).orElse(null));
        m.put("version", run.board().version());
        Map<String, Object> progress = new LinkedHashMap<>();
        progress.put("session", p.session());
        progress.put("time", p.time());
        progress.put("sessionsDone", p.sessionsDone());
        progress.put("sessionsTotal", p.sessionsTotal());
        progress.put("events", p.events());
        progress.put("eventsPerSecond", state == RunState.RUNNING ? p.eventsPerSecond() : 0.0);
        if (full) {
            progress.put("symbols", p.symbols().size() <= symbols ? p.symbols() : p.symbols().stream()
                    .sorted(Comparator.comparingDouble(SymbolQuality::quality).thenComparing(SymbolQuality::symbol))
                    .limit(symbols).toList());
            progress.put("symbolCount", p.symbols().size());
            progress.put("warnings", p.warnings());
        } else {
            progress.put("warnings", p.warnings().size());
        }
        m.put("progress", progress);
        m.put("failure", run.failure().orElse(null));
        if (full) {
            m.put("report", run.report().map(r -> Map.of("table", r.table(), "summary", r.summary())).orElse(null));
        }
        return m;
    }
}
