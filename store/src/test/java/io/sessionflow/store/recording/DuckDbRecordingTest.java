package io.sessionflow.store.recording;

import static io.sessionflow.store.recording.StoreRecorderTest.assertSameValues;
import static io.sessionflow.store.recording.StoreRecorderTest.minutes;
import static io.sessionflow.store.recording.StoreRecorderTest.stored;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessionflow.domain.Bar;
import io.sessionflow.storage.MarketDataStore;
import io.sessionflow.store.Stores;
import io.sessionflow.testing.ManualWallClock;
import io.sessionflow.time.WallClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recording into the DuckDB file store: what a later run (or one after a crash) finds in the file. */
class DuckDbRecordingTest {

    @TempDir
    Path dir;

    @Test
    void aReopenedFileHoldsEveryBarRecordedBeforeClose() {
        Path file = dir.resolve("live.duckdb");
        List<Bar> bars = minutes(23);
        RecorderSettings s = RecorderSettings.DEFAULT.withBatchBars(5).withFlushInterval(Duration.ofHours(1));
        try (MarketDataStore store = Stores.open(file.toString())) {
            StoreRecorder recorder = StoreRecorder.start(store, s, WallClock.system());
            bars.forEach(recorder::onBar);
            recorder.close();
            assertThat(recorder.figures().bars()).isEqualTo(46);
            assertThat(recorder.figures().batches()).as("nine full batches of 5 and one of 1").isEqualTo(10);
        }
        try (MarketDataStore reopened = Stores.openExisting(file.toString())) {
            assertSameValues(stored(reopened), bars);
        }
    }

    /**
     * A crash: the recorder and its store are never closed. Another store instance on the same file, and what is
     * on disk at that moment (the file and its write-ahead log, copied as a crash would leave them), hold exactly
     * the batches written, each whole; the batch still being built is lost and nothing else.
     */
    @Test
    void aCrashLosesOnlyTheBatchNotYetWrittenAndLeavesAReadableFile() throws IOException {
        Path file = dir.resolve("live.duckdb");
        Path crashed = dir.resolve("crashed.duckdb");
        List<Bar> bars = minutes(6);  // 12 bars: batches of 5, 5, and 2 still being built
        RecorderSettings s = RecorderSettings.DEFAULT.withBatchBars(5).withFlushInterval(Duration.ofHours(1));
        MarketDataStore store = Stores.open(file.toString());
        try {
            StoreRecorder recorder = new StoreRecorder(store, s, new ManualWallClock());
            bars.forEach(recorder::onBar);
            RecordingWriter writer = recorder.writer();
            writer.doWork();
            writer.doWork();
            writer.doWork();
            assertThat(recorder.figures().batches()).isEqualTo(2);
            assertThat(recorder.figures().pending()).isEqualTo(2);

            try (MarketDataStore another = Stores.openExisting(file.toString())) {
                assertSameValues(stored(another), bars.subList(0, 10));
            }
            copyAsACrashLeavesIt(file, crashed);
            try (MarketDataStore afterCrash = Stores.openExisting(crashed.toString())) {
                List<Bar> found = stored(afterCrash);
                assertThat(found.size() % 5).as("only whole batches: %s", found).isZero();
                assertSameValues(found, bars.subList(0, 10));
            }
        } finally {
            store.close();
        }
    }

    private static void copyAsACrashLeavesIt(Path file, Path target) throws IOException {
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        Path wal = file.resolveSibling(file.getFileName() + ".wal");
        if (Files.exists(wal)) {
            Files.copy(wal, target.resolveSibling(target.getFileName() + ".wal"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
