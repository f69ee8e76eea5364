/**
 * Duty-cycle agents (the Agrona {@code Agent}/{@code AgentRunner} model): an {@link io.sessionflow.agent.Agent} does
 * a bounded amount of work per {@link io.sessionflow.agent.Agent#doWork()} call and never blocks waiting for
 * something to happen; an {@link io.sessionflow.agent.AgentRunner} owns the thread that calls it, idles between
 * calls through an {@link io.sessionflow.agent.IdleStrategy} and closes within a bounded time. Tests call
 * {@code doWork()} directly, with manual clocks, and need no threads.
 */
package io.sessionflow.agent;
