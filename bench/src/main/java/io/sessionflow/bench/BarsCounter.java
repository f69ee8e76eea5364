package io.sessionflow.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The 1m bars a benchmark's operations handled, reported by JMH per second as {@code :bars}: the bars/s figure.
 *
 * <p>JMH state per benchmark thread.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class BarsCounter {
    public long bars;
}
