package io.sessionflow.coordinator;

import java.util.Objects;

/**
 * The result of a live completeness check: the repairs and confirmed-missing minutes, or why storage could not give
 * them (the coordinator asks again at the next check interval: the minutes are still missing).
 *
 * <p>Immutable.
 */
public record CheckAnswer(CheckRequest request, CheckBatch checks, Throwable failure) implements SourceAnswer {

    public CheckAnswer {
        Objects.requireNonNull(request, "request");
        if ((checks == null) == (failure == null)) {
            throw new IllegalArgumentException("a check answer has either checks or a failure");
        }
    }
}
