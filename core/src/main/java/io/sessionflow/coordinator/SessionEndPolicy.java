package io.sessionflow.coordinator;

import io.sessionflow.api.SessionEndReason;
import io.sessionflow.domain.Micros;

/**
 * The session-end rules of SPEC.md section 2 as one pure function of what the merge sees, so that they are tested
 * without threads or clocks.
 *
 * <p>Backtest: an event is delivered when no input may still send something before it; a session ends when nothing
 * more can come for it (every input completed it, passed its close or went idle): {@code end_of_data}, or
 * {@code timer_expired} when an input had to be given up for silence before the last minute, or {@code clock} when
 * an input's data passed the close. Drained with an input still silent, the session ends at once within a minute of
 * its close ({@code end_of_data}); otherwise the silent input is waited for up to its idle timeout, then given up.
 *
 * <p>Live: the same delivery rule; the session ends once, when the clock has passed the close and nothing can come
 * for it any more ({@code clock}): every input has passed the close by its own watermark, or the close is the live
 * grace behind (the last minute's bar comes after the close); an event beyond the close waits for the next session.
 *
 * <p>Stateless and thread-safe.
 */
final class SessionEndPolicy {

    private SessionEndPolicy() {
    }

    /** What the coordinator does next. */
    enum Action {
        /** Deliver the head event. */
        DELIVER,
        /** Nothing to do until an input sends, a deadline passes or the clock moves. */
        WAIT,
        /** Give up the inputs that hold back the merge: they stayed silent for their idle timeout. */
        GIVE_UP_SILENT,
        /** End the session with {@link Decision#reason()}. */
        END
    }

    /** The decision and, for {@link Action#END}, the reason. Immutable. */
    record Decision(Action action, SessionEndReason reason) {
        static final Decision DELIVER = new Decision(Action.DELIVER, null);
        static final Decision WAIT = new Decision(Action.WAIT, null);
        static final Decision GIVE_UP = new Decision(Action.GIVE_UP_SILENT, null);

        static Decision end(SessionEndReason reason) {
            return new Decision(Action.END, reason);
        }
    }

    /**
     * What the merge sees now.
     *
     * @param head           an input has an event inside the session
     * @param headIsData     some input's next event inside the session is stream data, not a completeness check
     * @param blocked        an input without a head may still send something at or before the head (or, with no
     *                       head, at or before the close)
     * @param silenceExpired the blocking inputs have been silent for their idle timeout
     * @param gaveUp         an input was given up for silence earlier in the session
     * @param beyondClose    an input's next event lies beyond the close
     * @param closePending   live: the clock has passed the close, but an input may still send something from before
     *                       it (by its own watermark) and the close is less than the live grace behind
     * @param nowMicros      the coordinator's time
     * @param closeMicros    the session's close
     */
    record View(boolean head, boolean headIsData, boolean blocked, boolean silenceExpired, boolean gaveUp,
                boolean beyondClose, boolean closePending, long nowMicros, long closeMicros) {
    }

    static Decision backtest(View v) {
        if (v.head && !v.blocked) {
            if (!v.headIsData && v.gaveUp) {
                return timerOrEnd(v);  // only checks left after giving up an input: they are applied on the way to the close
            }
            return Decision.DELIVER;
        }
        if (v.blocked) {
            if (!(v.head && v.headIsData) && v.nowMicros >= v.closeMicros - Micros.PER_MINUTE) {
                return Decision.end(SessionEndReason.END_OF_DATA);  // drained within a minute of the close
            }
            return v.silenceExpired ? Decision.GIVE_UP : Decision.WAIT;
        }
        if (v.gaveUp) {
            return timerOrEnd(v);
        }
        return Decision.end(v.beyondClose ? SessionEndReason.CLOCK : SessionEndReason.END_OF_DATA);
    }

    private static Decision timerOrEnd(View v) {
        return Decision.end(v.nowMicros < v.closeMicros - Micros.PER_MINUTE ? SessionEndReason.TIMER_EXPIRED
                : SessionEndReason.END_OF_DATA);
    }

    static Decision live(View v) {
        if (v.head && !v.blocked) {
            return Decision.DELIVER;
        }
        if (v.blocked) {
            return v.silenceExpired ? Decision.GIVE_UP : Decision.WAIT;
        }
        return v.nowMicros >= v.closeMicros && !v.head && !v.closePending ? Decision.end(SessionEndReason.CLOCK)
                : Decision.WAIT;
    }
}
