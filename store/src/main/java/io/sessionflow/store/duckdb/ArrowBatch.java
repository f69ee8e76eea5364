package io.sessionflow.store.duckdb;

import io.sessionflow.store.jdbc.ColumnBatch;
import io.sessionflow.store.jdbc.ColumnType;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * One Arrow record batch of a DuckDB result, taken over from the reader so that it outlives the reader's next
 * batch. Values are copied out with bulk copies of the vectors' little-endian data buffers (a memcpy per call),
 * not value by value.
 *
 * <p>Owned by one thread at a time; closing releases the vectors' off-heap memory.
 */
final class ArrowBatch implements ColumnBatch {

    private final List<FieldVector> vectors;
    /**
     * Per column, a view of the data buffer. Made once per batch: Arrow builds each NIO view by reflection, too
     * slow to do for every run copied.
     */
    private final Buffer[] data;
    /** Per column: optional and holding a NULL. Computed once: Arrow counts nulls by scanning the validity bits. */
    private final boolean[] nulls;
    private final int rows;

    private ArrowBatch(List<FieldVector> vectors, List<ColumnType> types, int rows) {
        this.vectors = vectors;
        this.rows = rows;
        data = new Buffer[vectors.size()];
        nulls = new boolean[vectors.size()];
        for (int c = 0; c < nulls.length; c++) {
            FieldVector v = vectors.get(c);
            ColumnType type = types.get(c);
            int width = type == ColumnType.INT ? Integer.BYTES : Long.BYTES;
            ByteBuffer bytes = v.getDataBuffer().nioBuffer(0, rows * width).order(ByteOrder.LITTLE_ENDIAN);
            data[c] = type == ColumnType.INT ? bytes.asIntBuffer()
                    : type.isDouble() ? bytes.asDoubleBuffer() : bytes.asLongBuffer();
            nulls[c] = types.get(c).isOptional() && v.getNullCount() > 0;
        }
    }

    /** Moves the buffers of {@code root}'s current batch into a new batch; {@code root} is left empty. */
    static ArrowBatch takeOver(VectorSchemaRoot root, List<ColumnType> types, BufferAllocator allocator) {
        if (root.getFieldVectors().size() != types.size()) {
            throw new IllegalStateException("query returned " + root.getFieldVectors().size() + " columns, expected "
                    + types.size());
        }
        int rows = root.getRowCount();
        List<FieldVector> taken = root.getFieldVectors().stream().map(v -> {
            var transfer = v.getTransferPair(allocator);
            transfer.transfer();
            return (FieldVector) transfer.getTo();
        }).toList();
        return new ArrowBatch(taken, types, rows);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public void copyInts(int column, int from, int length, int[] target, int at) {
        check(from, length);
        ((IntBuffer) data[column]).get(from, target, at, length);
    }

    @Override
    public void copyLongs(int column, int from, int length, long[] target, int at) {
        check(from, length);
        ((LongBuffer) data[column]).get(from, target, at, length);
        if (nulls[column]) {
            FieldVector v = vectors.get(column);
            for (int i = 0; i < length; i++) {
                if (v.isNull(from + i)) {
                    target[at + i] = ColumnType.ABSENT_LONG;
                }
            }
        }
    }

    @Override
    public void copyDoubles(int column, int from, int length, double[] target, int at) {
        check(from, length);
        ((DoubleBuffer) data[column]).get(from, target, at, length);
        if (nulls[column]) {
            FieldVector v = vectors.get(column);
            for (int i = 0; i < length; i++) {
                if (v.isNull(from + i)) {
                    target[at + i] = Double.NaN;
                }
            }
        }
    }

    private void check(int from, int length) {
        if (from < 0 || length < 0 || from + length > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + length) + ") of " + rows);
        }
    }

    @Override
    public void close() {
        vectors.forEach(FieldVector::close);
    }
}
