package io.sessionflow.store.imports;

import io.sessionflow.time.WallClock;

/**
 * Counts rows over all files of an import and calls {@link ImportProgress} every {@value #EVERY_ROWS} rows or every
 * 2 seconds of wall time, whichever comes first. The wall clock is injected and read only every 1024 rows, so the
 * hot loop stays cheap and tests stay deterministic.
 *
 * <p>Not thread-safe: owned by the importing thread.
 */
final class ProgressMeter {

    static final long EVERY_ROWS = 500_000;
    static final long EVERY_NANOS = 2_000_000_000L;

    private final ImportProgress listener;
    private final WallClock wall;
    private final long startNanos;
    private String file = "";
    private long rows;
    private long lastRows;
    private long lastNanos;

    ProgressMeter(ImportProgress listener, WallClock wall) {
        this.listener = listener;
        this.wall = wall;
        this.startNanos = wall.nanoTime();
        this.lastNanos = startNanos;
    }

    void file(String name) {
        file = name;
    }

    void row() {
        rows++;
        if (rows - lastRows >= EVERY_ROWS) {
            report(wall.nanoTime());
        } else if ((rows & 1023) == 0) {
            long now = wall.nanoTime();
            if (now - lastNanos >= EVERY_NANOS) {
                report(now);
            }
        }
    }

    /** Wall time since the meter was created. */
    long elapsedNanos() {
        return wall.nanoTime() - startNanos;
    }

    private void report(long now) {
        lastRows = rows;
        lastNanos = now;
        listener.update(file, rows, rate(rows, now - startNanos));
    }

    /** Rows per second over {@code nanos}, for the final line as well. */
    static long rate(long rows, long nanos) {
        return nanos <= 0 ? 0 : (long) (rows * 1e9 / nanos);
    }
}
