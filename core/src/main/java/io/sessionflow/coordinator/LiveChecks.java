package io.sessionflow.coordinator;

import io.sessionflow.calendar.TradingSession;
import io.sessionflow.config.SessionConfig;
import io.sessionflow.domain.BarSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.session.SessionMinutes;
import java.util.BitSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live completeness checks, driven by the coordinator: every check interval of live time it asks the source to look
 * up the minutes that have ended (less a grace for feed latency) with no bar held and no confirmed-missing answer
 * applied; after the close it asks once more for every minute of the session. Only expected minutes are asked for
 * (those of the quality segments): never a halt, nor a pre- or post-market minute unless configured. What a minute needs is decided from
 * SessionData when the request is made, so a late or lost answer loses nothing: the minute is asked for again.
 * Answers go into the coordinator's check input and are merged like any event.
 *
 * <p>Threading: coordinator thread only.
 */
final class LiveChecks {

    private static final Logger LOG = LoggerFactory.getLogger(StreamCoordinator.class);
    /**
     * A live bar arrives shortly after its minute ends; a check does not call it missing before this grace. It is
     * wall time (feed latency): on a replay clock it is scaled by the clock's speed ({@link #graceMicros}).
     */
    static final long GRACE_MICROS = 10 * Micros.PER_SECOND;

    private final SessionConfig config;
    private final StreamRegistry registry;
    private final EventDispatcher dispatch;
    private final long everyMicros;
    private final long graceMicros;
    private long nextCheck;
    private CheckRequest outstanding;
    private CheckRequest last;
    private boolean lastAnswered;
    /** The current session's expected minutes: the only ones a check asks for. */
    private BitSet expected = new BitSet();

    /** @param graceMicros {@link #GRACE_MICROS} in the live clock's time */
    LiveChecks(SessionConfig config, StreamRegistry registry, EventDispatcher dispatch, long graceMicros) {
        this.config = config;
        this.graceMicros = graceMicros;
        this.registry = registry;
        this.dispatch = dispatch;
        this.everyMicros = config.upkeepCheckInterval().toNanos() / 1_000;
    }

    void beginSession(TradingSession session, long nowMicros) {
        expected = registry.data().currentMinutes().filter(m -> m.session().equals(session))
                .orElseGet(() -> SessionMinutes.of(session, config.qualitySegments())).expectedMinutes();
        nextCheck = nowMicros + everyMicros;
        outstanding = null;
        last = null;
        lastAnswered = false;
    }

    /**
     * Asks for a check when one is due and none is outstanding, and puts the answers that came into
     * {@code checks}.
     *
     * @return the work done
     */
    int poll(SessionSource source, EventQueue checks, long nowMicros, TradingSession session) {
        int work = 0;
        for (SourceAnswer a = source.poll(); a != null; a = source.poll()) {
            if (a instanceof CheckAnswer c && (c.request() == outstanding || c.request() == last)) {
                apply(c, checks);
                work++;
            }
        }
        // Past the close the last check covers the whole session; a periodic one would be stamped beyond it.
        if (outstanding == null && last == null && nowMicros >= nextCheck
                && nowMicros < Micros.of(SessionMinutes.tradingClose(session)) && config.retryMissingBars()) {
            long open = Micros.of(session.open());
            int ended = (int) Math.max(0, Math.min(session.minutes(), (nowMicros - graceMicros - open)
                    / Micros.PER_MINUTE));
            CheckRequest r = request(session, nowMicros, ended, false);
            nextCheck = nowMicros + everyMicros;
            if (r != null) {
                outstanding = r;
                source.requestCheck(r);
                work++;
            }
        }
        return work;
    }

    /** Asks for the check after the close, over the whole session. */
    void requestLast(SessionSource source, TradingSession session, long closeMicros) {
        CheckRequest r = config.retryMissingBars() ? request(session, closeMicros, session.minutes(), true) : null;
        if (r == null) {
            lastAnswered = true;
            return;
        }
        last = r;
        source.requestCheck(r);
    }

    /** The grace in the live clock's time. */
    long graceMicros() {
        return graceMicros;
    }

    boolean lastAnswered() {
        return lastAnswered;
    }

    private void apply(CheckAnswer a, EventQueue checks) {
        if (a.request() == last) {
            lastAnswered = true;
            last = null;
        } else {
            outstanding = null;
        }
        if (a.failure() != null) {
            LOG.warn("completeness check skipped until the next interval: {}", a.failure().getMessage());
            return;
        }
        if (a.checks().size() == 0) {
            return;
        }
        try {
            if (!checks.offer(a.checks(), 0, TimeUnit.NANOSECONDS)) {
                LOG.warn("the check input is full; its minutes are asked for again at the next check");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();  // an offer with no wait is never interrupted
        }
        checks.markIdle();  // checks never hold back the feeds
    }

    /** The request over the first {@code minutes} minutes, or null when no symbol lacks any of them. */
    private CheckRequest request(TradingSession session, long nowMicros, int minutes, boolean isLast) {
        Map<Symbol, BitSet> lookUp = new TreeMap<>();
        Map<Symbol, BarSeries> held = new TreeMap<>();
        for (SymbolChannel ch : registry.channels()) {
            if (!ch.bars()) {
                continue;
            }
            BitSet gap = ch.data.presentMinutes();
            gap.or(dispatch.confirmedMissing(ch));
            gap.flip(0, minutes);
            gap.clear(minutes, Math.max(minutes, gap.length()));
            gap.and(expected);
            if (!gap.isEmpty()) {
                lookUp.put(ch.symbol, gap);
                if (config.fillForward()) {
                    held.put(ch.symbol, ch.data.bars());
                }
            }
        }
        return lookUp.isEmpty() && !isLast ? null : new CheckRequest(session, nowMicros, isLast, lookUp, held);
    }
}
