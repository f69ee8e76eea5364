/**
 * Operation mode and run state of a data manager: {@link io.sessionflow.system.SystemManager} validates the state
 * transitions, notifies listeners and carries the {@code streamCoordinatorTimerExpired} flag; the coordinator obeys
 * its state as commands (pause, stop) at every duty cycle.
 */
package io.sessionflow.system;
