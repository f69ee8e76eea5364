package io.sessionflow.coordinator;

/**
 * The coordinator's side of the session-split protocol (as Flink's split enumerator): the coordinator requests a
 * session (and, live, completeness checks); the source answers through {@link #poll()}, one immutable answer per
 * request, failures included. Requests and answers never block the coordinator.
 *
 * <p>Threading: the coordinator thread calls every method; implementations hand work to their own thread, or do
 * it inline on the caller's.
 */
public interface SessionSource {

    /** Asks for {@code request}'s split; the answer comes later through {@link #poll()}. Does not block. */
    void request(SessionRequest request);

    /** Whether this source runs live completeness checks. */
    default boolean checksCompleteness() {
        return false;
    }

    /** Asks for a live completeness check; only when {@link #checksCompleteness()}. Does not block. */
    default void requestCheck(CheckRequest request) {
        throw new UnsupportedOperationException("this source runs no completeness checks");
    }

    /** The next answer, or null when none is ready. Does not block. */
    SourceAnswer poll();

    /** A source without storage: every session starts at once with no data and no history. */
    static SessionSource empty() {
        return new SessionSource() {
            private final java.util.ArrayDeque<SourceAnswer> answers = new java.util.ArrayDeque<>();

            @Override
            public void request(SessionRequest request) {
                answers.add(SessionSplit.empty(request));
            }

            @Override
            public SourceAnswer poll() {
                return answers.poll();
            }
        };
    }
}
