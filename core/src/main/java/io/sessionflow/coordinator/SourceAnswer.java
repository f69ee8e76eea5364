package io.sessionflow.coordinator;

/**
 * What a {@link SessionSource} answers: a session's split, the failure to make one, or a live check's result.
 *
 * <p>Implementations are immutable.
 */
public sealed interface SourceAnswer permits SessionSplit, SplitFailure, CheckAnswer {
}
