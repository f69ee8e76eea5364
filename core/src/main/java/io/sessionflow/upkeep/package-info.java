/**
 * Loading sessions from storage and keeping them complete, as the coordinator's session source:
 * {@link io.sessionflow.upkeep.SessionLoader} turns one bulk read per kind of data into a session's split (the
 * delivery-ordered batches, the session's completeness checks and the trailing history its symbols lack);
 * {@link io.sessionflow.upkeep.UpkeepAgent} (the analysis's second thread) answers the coordinator's requests on its
 * own thread (prefetch in backtests, history and completeness checks live) and retries storage failures;
 * {@link io.sessionflow.upkeep.InlineSessionSource} answers on the coordinator's own thread when the upkeep thread is
 * off.
 */
package io.sessionflow.upkeep;
