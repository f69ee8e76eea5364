package io.sessionflow.store.imports;

import io.sessionflow.calendar.Calendars;
import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.storage.MarketDataStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The corporate-action files of one import, read and validated: LEAN factor and map files met while walking folders,
 * and plain CSVs of splits and dividends. {@link #writeTo} records them: a factor file's rows replace the symbol's
 * stored ones and the splits and dividends they encode (on XNYS sessions: LEAN's factor files are US equities') are
 * recorded as corporate actions; a map file's rows replace the symbol's; CSV actions are upserted.
 *
 * <p>Not thread-safe: built and written by the importing thread.
 */
final class CorporateFiles {

    private final Map<Path, FactorFile> factorFiles = new java.util.LinkedHashMap<>();
    private final Map<Path, MapFile> mapFiles = new java.util.LinkedHashMap<>();
    private final Map<Path, List<CorporateAction>> csvs = new java.util.LinkedHashMap<>();

    /** Reads {@code file} if it is a LEAN factor or map file by its folder; false when it is neither. */
    boolean readLean(Path file) {
        Path parent = file.getParent();
        String folder = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
        if (!file.getFileName().toString().endsWith(".csv")) {
            return false;
        }
        if (folder.equals("factor_files")) {
            factorFiles.put(file, LeanCorporateFiles.factorFile(file));
            return true;
        }
        if (folder.equals("map_files")) {
            mapFiles.put(file, LeanCorporateFiles.mapFile(file));
            return true;
        }
        return false;
    }

    void readCsv(Path file) {
        csvs.put(file, LeanCorporateFiles.actionsCsv(file));
    }

    boolean isEmpty() {
        return factorFiles.isEmpty() && mapFiles.isEmpty() && csvs.isEmpty();
    }

    /** Records every file; returns one line per file saying what it recorded. */
    List<String> writeTo(MarketDataStore store) {
        List<String> lines = new ArrayList<>();
        factorFiles.forEach((path, f) -> {
            List<CorporateAction> actions = f.actions(Calendars.xnys());
            store.recordFactorFile(f);
            store.recordCorporateActions(actions);
            long splits = actions.stream().filter(a -> a.kind() == CorporateAction.Kind.SPLIT).count();
            lines.add(path + ": factor rows of " + f.symbol() + ": " + f.rows().size() + " rows, " + splits
                    + " splits, " + (actions.size() - splits) + " dividends");
        });
        mapFiles.forEach((path, m) -> {
            store.recordMapFile(m);
            lines.add(path + ": map rows of " + m.symbol() + ": " + m.rows().size() + " rows");
        });
        csvs.forEach((path, actions) -> {
            store.recordCorporateActions(actions);
            lines.add(path + ": " + actions.size() + " corporate actions");
        });
        return lines;
    }
}
