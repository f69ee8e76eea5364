package io.sessionflow.store.imports;

import java.io.Closeable;
import java.io.IOException;

/**
 * Text rows of one file, in file order, each with the line number that error messages name.
 *
 * <p>Not thread-safe: read by one thread, then closed.
 */
interface RowCursor extends Closeable {

    /** The next row's fields, or null at the end. The array is the caller's to keep. */
    String[] next() throws IOException;

    /** The line of the row last returned by {@link #next()} (Parquet: its 1-based row number). */
    long line();

    /** Decodes a row; throws {@link BadRow} when it cannot be imported. */
    @FunctionalInterface
    interface RowHandler {
        void row(long line, String[] fields) throws BadRow;
    }

    /**
     * Feeds every remaining row to {@code handler}, recording bad rows against their line.
     *
     * @return the number of rows read, good or bad
     * @throws ImportException on a fatal bad row
     */
    default long drain(RowHandler handler, BadRows bad, ProgressMeter meter) throws IOException {
        long rows = 0;
        for (String[] fields = next(); fields != null; fields = next()) {
            rows++;
            try {
                handler.row(line(), fields);
            } catch (BadRow e) {
                if (e.fatal()) {
                    throw bad.fatal(line(), e.getMessage());
                }
                bad.add(line(), e.getMessage());
            }
            meter.row();
        }
        return rows;
    }

    /** Fails unless the row has exactly {@code expected} fields. */
    static void requireFields(String[] fields, int expected) throws BadRow {
        if (fields.length != expected) {
            throw new BadRow("has " + fields.length + " field" + (fields.length == 1 ? "" : "s") + ", expected "
                    + expected);
        }
    }
}
