/**
 * Loading sessions from storage and keeping them complete: {@link io.sessionflow.upkeep.SessionLoader} turns one
 * bulk read per kind of data into the coordinator's delivery-ordered batches, the completeness checks of the session
 * and the trailing history it lacks; {@link io.sessionflow.upkeep.DataUpkeepThread} (the analysis's second thread)
 * runs it ahead of the coordinator (prefetch), refills the coordinator's queues at each session change and retries
 * storage failures; {@link io.sessionflow.upkeep.SynchronousSessionFeed} loads on the coordinator's own thread when
 * the upkeep thread is off.
 */
package io.sessionflow.upkeep;
