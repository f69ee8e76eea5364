/**
 * Operation mode and run state of a data manager: {@link io.sessionflow.system.SystemManager} validates the state
 * transitions, notifies listeners, starts and stops the managed components, and carries the
 * {@code streamCoordinatorTimerExpired} flag.
 */
package io.sessionflow.system;
