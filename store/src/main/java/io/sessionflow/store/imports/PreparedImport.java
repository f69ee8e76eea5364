package io.sessionflow.store.imports;

import io.sessionflow.storage.MarketDataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Files read and validated by {@link Importer#prepare}, ready to be written. Holds their rows in memory until
 * {@link #writeTo} has run.
 *
 * <p>Not thread-safe: written once, by the thread that prepared it.
 */
public final class PreparedImport {

    private final List<ParsedFile> files;
    private final Map<String, String> ignored;
    private final ProgressMeter meter;

    /** @param ignored the paths passed over, in walk order, with why */
    PreparedImport(List<ParsedFile> files, Map<String, String> ignored, ProgressMeter meter) {
        this.files = List.copyOf(files);
        this.ignored = new LinkedHashMap<>(ignored);
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
        return new ImportReport(reports, List.copyOf(ignored.keySet()), meter.elapsedNanos(), ignored);
    }
}
