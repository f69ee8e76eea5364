package io.sessionflow.store.postgres;

import io.sessionflow.store.jdbc.Column;
import io.sessionflow.store.jdbc.ColumnType;
import io.sessionflow.store.jdbc.StagedRows;
import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.util.List;

/**
 * Encodes staged rows in PostgreSQL's binary COPY format and streams them, chunk by chunk, to a {@link Sink}: exact
 * doubles and timestamps without any text formatting or parsing.
 *
 * <p>Not thread-safe: one writing thread.
 */
final class BinaryCopy {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** PostgreSQL's timestamp epoch, 2000-01-01T00:00:00Z, in Unix epoch micros. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final int BUFFER_BYTES = 1 << 16;

    /** Where the encoded chunks go: a COPY in progress. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    private BinaryCopy() {
    }

    static void write(StagedRows rows, Sink copy) throws SQLException {
        List<Column> columns = rows.table().columns();
        ColumnType[] types = columns.stream().map(Column::type).toArray(ColumnType[]::new);
        int maxRowBytes = 2 + types.length * (4 + Long.BYTES);
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        buffer.put(SIGNATURE).putInt(0).putInt(0);
        for (int r = 0; r < rows.size(); r++) {
            if (buffer.remaining() < maxRowBytes) {
                flush(buffer, copy);
            }
            buffer.putShort((short) types.length);
            for (int c = 0; c < types.length; c++) {
                switch (types[c]) {
                    case INT -> buffer.putInt(Integer.BYTES).putInt((int) rows.longAt(r, c));
                    case BIGINT -> buffer.putInt(Long.BYTES).putLong(rows.longAt(r, c));
                    case TIMESTAMP -> buffer.putInt(Long.BYTES).putLong(rows.longAt(r, c) - POSTGRES_EPOCH_MICROS);
                    case DOUBLE -> buffer.putInt(Double.BYTES).putDouble(rows.doubleAt(r, c));
                    case OPTIONAL_BIGINT -> {
                        long v = rows.longAt(r, c);
                        if (v == ColumnType.ABSENT_LONG) {
                            buffer.putInt(-1);
                        } else {
                            buffer.putInt(Long.BYTES).putLong(v);
                        }
                    }
                    case OPTIONAL_DOUBLE -> {
                        double v = rows.doubleAt(r, c);
                        if (Double.isNaN(v)) {
                            buffer.putInt(-1);
                        } else {
                            buffer.putInt(Double.BYTES).putDouble(v);
                        }
                    }
                }
            }
        }
        if (buffer.remaining() < Short.BYTES) {
            flush(buffer, copy);
        }
        buffer.putShort((short) -1);
        flush(buffer, copy);
    }

    private static void flush(ByteBuffer buffer, Sink copy) throws SQLException {
        copy.write(buffer.array(), 0, buffer.position());
        buffer.clear();
    }
}
