package io.sessionflow.domain;

import java.time.Instant;

/**
 * Conversions between {@link Instant} and microseconds since the epoch, the time unit of the hot paths
 * (columnar series, the merge) and of both storage backends.
 *
 * <p>Stateless; safe from any thread.
 */
public final class Micros {

    public static final long PER_SECOND = 1_000_000L;
    public static final long PER_MINUTE = 60 * PER_SECOND;

    private Micros() {
    }

    /** Microseconds since the epoch; sub-microsecond precision is dropped (truncated towards the past). */
    public static long of(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), PER_SECOND), t.getNano() / 1_000);
    }

    public static Instant toInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, PER_SECOND), Math.floorMod(micros, PER_SECOND) * 1_000L);
    }
}
