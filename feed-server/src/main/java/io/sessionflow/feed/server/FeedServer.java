package io.sessionflow.feed.server;

import io.javalin.Javalin;
import io.sessionflow.agent.AgentRunner;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.errors.ErrorText;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves stored sessions over WebSocket in the Alpaca Market Data v2 stock stream format ({@code ws://host:port/v2/
 * iex}), paced on a {@link WallClock} by a {@link ReplayPlan}: how users paper-test a live strategy offline, and how
 * the tests drive the connector. The protocol is {@link StreamHandler}'s; the frames are
 * {@link io.sessionflow.feed.alpaca.AlpacaWire}'s.
 *
 * <p>One sender thread plays the schedule: the events due at the same wall time go to each subscribed connection
 * as one frame (an array of data points, up to 1,000). A connection sees only what plays while it is subscribed,
 * as with a live feed; a server stopped and started again with the same plan resumes the same schedule, so a client
 * that reconnects has missed what played meanwhile and must repair it. Each connection has a bounded queue; one
 * that cannot keep up is disconnected with a logged reason. After the last session the connections stay open (a
 * live client decides when its session ends) until {@link #close()}.
 *
 * <p>The server reads {@code store} but does not own it: close the server, then the store.
 *
 * <p>Threading: {@link #port()}, {@link #stats()} and the other getters from any thread; {@link #close()} from any
 * thread, any number of times (bounded: the sender stops at once, and its join and the web server's stop each wait
 * a few {@link FeedServerSettings#stopTimeout()}s at most).
 */
public final class FeedServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FeedServer.class);
    /** A connection that sends and receives nothing (pings included) for this long is closed by the web server. */
    static final Duration IDLE_TIMEOUT = Duration.ofMinutes(10);
    /** The longest text message a client may send; requests are a few hundred bytes. */
    static final int MAX_REQUEST_CHARS = 64 * 1024;

    private final FeedServerSettings settings;
    private final StreamHandler handler;
    private final ServerCounters counters;
    private final Javalin web;
    private final ReplayAgent agent;
    private final WakeSignal wake;
    private final AgentRunner sender;
    private final int port;
    private boolean closed;

    private FeedServer(FeedServerSettings settings, StreamHandler handler, ServerCounters counters,
                       Javalin web, ReplayAgent agent, WakeSignal wake, AgentRunner sender) {
        this.settings = settings;
        this.handler = handler;
        this.counters = counters;
        this.web = web;
        this.agent = agent;
        this.wake = wake;
        this.sender = sender;
        this.port = web.port();
    }

    /** A server for {@code plan} over {@code store}: settings, clock and listener are set on the builder. */
    public static Builder builder(MarketDataStore store, ReplayPlan plan) {
        return new Builder(store, plan);
    }

    /** The bound port (the one picked when the settings said 0). */
    public int port() {
        return port;
    }

    public String host() {
        return settings.host();
    }

    /** {@code ws://host:port}: the base an {@link io.sessionflow.feed.alpaca.AlpacaTransport} takes. */
    public URI baseUri() {
        String h = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return URI.create("ws://" + h + ":" + port);
    }

    /** {@code ws://host:port/v2/iex} (the configured feed path): the URL a client connects to. */
    public URI streamUri() {
        return URI.create(baseUri() + "/v2/" + settings.feed().path());
    }

    /**
     * The plan as played: the one given, or, for a server that waits for its first subscription, the same with the
     * anchor set to that subscription's wall time (once it came). Start a server again with this plan (and
     * without waiting) to resume the same schedule.
     */
    public ReplayPlan plan() {
        return agent.plan();
    }

    public FeedServerSettings settings() {
        return settings;
    }

    public FeedServerStats stats() {
        return new FeedServerStats(handler.connections(), handler.loggedInConnections(), counters.sessionsPlayed,
                counters.pointsPlayed.get(), counters.pointsSkipped.get(), counters.framesSent.get(),
                counters.slowClientsDropped.get(), counters.maxQueuedChars.get(), counters.replayFinished,
                counters.failure);
    }

    /** Why the replay stopped early (a storage failure while loading a session); empty while all is well. */
    public Optional<String> failure() {
        return Optional.ofNullable(counters.failure);
    }

    /**
     * Stops the sender, closes every connection (1001, going away) and stops the web server, whatever the clients do
     * (a stuck client's socket is dropped with the server).
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        agent.stop();
        wake.wake();
        sender.closeAndJoin();
        handler.closeAll();
        try {
            web.stop();
        } catch (RuntimeException e) {
            LOG.warn("the web server did not stop cleanly: {}", e.toString());
        }
        LOG.info("feed server on {} stopped", baseUri());
    }

    @Override
    public String toString() {
        return "feed server " + streamUri();
    }

    /** Sets up and starts a {@link FeedServer}. Threading: one thread. */
    public static final class Builder {
        private final MarketDataStore store;
        private final ReplayPlan plan;
        private FeedServerSettings settings = FeedServerSettings.DEFAULT;
        private WallClock wall = WallClock.system();
        private ReplayListener listener = ReplayListener.NONE;
        private boolean waitForSubscriber;

        private Builder(MarketDataStore store, ReplayPlan plan) {
            this.store = Objects.requireNonNull(store, "store");
            this.plan = Objects.requireNonNull(plan, "plan");
        }

        public Builder settings(FeedServerSettings s) {
            this.settings = Objects.requireNonNull(s, "settings");
            return this;
        }

        /** The clock the schedule, the auth timeout and the pings run on; the system's by default. */
        public Builder wallClock(WallClock w) {
            this.wall = Objects.requireNonNull(w, "wall");
            return this;
        }

        public Builder listener(ReplayListener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        /**
         * Starts the schedule when a logged-in client first subscribes to data, instead of at the plan's anchor: the
         * first session's open plays then. For a client whose market clock starts at its own subscription (such as
         * {@code sessionflow live --replay-clock}); {@link FeedServer#plan()} then tells the anchor taken.
         */
        public Builder startOnFirstSubscription() {
            this.waitForSubscriber = true;
            return this;
        }

        /**
         * Loads the first session still to play (skipping what the schedule played before now), starts listening
         * and starts the sender.
         *
         * @throws IllegalStateException when the address cannot be bound (the message names it)
         * @throws io.sessionflow.storage.StorageException when the first session cannot be read
         */
        public FeedServer start() {
            long now = wall.nanoTime();
            List<TradingSession> sessions = plan.sessions();
            int index = 0;
            while (!waitForSubscriber && index < sessions.size() && plan.dueNanos(sessions.get(index).close()) < now) {
                index++;
            }
            ServerCounters counters = new ServerCounters();
            SessionTimeline first = null;
            int skipped = 0;
            if (index < sessions.size()) {
                first = SessionTimeline.load(store, sessions.get(index), plan);
                skipped = waitForSubscriber ? 0 : first.skipBefore(now);
                counters.pointsSkipped.addAndGet(skipped);
            }
            if (index > 0 || skipped > 0) {
                LOG.info("resuming the schedule: {} session(s) and {} event(s) played before this start are not sent",
                        index, skipped);
            }
            WakeSignal wake = new WakeSignal(wall);
            StreamHandler handler = new StreamHandler(settings, wall, wake, counters);
            Javalin web = web(handler);
            ReplayAgent agent = new ReplayAgent(store, plan, wall, handler, listener, counters,
                    settings.pingInterval().toNanos(), index, first, skipped, waitForSubscriber);
            AgentRunner sender = new AgentRunner(agent, wake, failure -> {
                counters.failure = failure.toString();
                LOG.error("the replay stopped: {}", failure.toString(), failure);
            }, settings.stopTimeout().toMillis());
            FeedServer server = new FeedServer(settings, handler, counters, web, agent, wake, sender);
            sender.start();
            LOG.info("serving {} session(s) from {} at {}x on {} ({}){}", sessions.size(), sessions.get(0).date(),
                    plan.speed(), server.streamUri(), settings, waitForSubscriber
                            ? "; the schedule starts at the first subscription" : "");
            return server;
        }

        private Javalin web(StreamHandler handler) {
            Javalin web = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                config.jetty.host = settings.host();
                config.jetty.port = settings.port();
                config.jetty.modifyWebSocketServletFactory(f -> {
                    f.setIdleTimeout(IDLE_TIMEOUT);
                    f.setMaxTextMessageSize(MAX_REQUEST_CHARS);
                });
                config.jetty.modifyServer(s -> s.setStopTimeout(settings.stopTimeout().toMillis()));
                config.routes.ws("/v2/{feed}", ws -> {
                    ws.onConnect(handler::onConnect);
                    ws.onMessage(handler::onMessage);
                    ws.onBinaryMessage(handler::onBinaryMessage);
                    ws.onClose(handler::onClose);
                    ws.onError(handler::onError);
                });
            });
            try {
                web.start();
            } catch (RuntimeException e) {
                try {
                    web.stop();
                } catch (RuntimeException ignored) {
                    // nothing was started
                }
                throw new IllegalStateException("cannot listen on " + settings.host() + ":" + settings.port() + ": "
                        + ErrorText.rootMessage(e), e);
            }
            return web;
        }
    }
}
