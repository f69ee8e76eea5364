package io.sessionflow.store.jdbc;

/**
 * Receives the batches of one query, in result order. It owns each batch it is given: it closes it, now or later.
 *
 * <p>Called from the querying thread only.
 */
@FunctionalInterface
public interface BatchSink {
    void accept(ColumnBatch batch);
}
