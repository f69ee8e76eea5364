package io.sessionflow.store.imports;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What an import did: one {@link FileReport} per file in the order they were imported, the files (or whole folders,
 * such as LEAN's {@code daily}) passed over while walking folders, with why, the wall time taken, and one line per
 * corporate-action file recorded (LEAN factor and map files, CSVs of splits and dividends).
 * Immutable.
 */
public record ImportReport(List<FileReport> files, List<String> ignored, long elapsedNanos,
                           Map<String, String> whyIgnored, List<String> corporate) {

    public ImportReport {
        files = List.copyOf(files);
        ignored = List.copyOf(ignored);
        whyIgnored = Map.copyOf(whyIgnored);
        corporate = List.copyOf(corporate);
    }

    /** A report of an import without corporate-action files. */
    public ImportReport(List<FileReport> files, List<String> ignored, long elapsedNanos,
                        Map<String, String> whyIgnored) {
        this(files, ignored, elapsedNanos, whyIgnored, List.of());
    }

    /** Why {@code path} of {@link #ignored()} was passed over. */
    public String whyIgnored(String path) {
        return whyIgnored.getOrDefault(path, "not a LEAN minute or tick zip");
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
