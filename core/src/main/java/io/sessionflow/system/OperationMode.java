package io.sessionflow.system;

/**
 * Whether time and data come from the real world or from storage under a simulated clock.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum OperationMode {
    LIVE,
    BACKTEST
}
