package io.sessionflow.store.imports;

/**
 * Receives progress of a long import while files are read, on the importing thread: the file being read, the rows
 * read so far over all files and the rate since the import started. Called at most every 500,000 rows or every 2
 * seconds of wall time, whichever comes first.
 */
@FunctionalInterface
public interface ImportProgress {

    ImportProgress NONE = (file, rows, rowsPerSecond) -> { };

    void update(String file, long rows, long rowsPerSecond);
}
