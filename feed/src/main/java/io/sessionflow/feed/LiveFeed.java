package io.sessionflow.feed;

import io.sessionflow.agent.Agent;
import io.sessionflow.agent.AgentRunner;
import io.sessionflow.api.DataManager;
import io.sessionflow.time.WallClock;
import java.time.Clock;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link FeedConnection} feeding a live {@link DataManager}, on a thread of its own: {@link Builder#into} gives it
 * a new input of the data manager (before the data manager starts), {@link #start} subscribes, connects and starts
 * its thread (after), and {@link #close()} stops it and joins the thread. Close the feed before the data manager, so
 * that its last batches reach the coordinator rather than a closed input: in a try-with-resources, declare the data
 * manager first.
 *
 * <pre>{@code
 * try (DataManager dm = DataManager.builder().live(clock).build();
 *      LiveFeed feed = LiveFeed.builder("alpaca", transport, credentials).into(dm, clock)) {
 *     dm.register(symbols, StreamType.BARS).subscribe(strategy);
 *     dm.start();
 *     feed.start(Subscription.of(StreamType.BARS, symbols));
 *     ...
 * }
 * }</pre>
 *
 * <p>Threading: build, start and close from one thread; {@link #connection()} is safe from any thread.
 */
public final class LiveFeed implements AutoCloseable {

    /** Batches the feed may queue ahead of the coordinator. */
    public static final int INPUT_CAPACITY = 1024;
    /** How long {@link #close()} waits for the feed's thread. */
    public static final long CLOSE_MILLIS = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

    private final FeedConnection connection;
    private final AgentRunner runner;

    private LiveFeed(FeedConnection connection, AgentRunner runner) {
        this.connection = connection;
        this.runner = runner;
    }

    /** A feed named {@code name} (logs, status lines, the input's name) over {@code transport}. */
    public static Builder builder(String name, FeedTransport transport, Credentials credentials) {
        return new Builder(name, transport, credentials);
    }

    /** The connection: its state, health figures and failure. */
    public FeedConnection connection() {
        return connection;
    }

    /**
     * Subscribes {@code subscription}, connects and starts the feed's thread; call it once the data manager has
     * started.
     *
     * @throws IllegalStateException when started before
     */
    public void start(Subscription subscription) {
        connection.subscribe(subscription);
        connection.connect();
        runner.start();
    }

    /**
     * Stops the feed and joins its thread within {@link Builder#closeMillis}; idempotent.
     *
     * @return false when the thread was still alive after the bound
     */
    public boolean stop() {
        connection.stop();
        return runner.closeAndJoin();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return connection.toString();
    }

    /**
     * How a {@link LiveFeed} is built; the defaults are the product's ({@link FeedSettings#DEFAULT}, the system wall
     * clock, an unseeded jitter, an input of {@link #INPUT_CAPACITY} batches, a crash logged, no end hook).
     *
     * <p>Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private final FeedTransport transport;
        private final Credentials credentials;
        private FeedSettings settings = FeedSettings.DEFAULT;
        private WallClock wall = WallClock.system();
        private RandomGenerator random;
        private int inputCapacity = INPUT_CAPACITY;
        private long closeMillis = CLOSE_MILLIS;
        private Consumer<Throwable> onFailure;
        private Consumer<FeedConnection> whenEnded = c -> { };

        private Builder(String name, FeedTransport transport, Credentials credentials) {
            this.name = Objects.requireNonNull(name, "name");
            this.transport = Objects.requireNonNull(transport, "transport");
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        public Builder settings(FeedSettings s) {
            settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** The clock of timeouts and rates (market times come from the clock given to {@link #into}). */
        public Builder wallClock(WallClock w) {
            wall = Objects.requireNonNull(w, "wallClock");
            return this;
        }

        /** Draws the reconnect jitter; seed it in tests. */
        public Builder random(RandomGenerator r) {
            random = Objects.requireNonNull(r, "random");
            return this;
        }

        public Builder inputCapacity(int batches) {
            if (batches < 1) {
                throw new IllegalArgumentException("input capacity " + batches + " is not positive");
            }
            inputCapacity = batches;
            return this;
        }

        public Builder closeMillis(long millis) {
            if (millis < 1) {
                throw new IllegalArgumentException("close bound " + millis + " ms is not positive");
            }
            closeMillis = millis;
            return this;
        }

        /** Called on the feed's thread with what the connection threw; its thread then ends. */
        public Builder onFailure(Consumer<Throwable> handler) {
            onFailure = Objects.requireNonNull(handler, "onFailure");
            return this;
        }

        /**
         * Called on the feed's thread once it has ended, whatever the reason: stopped, failed for good (rejected
         * credentials, a fatal server error: {@link FeedConnection#failure()} says why) or crashed. A run that must
         * not outlive its feed waits for this as well as for its own end.
         */
        public Builder whenEnded(Consumer<FeedConnection> handler) {
            whenEnded = Objects.requireNonNull(handler, "whenEnded");
            return this;
        }

        /**
         * The feed, pushing into a new input of {@code dm}, which must not have started.
         *
         * @param marketClock the clock {@code dm} was built live with: events are released and watermarks promised
         *                    as it passes them, and a {@link io.sessionflow.time.ReplayClock}'s speed scales the
         *                    grace
         */
        public LiveFeed into(DataManager dm, Clock marketClock) {
            Objects.requireNonNull(dm, "dataManager");
            Objects.requireNonNull(marketClock, "marketClock");
            FeedConnection connection = new FeedConnection(name, transport, credentials,
                    FeedSink.of(dm.publisher(name + " feed", inputCapacity)), settings, wall, marketClock,
                    random != null ? random : new SplittableRandom());
            Consumer<Throwable> failed = onFailure != null ? onFailure
                    : t -> LOG.error("feed {} failed on its thread: {}", name, t.toString(), t);
            return new LiveFeed(connection, new AgentRunner(endingWith(connection, whenEnded),
                    connection.idleStrategy(), failed, closeMillis));
        }

        /** The connection as its runner's agent, calling {@code ended} after the connection's own close. */
        private static Agent endingWith(FeedConnection connection, Consumer<FeedConnection> ended) {
            return new Agent() {
                @Override
                public int doWork() {
                    return connection.doWork();
                }

                @Override
                public boolean isDone() {
                    return connection.isDone();
                }

                @Override
                public long wakeAtNanos() {
                    return connection.wakeAtNanos();
                }

                @Override
                public void onClose() {
                    try {
                        connection.onClose();
                    } finally {
                        ended.accept(connection);
                    }
                }

                @Override
                public String roleName() {
                    return connection.roleName();
                }
            };
        }
    }
}
