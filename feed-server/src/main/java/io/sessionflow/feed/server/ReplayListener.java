package io.sessionflow.feed.server;

import io.sessionflow.calendar.TradingSession;

/**
 * What a {@link FeedServer}'s replay reports as it plays: for progress lines and for tests that check the schedule.
 * Every method has an empty default.
 *
 * <p>Threading: called on the server's sender thread, one call at a time; implementations return quickly (the
 * schedule waits for them) and must not throw.
 */
public interface ReplayListener {

    /** Listens to nothing. */
    ReplayListener NONE = new ReplayListener() {
    };

    /**
     * The schedule was anchored at the first subscription (for a server started to wait for one): the first
     * session's open plays at {@code anchorNanos}, now.
     */
    default void onScheduleStart(long anchorNanos) {
    }

    /**
     * The session's open has played (or the server started inside it).
     *
     * @param index the session's place in the plan, from 0
     * @param total the sessions in the plan
     */
    default void onSessionStart(TradingSession session, int index, int total) {
    }

    /**
     * Events were played: handed to every connection that subscribes to them.
     *
     * @param wallNanos the sender's wall clock reading when it played them (at or after their scheduled time)
     * @param points    how many events (data points) played
     */
    default void onPlayed(long wallNanos, int points) {
    }

    /**
     * The session's last event has played.
     *
     * @param played  events played while the server ran
     * @param skipped events scheduled while the server was not running (before its start), not sent
     */
    default void onSessionEnd(TradingSession session, int index, int total, int played, int skipped) {
    }

    /** The last session has played; connections stay open until the server is closed. */
    default void onReplayFinished() {
    }
}
