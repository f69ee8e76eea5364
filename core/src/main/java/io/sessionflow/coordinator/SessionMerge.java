package io.sessionflow.coordinator;

import io.sessionflow.config.ConfigValues;
import io.sessionflow.api.SessionEndReason;
import io.sessionflow.calendar.TradingSession;
import io.sessionflow.agent.WakeSignal;
import io.sessionflow.domain.Micros;
import io.sessionflow.session.SessionMinutes;
import io.sessionflow.time.TimeProvider;
import io.sessionflow.time.WallClock;
import java.time.LocalDate;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The merge of one session: the inputs' cursors, the choice of the next event in delivery order under the
 * inputs' watermarks and idleness, the session-end rules ({@link SessionEndPolicy}), backtest time moved to each
 * event (paced, flushing the derived windows that end on the way), and live window flushes by watermark.
 *
 * <p>Threading: the coordinator's duty-cycle thread only.
 */
final class SessionMerge {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCoordinator.class);

    private final StreamRegistry registry;
    private final WakeSignal signal;
    private final EventDispatcher dispatch;
    private final TimeProvider time;
    private final WallClock wall;
    private final Pacer pacer;
    private final boolean backtest;
    /** Stop or pause: the merge stops at the next event. */
    private final BooleanSupplier halted;
    private InputCursor[] cursors = new InputCursor[0];
    private EventQueue[] cursorQueues = new EventQueue[0];
    private TradingSession session;
    private long openMicros;
    private long closeMicros;
    private long[] boundaries = new long[0];
    private int nextBoundary;
    private long outOfSession;
    private long silenceSince = Long.MIN_VALUE;
    private long silenceVersion = -1;
    private boolean gaveUp;
    private long wakeAt = Long.MAX_VALUE;
    private SessionEndReason endReason;
    /** The live window-flush grace in the clock's time (wall latency, scaled on a replay clock). */
    private final long liveGraceMicros;

    SessionMerge(StreamRegistry registry, WakeSignal signal, EventDispatcher dispatch, TimeProvider time,
                 WallClock wall, Pacer pacer, boolean backtest, BooleanSupplier halted) {
        this.registry = registry;
        this.signal = signal;
        this.dispatch = dispatch;
        this.time = time;
        this.wall = wall;
        this.pacer = pacer;
        this.backtest = backtest;
        this.halted = halted;
        this.liveGraceMicros = time.marketMicros(LiveChecks.GRACE_MICROS);
    }

    /** Starts merging {@code s}: every input is open again, and the derived windows' ends are laid out. */
    void beginSession(TradingSession s) {
        session = s;
        openMicros = Micros.of(s.open());
        closeMicros = Micros.of(SessionMinutes.tradingClose(s));
        boundaries = dispatch.windowEndsBeforeClose(s);
        nextBoundary = 0;
        outOfSession = 0;
        gaveUp = false;
        silenceSince = Long.MIN_VALUE;
        for (InputCursor c : cursors()) {
            c.beginSession();
        }
    }

    /** A pause of {@code nanos} froze the silence timer. */
    void paused(long nanos) {
        if (silenceSince != Long.MIN_VALUE) {
            silenceSince += nanos;
        }
    }

    /** Why the last {@link #step} ended the session, or null. */
    SessionEndReason endReason() {
        return endReason;
    }

    /** When the merge next has work without new input (pacing, an idle timeout). */
    long wakeAtNanos() {
        return wakeAt;
    }

    long outOfSession() {
        return outOfSession;
    }

    /**
     * Live, between sessions: drops what the inputs hold up to {@code now}, which belongs to no session.
     *
     * @return the events dropped
     */
    int dropUpTo(long now) {
        int dropped = 0;
        long version = signal.version();
        for (InputCursor c : cursors()) {
            while (c.ready(version, null) && c.headTime() <= now) {
                c.pos++;
                dropped++;
            }
        }
        return dropped;
    }

    InputCursor[] cursors() {
        EventQueue[] queues = registry.inputs();
        if (queues != cursorQueues) {
            InputCursor[] next = java.util.Arrays.copyOf(cursors, queues.length);
            for (int k = cursors.length; k < queues.length; k++) {
                next[k] = new InputCursor(queues[k]);
            }
            cursors = next;
            cursorQueues = queues;
        }
        return cursors;
    }

    /**
     * Merges up to {@code budget} events of the session in delivery order, as far as the watermarks, pacing and
     * commands allow; {@link #endReason()} says when the session-end rules ended the session.
     *
     * @return the work done
     */
    int step(boolean live, int budget) {
        wakeAt = Long.MAX_VALUE;
        endReason = null;
        int work = live ? flushByWatermark() : 0;
        while (work < budget && !halted.getAsBoolean()) {
            long version = signal.version();
            InputCursor[] in = cursors();
            InputCursor best = null;
            InputCursor second = null;
            boolean beyond = false;
            boolean streamData = false;
            boolean mayBlock = false;
            LocalDate date = session.date();
            for (InputCursor c : in) {
                if (!c.ready(version, date)) {
                    mayBlock |= c.state == InputCursor.State.OPEN;
                    continue;
                }
                if (beyondSession(c)) {
                    beyond = true;
                    continue;
                }
                streamData |= !c.headIsCheck();
                if (best == null || c.headBefore(best)) {
                    second = best;
                    best = c;
                } else if (second == null || c.headBefore(second)) {
                    second = c;
                }
            }
            long now = time.nowMicros();
            long clock = live ? now + 1 : Long.MIN_VALUE;
            boolean blocked = false;
            if (mayBlock && (best != null || !live || now >= closeMicros)) {
                for (InputCursor c : in) {
                    if (c != best && c.state == InputCursor.State.OPEN && !c.ready(version, date)
                            && holdsBack(c, best, clock)) {
                        blocked = true;
                        break;
                    }
                }
            }
            if (best != null && !blocked && (streamData || !gaveUp)) {
                // The policy's first rule (a head nothing holds back is delivered), here without building its view:
                // this is the path of nearly every event.
                silenceSince = Long.MIN_VALUE;
                if (!deliverHead(best)) {
                    return work;  // pacing: due later
                }
                work++;
                if (!mayBlock) {
                    work += deliverRun(best, second, version, date, budget - work);
                }
                continue;
            }
            SessionEndPolicy.View view = new SessionEndPolicy.View(best != null, streamData,
                    blocked, silenceExpired(blocked, version, in), gaveUp, beyond,
                    live && now >= closeMicros && closePending(in, version, date, now), now, closeMicros);
            SessionEndPolicy.Decision d = live ? SessionEndPolicy.live(view) : SessionEndPolicy.backtest(view);
            switch (d.action()) {
                case DELIVER -> {
                    if (!deliverHead(best)) {
                        return work;  // pacing: due later
                    }
                    work++;
                }
                case WAIT -> {
                    return work;
                }
                case GIVE_UP_SILENT -> {
                    giveUpSilent(in, version, date, best, clock);
                    work++;
                }
                case END -> {
                    endReason = d.reason();
                    return work;
                }
            }
        }
        return work;
    }

    /**
     * Delivers the events of {@code best} that stay ahead of every other input's head, when no input can hold
     * anything back (every input without a head is complete or idle): the run of one batch needs no fresh look at
     * the other inputs per event, until an input receives something.
     *
     * @return the events delivered
     */
    private int deliverRun(InputCursor best, InputCursor second, long version, LocalDate date, int budget) {
        int n = 0;
        while (n < budget && !halted.getAsBoolean() && signal.version() == version && best.ready(version, date)
                && !beyondSession(best)
                && (second == null || best.headBefore(second))) {
            if (!deliverHead(best)) {
                return n;  // pacing: due later
            }
            n++;
        }
        return n;
    }

    /**
     * Live, the clock past the close: whether an input may still send something from before the close (its own
     * watermark, not the clock, says so) and the close is less than the grace behind. A feed delivers the last
     * minute's bar after the close; ending at once would leave it to a repair.
     */
    private boolean closePending(InputCursor[] in, long version, LocalDate date, long now) {
        if (now >= closeMicros + liveGraceMicros) {
            return false;
        }
        for (InputCursor c : in) {
            if (!c.ready(version, date) && c.blocks(closeMicros - 1, Long.MIN_VALUE)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the head of {@code c} lies beyond the session: it waits for the next one. */
    boolean beyondSession(InputCursor c) {
        long t = c.headTime();
        // Bars and checks become available at most at the close; quotes and trades must happen before it.
        return t > closeMicros || (c.headIsTick() && t == closeMicros);
    }

    /** Whether the inputs holding back the merge have been silent for their idle timeout (wall time). */
    private boolean silenceExpired(boolean blocked, long version, InputCursor[] in) {
        if (!blocked) {
            silenceSince = Long.MIN_VALUE;
            return false;
        }
        long now = wall.nanoTime();
        if (silenceSince == Long.MIN_VALUE || version != silenceVersion) {
            silenceSince = now;  // something arrived: the silence starts again
            silenceVersion = version;
        }
        long timeout = Long.MAX_VALUE;
        for (InputCursor c : in) {
            if (c.state == InputCursor.State.OPEN && !c.queue.declaredIdle()) {
                timeout = Math.min(timeout, c.queue.idleTimeout().toNanos());
            }
        }
        if (timeout == Long.MAX_VALUE) {
            return false;
        }
        long due = silenceSince + timeout;
        if (now >= due) {
            return true;
        }
        wakeAt = Math.min(wakeAt, due);
        return false;
    }

    /** Whether {@code c}, without a head, holds back {@code best}'s head, or (none) the session's close. */
    private boolean holdsBack(InputCursor c, InputCursor best, long clock) {
        return best != null ? c.holdsBack(best, clock) : c.blocks(closeMicros, clock);
    }

    private void giveUpSilent(InputCursor[] in, long version, LocalDate date, InputCursor best, long clock) {
        for (InputCursor c : in) {
            if (!c.ready(version, date) && holdsBack(c, best, clock)) {
                LOG.warn("{} sent nothing for {}; continuing session {} without waiting for it", c.queue,
                        ConfigValues.formatDuration(c.queue.idleTimeout()), date);
                c.state = InputCursor.State.TIMED_OUT;
                gaveUp = true;
            }
        }
        silenceSince = Long.MIN_VALUE;
    }

    /**
     * Delivers the head event of {@code in}, moving backtest time to it first.
     *
     * @return false when pacing holds it back (it stays the head)
     */
    boolean deliverHead(InputCursor in) {
        long t = in.headTime();
        boolean ticks = in.headIsTick();
        if (t < openMicros || (!ticks && t == openMicros)) {
            in.pos++;
            outOfSession++;
            if (outOfSession == 1) {
                LOG.warn("{}: events before the {} session open are skipped (first: {} at {})", in.queue,
                        session.date(), in.batch.symbol(in.pos - 1), Micros.toInstant(t));
            }
            return true;
        }
        if (backtest && t > time.nowMicros() && !advanceTime(t)) {
            return false;
        }
        EventBatch b = in.batch;
        int i = in.pos;
        SymbolChannel ch = in.channel(registry);
        in.pos++;
        b.deliver(i, ch, dispatch);
        return true;
    }

    /**
     * Backtest: moves time toward {@code t}, delivering the derived windows that end on the way, as far as pacing
     * allows.
     *
     * @return true when time has reached {@code t}
     */
    private boolean advanceTime(long t) {
        while (nextBoundary < boundaries.length && boundaries[nextBoundary] < t) {
            long b = boundaries[nextBoundary];
            if (!moveTime(b)) {
                return false;
            }
            nextBoundary++;
            dispatch.flushWindows(b);
        }
        return moveTime(t);
    }

    private boolean moveTime(long t) {
        if (t <= time.nowMicros()) {
            return true;
        }
        if (!pacer.isDue(t)) {
            wakeAt = Math.min(wakeAt, pacer.dueNanos(t));
            return false;
        }
        time.advanceTo(t);
        return true;
    }

    /** Live: derived windows whose end every input has passed (or the clock, by a grace) are delivered. */
    private int flushByWatermark() {
        int work = 0;
        long now = time.nowMicros();
        while (nextBoundary < boundaries.length) {
            long b = boundaries[nextBoundary];
            if (!passed(b, now >= b + liveGraceMicros)) {
                break;
            }
            nextBoundary++;
            dispatch.flushWindows(b);
            work++;
        }
        return work;
    }

    /**
     * Whether everything available at or before {@code t} has been delivered: no input holds such an event, and every
     * input that is not idle has promised nothing earlier will come (or, {@code byClock}, the clock has passed it by
     * the grace, which stands in for the promise of a silent input).
     */
    private boolean passed(long t, boolean byClock) {
        long version = signal.version();
        for (InputCursor c : cursors()) {
            boolean pending = c.ready(version, session.date()) ? c.headTime() <= t
                    : !byClock && c.blocks(t, Long.MIN_VALUE);
            if (pending) {
                return false;
            }
        }
        return true;
    }

    /**
     * Backtest, the session ending: the remaining checks up to the close, then time to the close (paced).
     *
     * @return false while pacing holds it back
     */
    boolean finishBacktestSession() {
        wakeAt = Long.MAX_VALUE;
        long version = signal.version();
        while (true) {
            InputCursor next = null;
            for (InputCursor c : cursors()) {
                if (c.ready(version, session.date()) && c.headIsCheck() && !beyondSession(c)
                        && (next == null || c.headBefore(next))) {
                    next = c;
                }
            }
            if (next == null) {
                break;
            }
            if (!deliverHead(next)) {
                return false;
            }
        }
        return advanceTime(closeMicros);
    }

    /** Live, after the last check: its rows at the close are delivered. */
    void deliverChecksAtClose() {
        InputCursor checks = cursors()[SplitInputs.CHECKS];
        long version = signal.version();
        while (checks.ready(version, session.date()) && !beyondSession(checks)) {
            deliverHead(checks);
        }
    }
}
