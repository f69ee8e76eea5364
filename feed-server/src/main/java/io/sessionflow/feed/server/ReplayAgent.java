package io.sessionflow.feed.server;

import io.sessionflow.agent.Agent;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.time.WallClock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sender: plays the plan's sessions on the wall clock, one after another, handing each batch of due events to
 * the connections; refuses connections whose login is late; pings every connection now and then. It loads one
 * session at a time (the next once the last event of the one before has played), so memory holds one session.
 * After the last session it keeps running (pings, logins) until the server stops: a live client decides when its
 * session ends.
 *
 * <p>Threading: run by one {@link io.sessionflow.agent.AgentRunner}; all its state is confined to that thread.
 */
final class ReplayAgent implements Agent {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayAgent.class);
    /** Events handed out per duty cycle at most, so that a late sender still pings and expires logins between. */
    static final int MAX_POINTS_PER_CYCLE = 8_192;

    private final MarketDataStore store;
    /** Replaced once when the schedule waits for the first subscription; read by other threads for reports. */
    private volatile ReplayPlan plan;
    private final WallClock wall;
    private final StreamHandler clients;
    private final ReplayListener listener;
    private final ServerCounters counters;
    private final long pingNanos;
    private final List<TradingSession> sessions;

    private int index;
    private SessionTimeline current;
    private boolean announced;
    private int skipped;
    private long nextPingNanos;
    private volatile boolean stopped;
    private boolean finishPending;
    private boolean waitingForSubscriber;

    /**
     * @param first        the timeline of session {@code firstIndex}, loaded and moved past what was due before the
     *                     start; null when the whole plan lies in the past
     * @param firstSkipped how many events of it were skipped
     * @param waitForSubscriber whether the schedule starts at the first subscription rather than at the plan's
     *                          anchor
     */
    ReplayAgent(MarketDataStore store, ReplayPlan plan, WallClock wall, StreamHandler clients,
                ReplayListener listener, ServerCounters counters, long pingNanos, int firstIndex,
                SessionTimeline first, int firstSkipped, boolean waitForSubscriber) {
        this.store = store;
        this.plan = plan;
        this.wall = wall;
        this.clients = clients;
        this.listener = listener;
        this.counters = counters;
        this.pingNanos = pingNanos;
        this.sessions = plan.sessions();
        this.index = firstIndex;
        this.current = first;
        this.skipped = firstSkipped;
        this.nextPingNanos = wall.nanoTime() + pingNanos;
        this.finishPending = first == null;  // the whole plan lies in the past: said on the sender thread
        this.waitingForSubscriber = waitForSubscriber && first != null;
    }

    /** The plan as played: its anchor is the first subscription's wall time once there was one. */
    ReplayPlan plan() {
        return plan;
    }

    @Override
    public int doWork() {
        long now = wall.nanoTime();
        int work = clients.expireLogins(now);
        if (finishPending) {
            finishPending = false;
            finish();
            work++;
        }
        if (now >= nextPingNanos) {
            clients.ping();
            nextPingNanos = now + pingNanos;
        }
        if (waitingForSubscriber) {
            if (!clients.anySubscribed()) {
                return work;
            }
            waitingForSubscriber = false;
            plan = plan.withAnchorNanos(now);
            current.replan(plan);
            LOG.info("first subscription: the schedule starts, the open of {} plays now", sessions.get(index).date());
            listener.onScheduleStart(now);
            work++;
        }
        if (current == null && index < sessions.size()) {
            current = SessionTimeline.load(store, sessions.get(index), plan);
            announced = false;
            skipped = 0;
            work++;
        }
        if (current != null) {
            work += play(now);
        }
        return work;
    }

    private int play(long now) {
        int work = 0;
        TradingSession s = current.session();
        if (!announced && now >= plan.dueNanos(s.open())) {
            announced = true;
            LOG.info("playing session {} [{}/{}]: {} bars, {} quotes, {} trades{}", s.date(), index + 1,
                    sessions.size(), current.bars(), current.quotes(), current.trades(),
                    skipped > 0 ? " (" + skipped + " scheduled before the server started are not sent)" : "");
            listener.onSessionStart(s, index, sessions.size());
        }
        List<SessionTimeline.Point> due = current.takeDue(now, MAX_POINTS_PER_CYCLE);
        if (!due.isEmpty()) {
            clients.broadcast(due);
            counters.pointsPlayed.addAndGet(due.size());
            listener.onPlayed(now, due.size());
            work++;
        }
        if (current.done() && announced) {
            int played = current.played() - skipped;
            LOG.info("session {} played [{}/{}]: {} events", s.date(), index + 1, sessions.size(), played);
            counters.sessionsPlayed++;
            listener.onSessionEnd(s, index, sessions.size(), played, skipped);
            current = null;
            index++;
            if (index == sessions.size()) {
                finish();
            }
            work++;
        }
        return work;
    }

    private void finish() {
        counters.replayFinished = true;
        LOG.info("replay finished: {} session(s) played; connections stay open until the server stops",
                counters.sessionsPlayed);
        listener.onReplayFinished();
    }

    /** Ends the run at the next duty cycle; the caller then wakes the runner and joins it. Any thread. */
    void stop() {
        stopped = true;
    }

    @Override
    public boolean isDone() {
        return stopped;  // pings and logins go on after the last session, until the server stops
    }

    @Override
    public long wakeAtNanos() {
        long next = Math.min(nextPingNanos, clients.nextLoginDeadline());
        if (waitingForSubscriber) {
            return next;  // a subscription wakes the runner
        }
        if (current != null) {
            next = Math.min(next, current.nextDueNanos());
            if (!announced) {
                next = Math.min(next, plan.dueNanos(current.session().open()));
            }
        } else if (index < sessions.size()) {
            next = wall.nanoTime();  // the next session is to be loaded now
        }
        return next;
    }

    @Override
    public String roleName() {
        return "feed-server";
    }
}
