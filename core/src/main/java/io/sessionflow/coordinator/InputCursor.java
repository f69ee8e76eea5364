package io.sessionflow.coordinator;

import io.sessionflow.domain.StreamType;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;

/**
 * The coordinator's position in one input: the batch being consumed, the input's state in the current session and
 * its lower bound (the earliest time anything it has not yet delivered can have). It also caches the channels of
 * the current batch's symbols: the cache is the coordinator's, never the batch's, so one batch may feed several
 * coordinators.
 *
 * <p>Threading: coordinator thread only.
 */
final class InputCursor {

    /** Where an input stands in the current session. */
    enum State {
        /** More may come for the session. */
        OPEN,
        /** The producer completed the session: what follows belongs to the next one. */
        COMPLETE,
        /** It blocked the merge and stayed silent for its idle timeout: not waited for again this session. */
        TIMED_OUT
    }

    final EventQueue queue;
    EventBatch batch;
    int pos;
    State state = State.OPEN;
    /**
     * The last event taken, in delivery order (time, kind, symbol): the input puts its events in that order, so
     * nothing that goes before it comes; events at its time may, when they go after it.
     */
    private long takenTime = Long.MIN_VALUE;
    private int takenType;
    private Symbol takenSymbol;
    private SymbolChannel[] channels;
    private EventBatch channelsBatch;
    private int channelsVersion = -1;
    /** The wake signal's version when the queue was last found empty: no need to poll before it moves. */
    private long emptyAt = -1;

    InputCursor(EventQueue queue) {
        this.queue = queue;
    }

    /** Resets the state for a new session; a head already taken stays. */
    void beginSession() {
        state = State.OPEN;
    }

    /**
     * True when a head event is available, taking the next batch or marker from the queue as needed. After the
     * marker of the current session nothing more is taken until the next session.
     *
     * @param signalVersion the wake signal's current version
     * @param session       the session being streamed; null between live sessions
     */
    boolean ready(long signalVersion, LocalDate session) {
        while (batch == null || pos >= batch.size()) {
            if (state == State.COMPLETE) {
                return false;
            }
            if (signalVersion == emptyAt) {
                return false;  // polling a queue takes its lock: skip it until a producer has signalled
            }
            Object item = queue.poll();
            if (item == null) {
                batch = null;
                emptyAt = signalVersion;
                return false;
            }
            if (item instanceof EventQueue.Complete c) {
                if (session == null || c.session().isBefore(session)) {
                    continue;  // completes a session that already ended: nothing is awaited for it
                }
                if (!c.session().equals(session)) {
                    throw new IllegalStateException(queue + " marked session " + c.session()
                            + " complete while streaming " + session);
                }
                state = State.COMPLETE;
                batch = null;
                return false;
            }
            batch = (EventBatch) item;
            pos = 0;
            if (batch.size() > 0) {
                int last = batch.size() - 1;
                takenTime = batch.time(last);
                takenType = batch.type;
                takenSymbol = batch.symbol(last);
            }
            if (state == State.TIMED_OUT) {
                state = State.OPEN;  // it sent again: it is waited for again
            }
        }
        return true;
    }

    /** The earliest time of anything not yet delivered from an input with no head (events at it may still come). */
    long lowerBound() {
        return Math.max(takenTime, queue.watermark());
    }

    /**
     * Whether an input without a head may still send something at or before {@code t}.
     *
     * @param clockMicros live: just past the clock, which bounds every input's watermark from below (an event at or
     *                    before the clock that comes later is late, and delivered at once); {@link Long#MIN_VALUE} in
     *                    backtests
     */
    boolean blocks(long t, long clockMicros) {
        return state == State.OPEN && !queue.declaredIdle() && Math.max(lowerBound(), clockMicros) <= t;
    }

    /**
     * Whether an input without a head may still send an event that goes before the head of {@code next} in delivery
     * order: at its instant, only events after the last one this input sent can come (a bar and a quote of one
     * instant come in two batches).
     *
     * @param clockMicros as for {@link #blocks}
     */
    boolean holdsBack(InputCursor next, long clockMicros) {
        long t = next.headTime();
        if (!blocks(t, clockMicros)) {
            return false;
        }
        if (takenTime < t || Math.max(queue.watermark(), clockMicros) == t) {
            return true;
        }
        int type = next.batch.type;
        return takenType < type || (takenType == type && takenSymbol.compareTo(next.batch.symbol(next.pos)) <= 0);
    }

    long headTime() {
        return batch.time(pos);
    }

    boolean headIsTick() {
        return batch.type == StreamType.QUOTES.ordinal() || batch.type == StreamType.TRADES.ordinal();
    }

    boolean headIsCheck() {
        return batch.type == EventBatch.CHECK_TYPE;
    }

    /** Delivery order of the heads: time, then kind, then symbol. */
    boolean headBefore(InputCursor other) {
        long a = batch.time(pos);
        long b = other.batch.time(other.pos);
        if (a != b) {
            return a < b;
        }
        if (batch.type != other.batch.type) {
            return batch.type < other.batch.type;
        }
        return batch.symbol(pos).compareTo(other.batch.symbol(other.pos)) < 0;
    }

    /** The channel of the head event's symbol, or null when it has none. */
    SymbolChannel channel(StreamRegistry registry) {
        int v = registry.version();
        if (channels == null || channelsVersion != v || channelsBatch != batch) {
            channels = registry.resolve(batch.symbolTable());
            channelsVersion = v;
            channelsBatch = batch;
        }
        return channels[batch.symbolId(pos)];
    }

    @Override
    public String toString() {
        return queue.toString();
    }
}
