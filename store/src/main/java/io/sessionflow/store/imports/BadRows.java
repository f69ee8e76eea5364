package io.sessionflow.store.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The bad rows of one file, as {@code file:line: reason}. Counts all of them but keeps the text of the first
 * {@value #KEPT} only, so that a file of garbage cannot exhaust memory.
 *
 * <p>Not thread-safe: owned by the thread parsing the file.
 */
final class BadRows {

    static final int KEPT = 1000;

    private record Entry(long line, String reason) {
    }

    private final String file;
    private final List<Entry> entries = new ArrayList<>();
    private long count;

    BadRows(String file) {
        this.file = file;
    }

    void add(long line, String reason) {
        count++;
        if (entries.size() < KEPT) {
            entries.add(new Entry(line, reason));
        }
    }

    long count() {
        return count;
    }

    /** The kept bad rows, {@code file:line: reason}, in line order. */
    List<String> messages() {
        return entries.stream().sorted(Comparator.comparingLong(Entry::line))
                .map(e -> where(e.line()) + e.reason()).toList();
    }

    /** The failure of an all-or-nothing import: the first bad row, and how many more there are. */
    ImportException failure() {
        String first = messages().get(0);
        return new ImportException(count == 1 ? first
                : first + " (and " + (count - 1) + " more bad row" + (count == 2 ? "" : "s")
                        + "; --skip-bad imports the good rows)");
    }

    /** A problem of the whole file, found on {@code line}. */
    ImportException fatal(long line, String reason) {
        return new ImportException(where(line) + reason);
    }

    private String where(long line) {
        return file + ":" + line + ": ";
    }
}
