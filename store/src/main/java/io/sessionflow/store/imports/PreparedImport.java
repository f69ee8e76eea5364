package io.sessionflow.store.imports;

import io.sessionflow.domain.Symbol;
import io.sessionflow.storage.MarketDataStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.sessionflow.storage.Instrument;

/**
 * Files read and validated by {@link Importer#prepare}, ready to be written. Holds their rows in memory until
 * {@link #writeTo} has run.
 *
 * <p>Not thread-safe: written once, by the thread that prepared it.
 */
public final class PreparedImport {

    private final ImportOptions options;
    private final List<ParsedFile> files;
    private final Map<String, String> ignored;
    private final ProgressMeter meter;
    private final CorporateFiles corporate;

    /** @param ignored the paths passed over, in walk order, with why */
    PreparedImport(ImportOptions options, List<ParsedFile> files, Map<String, String> ignored, ProgressMeter meter) {
        this(options, files, ignored, meter, new CorporateFiles());
    }

    PreparedImport(ImportOptions options, List<ParsedFile> files, Map<String, String> ignored, ProgressMeter meter,
                   CorporateFiles corporate) {
        this.corporate = corporate;
        this.options = options;
        this.files = List.copyOf(files);
        this.ignored = new LinkedHashMap<>(ignored);
        this.meter = meter;
    }

    /**
     * Records the asset class and venue of every symbol the files hold (refusing the import, before any row is written,
     * when the store has one of them as another asset class), then upserts each file in turn (one transaction per
     * file in the real stores), then records the corporate-action files, and reports what that changed.
     *
     * @throws IllegalArgumentException                naming the symbol and both asset classes on such a conflict
     * @throws io.sessionflow.storage.StorageException when the store fails; files written before stay written, and
     *                                                 importing again completes the job without duplicating rows
     */
    public ImportReport writeTo(MarketDataStore store) {
        Map<Symbol, Instrument> instruments = new TreeMap<>();
        files.forEach(f -> f.symbols().forEach(s -> instruments.putIfAbsent(s, f.instrument(s, options))));
        store.recordInstruments(List.copyOf(instruments.values()));
        List<FileReport> reports = new ArrayList<>(files.size());
        for (ParsedFile f : files) {
            reports.add(f.writeTo(store));
        }
        List<String> recorded = corporate.writeTo(store);
        return new ImportReport(reports, List.copyOf(ignored.keySet()), meter.elapsedNanos(), ignored, recorded);
    }
}
