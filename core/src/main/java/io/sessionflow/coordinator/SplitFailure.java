package io.sessionflow.coordinator;

import java.util.Objects;

/**
 * The source could not make the split {@code request} asked for; the coordinator fails the run with {@code cause}
 * at once rather than waiting out a timeout.
 *
 * <p>Immutable.
 */
public record SplitFailure(SessionRequest request, Throwable cause) implements SourceAnswer {

    public SplitFailure {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cause, "cause");
    }
}
