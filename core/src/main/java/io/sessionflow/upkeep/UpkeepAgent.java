package io.sessionflow.upkeep;

import io.sessionflow.agent.Agent;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.coordinator.CheckRequest;
import io.sessionflow.coordinator.SessionRequest;
import io.sessionflow.coordinator.SessionSource;
import io.sessionflow.coordinator.SourceAnswer;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-upkeep thread's agent (the analysis's "Thread 2") and the coordinator's {@link SessionSource}: the
 * coordinator's requests and this agent's answers pass through one bounded channel. In backtests the coordinator
 * asks for the next session while the current one streams, so its split is read from storage ahead (prefetch, one
 * session at most); live, it answers history at each session start and the completeness checks the coordinator asks
 * for every check interval.
 *
 * <p>Threading: the coordinator thread calls the {@link SessionSource} methods (in a backtest {@link #poll()} may
 * load a split on it); the upkeep runner's thread calls {@link #doWork()}; the reports are readable from any thread.
 */
public final class UpkeepAgent implements Agent, SessionSource {

    private static final Logger LOG = LoggerFactory.getLogger(UpkeepAgent.class);
    /** Requests outstanding at most: a session, its replacement, and a check. */
    private static final int CHANNEL_CAPACITY = 8;

    private final SplitMaker maker;
    /**
     * How long a backtest session's request waits untaken before the coordinator, waiting for it, loads it itself: a
     * prefetch sent while the previous session streamed, not a request the upkeep thread is just waking up for.
     */
    static final long TAKE_BACK_AFTER_NANOS = 5_000_000L;

    private final ArrayBlockingQueue<Pending> requests = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
    private final ArrayBlockingQueue<SourceAnswer> answers = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
    private final WakeSignal idle;
    private final WakeSignal coordinator;
    private final AtomicInteger stolen = new AtomicInteger();
    private final WallClock wall;

    private UpkeepAgent(SplitMaker maker, WallClock wall, WakeSignal coordinator) {
        this.maker = maker;
        this.wall = wall;
        this.idle = new WakeSignal(wall);
        this.coordinator = coordinator;
    }

    /** The backtest upkeep agent: loads the sessions the coordinator asks for. */
    public static UpkeepAgent backtest(SessionLoader loader, WallClock wall, RetryPolicy retry, WakeSignal coordinator) {
        return new UpkeepAgent(new SplitMaker(loader, null, wall, retry), wall, coordinator);
    }

    /** The live upkeep agent: history at session starts, completeness checks against {@code store}. */
    public static UpkeepAgent live(SessionLoader loader, MarketDataStore store, SessionConfig config, WallClock wall,
                                   RetryPolicy retry, WakeSignal coordinator) {
        return new UpkeepAgent(new SplitMaker(loader, new LiveCompletenessCheck(store, config), wall, retry), wall,
                coordinator);
    }

    /** Where the upkeep runner idles: woken by every request. */
    public WakeSignal idleStrategy() {
        return idle;
    }

    @Override
    public String roleName() {
        return "upkeep";
    }

    // ------------------------------------------------------------------------------------------------ coordinator side

    @Override
    public void request(SessionRequest request) {
        send(request);
    }

    @Override
    public boolean checksCompleteness() {
        return maker.live();
    }

    @Override
    public void requestCheck(CheckRequest request) {
        send(request);
    }

    private void send(Object request) {
        if (!requests.offer(new Pending(request, wall.nanoTime()))) {
            throw new IllegalStateException("the upkeep channel is full: more than " + CHANNEL_CAPACITY
                    + " requests outstanding");
        }
        idle.wake();
    }

    /**
     * The next answer. In a backtest, when none is ready and a session's request has waited in the channel for
     * {@link #TAKE_BACK_AFTER_NANOS} untaken (on a machine whose cores are busy the upkeep thread may not have run
     * since the previous session began), the coordinator takes the request back and loads the split itself rather
     * than park until the upkeep thread is scheduled. The split is the same whichever thread loads it, so the run
     * stays deterministic; a load the upkeep thread has begun is waited for.
     */
    @Override
    public SourceAnswer poll() {
        SourceAnswer a = answers.poll();
        if (a != null || maker.live()) {
            return a;
        }
        // Only the oldest request, so that answers still come in the order of their requests.
        Pending oldest = requests.peek();
        if (oldest == null || !(oldest.request instanceof SessionRequest)
                || wall.nanoTime() - oldest.sentNanos < TAKE_BACK_AFTER_NANOS || !requests.remove(oldest)) {
            return null;  // none, too recent, or the upkeep thread took it meanwhile (remove() decides who loads it)
        }
        stolen.incrementAndGet();
        SessionRequest r = (SessionRequest) oldest.request;
        try {
            return maker.answer(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading session " + r.session().date(), e);
        }
    }

    /** Splits the coordinator loaded itself because the upkeep thread had not taken their request. */
    public int splitsLoadedByCoordinator() {
        return stolen.get();
    }

    // ------------------------------------------------------------------------------------------------ upkeep side

    @Override
    public int doWork() {
        Pending p = requests.poll();
        if (p == null) {
            return 0;
        }
        SourceAnswer a;
        try {
            a = maker.answer(p.request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // the runner is closing: it ends the loop
            return 1;
        }
        if (!answers.offer(a)) {
            LOG.error("the coordinator does not take the upkeep's answers; dropped {}", a.getClass().getSimpleName());
        }
        coordinator.wake();
        return 1;
    }

    /** The run is being stopped: a read cut short by it is not retried. Safe from any thread. */
    public void requestStop() {
        maker.stop();
    }

    /** Never done by itself: it answers until its runner is closed. */
    @Override
    public boolean isDone() {
        return false;
    }

    /** Storage attempts that failed and were retried. */
    public int storageRetries() {
        return maker.storageRetries();
    }

    /** One line per storage failure, for the summary. */
    public List<String> storageIssues() {
        return maker.storageIssues();
    }

    /** Why the upkeep gave a session up, if it did. */
    public Throwable failure() {
        return maker.failure();
    }

    /** A request in the channel and when it was sent, on the agent's wall clock. */
    private record Pending(Object request, long sentNanos) {
    }
}
