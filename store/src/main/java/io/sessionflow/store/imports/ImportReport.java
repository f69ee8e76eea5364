package io.sessionflow.store.imports;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * What an import did: one {@link FileReport} per file in the order they were imported, the files passed over while
 * walking folders (not LEAN minute or tick zips) and the wall time taken. Immutable.
 */
public record ImportReport(List<FileReport> files, List<String> ignored, long elapsedNanos) {

    public ImportReport {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
    }

    public long read() {
        return sum(FileReport::read);
    }

    public long inserted() {
        return sum(FileReport::inserted);
    }

    public long updated() {
        return sum(FileReport::updated);
    }

    public long duplicates() {
        return sum(FileReport::duplicates);
    }

    public long skipped() {
        return sum(FileReport::skipped);
    }

    public long suspicious() {
        return sum(FileReport::suspicious);
    }

    /** Rows read per second of wall time. */
    public long rowsPerSecond() {
        return ProgressMeter.rate(read(), elapsedNanos);
    }

    /** True when the store held every row already: the import was a no-op. */
    public boolean changedNothing() {
        return inserted() == 0 && updated() == 0;
    }

    private long sum(ToLongFunction<FileReport> f) {
        return files.stream().mapToLong(f).sum();
    }
}
