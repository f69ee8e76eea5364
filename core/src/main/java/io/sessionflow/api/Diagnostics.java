package io.sessionflow.api;

import java.util.List;
import java.util.Optional;

/**
 * What the machinery behind a run reports, for summaries and support: how the upkeep side fared with storage.
 *
 * @param prefetchedSessions sessions whose split was read while the previous one streamed
 * @param storageRetries     storage attempts that failed and were retried
 * @param storageIssues      one line per storage failure
 * @param upkeepFailure      why the upkeep side gave a session up, if it did
 * @param timerExpired       whether a session ended because an input stayed silent for the session-end timeout
 *
 * <p>Immutable.
 */
public record Diagnostics(int prefetchedSessions, int storageRetries, List<String> storageIssues,
                          Optional<Throwable> upkeepFailure, boolean timerExpired) {

    public Diagnostics {
        storageIssues = List.copyOf(storageIssues);
    }
}
