package io.sessionflow.feed.server;

/**
 * A snapshot of a {@link FeedServer}'s figures.
 *
 * <p>Immutable.
 *
 * @param connections        connections open now
 * @param loggedIn           of which logged in
 * @param sessionsPlayed     sessions whose last event has played
 * @param pointsPlayed       events played by the schedule (each counted once, however many clients took it)
 * @param pointsSkipped      events scheduled before this server started (played by an earlier one, or while none
 *                           ran), not sent by this one
 * @param framesSent         frames handed to connections (control answers included)
 * @param slowClientsDropped connections closed because their queue passed the buffer limit
 * @param maxQueuedChars     the most characters ever queued for one connection: never above the buffer limit
 * @param replayFinished     whether the last session has played
 * @param failure            why the replay stopped early (a storage failure), or null
 */
public record FeedServerStats(int connections, int loggedIn, int sessionsPlayed, long pointsPlayed,
                              long pointsSkipped, long framesSent, long slowClientsDropped, long maxQueuedChars,
                              boolean replayFinished, String failure) {
}
