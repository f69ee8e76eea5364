package io.sessionflow.store.recording;

/**
 * What a {@link StoreRecorder} has done so far.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param bars     1m bars written to the store
 * @param quotes   quotes written
 * @param trades   trades written
 * @param batches  successful all-or-nothing writes
 * @param failures failed write attempts (each retried, the batch kept)
 * @param dropped  events dropped because the hand-off stayed full past the offer timeout (each one logged)
 * @param skipped  bars not recorded by design: synthetic fill-forward bars and bars of other intervals
 * @param pending  events handed over and not yet written; after close, those that could not be written
 */
public record RecorderFigures(long bars, long quotes, long trades, long batches, long failures, long dropped,
                              long skipped, long pending) {

    /** Events written in all. */
    public long recorded() {
        return bars + quotes + trades;
    }

    /** Whether nothing handed to the recorder was lost. */
    public boolean complete() {
        return dropped == 0 && pending == 0;
    }
}
