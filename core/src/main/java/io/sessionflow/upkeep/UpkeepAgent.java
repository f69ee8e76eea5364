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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data-upkeep thread's agent (the analysis's "Thread 2") and the coordinator's {@link SessionSource}: the
 * coordinator's requests and this agent's answers pass through one bounded channel. In backtests the coordinator
 * asks for the next session while the current one streams, so its split is read from storage ahead (prefetch, one
 * session at most); live, it answers history at each session start and the completeness checks the coordinator asks
 * for every check interval.
 *
 * <p>Threading: the coordinator thread calls the {@link SessionSource} methods; the upkeep runner's thread calls
 * {@link #doWork()}; the reports are readable from any thread.
 */
public final class UpkeepAgent implements Agent, SessionSource {

    private static final Logger LOG = LoggerFactory.getLogger(UpkeepAgent.class);
    /** Requests outstanding at most: a session, its replacement, and a check. */
    private static final int CHANNEL_CAPACITY = 8;

    private final SplitMaker maker;
    private final ArrayBlockingQueue<Object> requests = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
    private final ArrayBlockingQueue<SourceAnswer> answers = new ArrayBlockingQueue<>(CHANNEL_CAPACITY);
    private final WakeSignal idle;
    private final WakeSignal coordinator;

    private UpkeepAgent(SplitMaker maker, WallClock wall, WakeSignal coordinator) {
        this.maker = maker;
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
        if (!requests.offer(request)) {
            throw new IllegalStateException("the upkeep channel is full: more than " + CHANNEL_CAPACITY
                    + " requests outstanding");
        }
        idle.signal();
    }

    @Override
    public SourceAnswer poll() {
        return answers.poll();
    }

    // ------------------------------------------------------------------------------------------------ upkeep side

    @Override
    public int doWork() {
        Object r = requests.poll();
        if (r == null) {
            return 0;
        }
        SourceAnswer a;
        try {
            a = maker.answer(r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // the runner is closing: it ends the loop
            return 1;
        }
        if (!answers.offer(a)) {
            LOG.error("the coordinator does not take the upkeep's answers; dropped {}", a.getClass().getSimpleName());
        }
        coordinator.signal();
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
}
