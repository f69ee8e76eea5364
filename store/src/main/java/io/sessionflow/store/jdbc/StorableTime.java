package io.sessionflow.store.jdbc;

import io.sessionflow.domain.ColumnSeries;
import io.sessionflow.domain.Micros;
import io.sessionflow.domain.TimeRange;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The instants a store can hold, years 1 to 9999 (inside every backend's TIMESTAMP range), and how they travel as
 * UTC {@code TIMESTAMP} parameters exact to the microsecond. Stateless.
 */
final class StorableTime {

    static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    private StorableTime() {
    }

    /**
     * The key order of a series to write, after checking that its times are storable.
     *
     * @throws IllegalArgumentException naming the first row outside years 1 to 9999
     */
    static KeyOrder keyOrder(ColumnSeries<?, ?> series) {
        long first = Micros.of(FIRST);
        long end = Micros.of(END);
        for (int i = 0; i < series.size(); i++) {
            long t = series.timeMicros(i);
            if (t < first || t >= end) {
                throw new IllegalArgumentException(series.symbol(i) + " " + Micros.toInstant(t)
                        + " is outside the storable years 1 to 9999");
            }
        }
        return KeyOrder.of(series);
    }

    /** {@code range} cut to the storable years, so that any range can be read. */
    static TimeRange clip(TimeRange range) {
        Instant start = range.start().isBefore(FIRST) ? FIRST
                : range.start().isAfter(END) ? END : range.start();
        Instant end = range.end().isAfter(END) ? END
                : range.end().isBefore(start) ? start : range.end();
        return new TimeRange(start, end);
    }

    /** Binds {@code [range.start, range.end)} to parameters {@code first} and {@code first + 1}. */
    static void bindRange(PreparedStatement ps, int first, TimeRange range) throws SQLException {
        ps.setObject(first, timestamp(range.startMicros()));
        ps.setObject(first + 1, timestamp(range.endMicros()));
    }

    /** A UTC TIMESTAMP parameter, exact to the microsecond. */
    private static LocalDateTime timestamp(long micros) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, Micros.PER_SECOND),
                (int) Math.floorMod(micros, Micros.PER_SECOND) * 1_000, ZoneOffset.UTC);
    }
}
