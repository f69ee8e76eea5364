package io.sessionflow.store.imports;

import io.sessionflow.storage.MarketDataStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Files read and validated by {@link Importer#prepare}, ready to be written. Holds their rows in memory until
 * {@link #writeTo} has run.
 *
 * <p>Not thread-safe: written once, by the thread that prepared it.
 */
public final class PreparedImport {

    private final List<ParsedFile> files;
    private final List<String> ignored;
    private final ProgressMeter meter;

    PreparedImport(List<ParsedFile> files, List<String> ignored, ProgressMeter meter) {
        this.files = List.copyOf(files);
        this.ignored = List.copyOf(ignored);
        this.meter = meter;
    }

    /**
     * Upserts each file in turn (one transaction per file in the real stores) and reports what that changed.
     *
     * @throws io.sessionflow.storage.StorageException when the store fails; files written before stay written, and
     *                                                 importing again completes the job without duplicating rows
     */
    public ImportReport writeTo(MarketDataStore store) {
        List<FileReport> reports = new ArrayList<>(files.size());
        for (ParsedFile f : files) {
            reports.add(f.writeTo(store));
        }
        return new ImportReport(reports, ignored, meter.elapsedNanos());
    }
}
