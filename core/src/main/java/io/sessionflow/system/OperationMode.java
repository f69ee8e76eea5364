package io.sessionflow.system;

/** Whether time and data come from the real world or from storage under a simulated clock. */
public enum OperationMode {
    LIVE,
    BACKTEST
}
