package io.sessionflow.feed;

import io.sessionflow.agent.Agent;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.domain.Micros;
import io.sessionflow.time.ReplayClock;
import io.sessionflow.time.WallClock;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider-independent feed: a state machine run as a duty-cycle {@link Agent} over a {@link FeedTransport}.
 *
 * <pre>
 * DISCONNECTED -connect-> CONNECTING -open-> AUTHENTICATING -ok-> SUBSCRIBING -ack-> STREAMING
 *      any error or timeout (but rejected credentials and fatal server errors) -> BACKOFF -delay-> CONNECTING
 *      rejected credentials, fatal server error, closed coordinator input -> FAILED;  stop() -> STOPPED
 * </pre>
 *
 * The delay before each reconnect is drawn with full jitter ({@link Backoff}) from the injected random generator;
 * the failure count resets once a connection has streamed for {@link FeedSettings#stableAfter()}. After a reconnect
 * the whole subscription is sent again. Events are held in an {@link EventBuffer} and put into the {@link FeedSink}
 * in delivery order once the market clock minus {@link FeedSettings#grace()} passes them, then the watermark
 * follows (the grace is feed latency, wall time: on a {@link ReplayClock} it is scaled by the clock's speed). With
 * {@link FeedSettings#barsFromTrades()} the trades received also make 1m bars ({@link TradeBarStage}). Timeouts and rates are measured on the {@link WallClock}, market times on the {@link Clock}.
 *
 * <p>Threading: {@link #doWork()} and the other {@link Agent} methods from one thread (an
 * {@link io.sessionflow.agent.AgentRunner} idling on {@link #idleStrategy()}, or a test); the
 * {@link MarketDataFeed} methods from any thread; the transport's callbacks from any thread.
 */
public final class FeedConnection implements Agent, MarketDataFeed {

    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);
    private static final int MAX_MESSAGES_PER_CYCLE = 1024;
    /**
     * How often a streaming feed looks at the market clock: the clock does not signal, and held events and the
     * watermark move with it (at a replay speed of 1200 a wall second is 20 market minutes).
     */
    static final long CLOCK_POLL_NANOS = 20_000_000L;
    /** The same while events are held: each is released as soon as the clock has passed it by the grace. */
    static final long HELD_POLL_NANOS = 1_000_000L;

    /** A transport callback, tagged with the opening it belongs to. */
    private record Inbound(long generation, Object what) {
    }

    private record Opened() {
    }

    private record Closed(String reason) {
    }

    private final String name;
    private final FeedTransport transport;
    private final Credentials credentials;
    private final FeedSink sink;
    private final FeedSettings settings;
    private final WallClock wall;
    private final Clock clock;
    private final RandomGenerator random;
    /** The grace in market time: wall latency, scaled by a replay clock's speed. */
    private final long graceMicros;
    private final WakeSignal wake;
    private final ArrayBlockingQueue<Inbound> inbox;
    private final AtomicLong overflowed = new AtomicLong();
    private final EventBuffer buffer = new EventBuffer();
    /** Bars built from the trades received, when asked for; null otherwise. */
    private final TradeBarStage tradeBars;
    private final SinkOutbox out;

    private volatile boolean connectAsked;
    private volatile boolean stopAsked;
    private volatile Subscription wanted = Subscription.NONE;
    private volatile FeedState state = FeedState.DISCONNECTED;
    private volatile FeedHealth health;
    private volatile String failure;

    private long generation;
    private Subscription sent = Subscription.NONE;
    private long deadline = Long.MAX_VALUE;
    private long streamingSince;
    private long lastMessageNanos;
    private int failures;
    private long overflowSeen;
    private final HealthMeter meter;

    /**
     * @param random draws the backoff jitter; seed it in tests
     */
    public FeedConnection(String name, FeedTransport transport, Credentials credentials, FeedSink sink,
                          FeedSettings settings, WallClock wall, Clock clock, RandomGenerator random) {
        this.name = Objects.requireNonNull(name, "name");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.out = new SinkOutbox(sink);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.wall = Objects.requireNonNull(wall, "wall");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.graceMicros = (long) (settings.grace().toNanos() / 1_000 * ReplayClock.speedOf(clock));
        this.tradeBars = settings.barsFromTrades().map(TradeBarStage::new).orElse(null);
        this.wake = new WakeSignal(wall);
        this.inbox = new ArrayBlockingQueue<>(settings.inboxCapacity());
        this.meter = new HealthMeter(settings.rateWindow(), wall.nanoTime());
        publishHealth();
    }

    /** The idle strategy to run this agent with: transport callbacks and requests wake it. */
    public WakeSignal idleStrategy() {
        return wake;
    }

    // --- MarketDataFeed: any thread ---

    @Override
    public String name() {
        return name;
    }

    @Override
    public void connect() {
        connectAsked = true;
        wake.wake();
    }

    @Override
    public synchronized void subscribe(Subscription s) {
        wanted = wanted.plus(Objects.requireNonNull(s, "subscription"));
        wake.wake();
    }

    @Override
    public synchronized void unsubscribe(Subscription s) {
        wanted = wanted.minus(Objects.requireNonNull(s, "subscription"));
        wake.wake();
    }

    @Override
    public Subscription subscription() {
        return wanted;
    }

    @Override
    public FeedState state() {
        return state;
    }

    @Override
    public FeedHealth health() {
        return health;
    }

    @Override
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void stop() {
        stopAsked = true;
        wake.wake();
    }

    // --- Agent: the feed's thread ---

    @Override
    public int doWork() {
        if (state.isTerminal()) {
            return 0;
        }
        int work = 0;
        long now = wall.nanoTime();
        if (stopAsked) {
            finish(FeedState.STOPPED, null);
            return 1;
        }
        if (overflowed.get() != overflowSeen) {
            long lost = overflowed.get() - overflowSeen;
            overflowSeen += lost;
            meter.skipped += lost;
            broke("the transport sent faster than the feed could take: " + lost + " messages overflowed the inbox of "
                    + settings.inboxCapacity(), now);
            work++;
        }
        work += drainOut();
        if (out.isEmpty()) {
            work += drainInbox(now);
        }
        work += step(now);
        if (state == FeedState.STREAMING) {
            long cut = Micros.of(clock.instant()) - graceMicros;
            if (tradeBars != null) {
                keep(tradeBars.advanceTo(cut));  // quiet symbols' minutes close with the clock
            }
            buffer.release(cut, out.adder());
            out.promise(cut);
        }
        if (meter.tick(now) || work > 0 || !out.isEmpty()) {
            publishHealth();  // before the events go out: whoever sees them sees them counted
        }
        return work + drainOut();
    }

    /** Timers and requests that do not come from the transport. */
    private int step(long now) {
        switch (state) {
            case DISCONNECTED -> {
                if (connectAsked) {
                    open(now);
                    return 1;
                }
            }
            case CONNECTING, AUTHENTICATING, SUBSCRIBING -> {
                if (now >= deadline) {
                    broke("no answer while " + state.name().toLowerCase(java.util.Locale.ROOT) + " within "
                            + (state == FeedState.CONNECTING ? settings.connectTimeout() : settings.answerTimeout()),
                            now);
                    return 1;
                }
            }
            case STREAMING -> {
                if (now - lastMessageNanos >= settings.silenceTimeout().toNanos()) {
                    broke("silent for " + settings.silenceTimeout(), now);
                    return 1;
                }
                if (failures > 0 && now - streamingSince >= settings.stableAfter().toNanos()) {
                    failures = 0;
                }
                return reconcile();
            }
            case BACKOFF -> {
                if (now >= deadline) {
                    meter.reconnects++;
                    open(now);
                    return 1;
                }
            }
            default -> {
                return 0;
            }
        }
        return 0;
    }

    private int drainInbox(long now) {
        int n = 0;
        Inbound in;
        while (n < MAX_MESSAGES_PER_CYCLE && !state.isTerminal() && (in = inbox.poll()) != null) {
            if (in.generation() != generation) {
                continue;  // from an opening already closed
            }
            n++;
            handle(in.what(), now);
        }
        return n;
    }

    private void handle(Object what, long now) {
        if (what instanceof Opened) {
            if (state == FeedState.CONNECTING) {
                transport.send(new FeedRequest.Authenticate(credentials));
                enter(FeedState.AUTHENTICATING, now + settings.answerTimeout().toNanos());
            }
            return;
        }
        if (what instanceof Closed c) {
            broke("connection closed while " + state.name().toLowerCase(java.util.Locale.ROOT) + ": " + c.reason(),
                    now);
            return;
        }
        FeedMessage m = (FeedMessage) what;
        lastMessageNanos = now;
        if (m instanceof FeedMessage.Heartbeat) {
            return;
        }
        meter.message(clock.instant());
        if (m instanceof FeedMessage.Authenticated) {
            if (state == FeedState.AUTHENTICATING) {
                subscribeAll(now);
            }
        } else if (m instanceof FeedMessage.AuthRejected r) {
            finish(FeedState.FAILED, "authentication rejected for key " + credentials.redactedKeyId() + ": "
                    + r.reason() + " (check the credentials; not retrying)");
        } else if (m instanceof FeedMessage.Subscribed) {
            if (state == FeedState.SUBSCRIBING) {
                streamingSince = now;
                enter(FeedState.STREAMING, Long.MAX_VALUE);
            }
        } else if (m instanceof FeedMessage.ServerError e) {
            String why = "server error " + e.code() + ": " + e.message();
            if (e.fatal()) {
                finish(FeedState.FAILED, why);
            } else {
                broke(why, now);
            }
        } else if (m instanceof FeedMessage.Skipped s) {
            meter.skipped++;
            LOG.debug("{}: skipped a message: {}", name, s.reason());
        } else if (state == FeedState.SUBSCRIBING || state == FeedState.STREAMING) {
            long latest = keep(m);
            if (latest != Long.MIN_VALUE) {
                meter.lag = Duration.between(Micros.toInstant(latest), meter.lastMessageTime);
            }
            if (tradeBars != null && m instanceof FeedMessage.Trades t) {
                keep(tradeBars.accept(t.trades()));
            }
        } else {
            meter.skipped++;  // events before the subscription was acknowledged
        }
    }

    /** Buffers a message's events, counted; returns the latest availability time among them. */
    private long keep(FeedMessage m) {
        if (m == null) {
            return Long.MIN_VALUE;
        }
        int before = buffer.size();
        long latest = buffer.add(m);
        meter.events += buffer.size() - before;
        return latest;
    }

    private void subscribeAll(long now) {
        Subscription all = wanted;
        sent = all;
        if (all.isEmpty()) {
            streamingSince = now;
            enter(FeedState.STREAMING, Long.MAX_VALUE);
        } else {
            transport.send(new FeedRequest.Subscribe(all));
            enter(FeedState.SUBSCRIBING, now + settings.answerTimeout().toNanos());
        }
    }

    /** Sends what {@link #subscribe}/{@link #unsubscribe} changed since the last request. */
    private int reconcile() {
        Subscription target = wanted;
        if (target.equals(sent)) {
            return 0;
        }
        Subscription add = target.minus(sent);
        Subscription remove = sent.minus(target);
        if (!remove.isEmpty()) {
            transport.send(new FeedRequest.Unsubscribe(remove));
        }
        if (!add.isEmpty()) {
            transport.send(new FeedRequest.Subscribe(add));
        }
        sent = target;
        return 1;
    }

    private void open(long now) {
        generation++;
        sent = Subscription.NONE;
        enter(FeedState.CONNECTING, now + settings.connectTimeout().toNanos());
        long g = generation;
        transport.open(new FeedTransport.Receiver() {
            @Override
            public void onOpen() {
                deliver(g, new Opened());
            }

            @Override
            public void onMessage(FeedMessage message) {
                deliver(g, Objects.requireNonNull(message, "message"));
            }

            @Override
            public void onClosed(String reason) {
                deliver(g, new Closed(String.valueOf(reason)));
            }
        });
    }

    /** Transport thread: never blocks; a full inbox is counted and handled on the feed's thread. */
    private void deliver(long g, Object what) {
        if (!inbox.offer(new Inbound(g, what))) {
            overflowed.incrementAndGet();
        }
        wake.wake();
    }

    /** The connection broke: give back what was received, close, and back off. */
    private void broke(String reason, long now) {
        if (state.isTerminal() || state == FeedState.BACKOFF || state == FeedState.DISCONNECTED) {
            return;
        }
        meter.lastFailure = reason;
        closeTransport();
        failures++;
        long delay = settings.backoff().delayNanos(failures, random);
        LOG.warn("{}: {}; reconnecting in {} ms (failure {})", name, reason, delay / 1_000_000, failures);
        enter(FeedState.BACKOFF, now + delay);
    }

    /** Terminal: give back what was received, close, and say why once. */
    private void finish(FeedState end, String reason) {
        closeTransport();
        if (reason != null) {
            failure = name + ": " + reason;
            meter.lastFailure = reason;
            LOG.error("{}", failure);
        }
        state = end;
        deadline = Long.MAX_VALUE;
        out.flushOnce(name);
        publishHealth();
    }

    private void closeTransport() {
        generation++;  // callbacks still in flight from the old opening are ignored
        try {
            transport.close();
        } catch (RuntimeException e) {
            LOG.warn("{}: closing the transport failed: {}", name, e.toString());
        }
        inbox.clear();
        buffer.releaseAll(out.adder());
        out.idleDue(true);
    }

    /** Puts the batches waiting for the sink; then the due watermark, or the idleness of a broken connection. */
    private int drainOut() {
        try {
            return out.drain(state == FeedState.STREAMING);
        } catch (IllegalStateException e) {
            finish(FeedState.FAILED, "the coordinator input " + sink + " is closed: " + e.getMessage());
            return 1;
        }
    }

    private void enter(FeedState s, long newDeadline) {
        if (s == FeedState.STREAMING) {
            lastMessageNanos = Math.max(lastMessageNanos, streamingSince);
            out.idleDue(false);
        }
        state = s;
        deadline = newDeadline;
        publishHealth();
    }

    private void publishHealth() {
        health = meter.snapshot(state, buffer.lateEvents());
    }

    @Override
    public boolean isDone() {
        return state.isTerminal();
    }

    @Override
    public long wakeAtNanos() {
        long next = meter.windowEnd();
        if (state == FeedState.STREAMING) {
            next = Math.min(next, Math.min(lastMessageNanos + settings.silenceTimeout().toNanos(),
                    wall.nanoTime() + (buffer.size() > 0 ? HELD_POLL_NANOS : CLOCK_POLL_NANOS)));
        }
        return Math.min(next, deadline);
    }

    @Override
    public void onClose() {
        if (!state.isTerminal()) {
            finish(FeedState.STOPPED, null);
        }
    }

    @Override
    public String roleName() {
        return "feed-" + name;
    }

    @Override
    public String toString() {
        return "feed " + name + " (" + state + ")";
    }
}
