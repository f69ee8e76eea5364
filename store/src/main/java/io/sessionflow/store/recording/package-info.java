/**
 * Recording live data into the store: {@link io.sessionflow.store.recording.StoreRecorder} is a listener that hands
 * each live 1m bar (and, when asked, each quote and trade) to a writer thread, which upserts them in all-or-nothing
 * batches so that tomorrow's history and gap repairs find them. The coordinator thread never does I/O; a clean stop
 * writes everything; a crash loses at most the batches not yet written, never part of one.
 */
package io.sessionflow.store.recording;
