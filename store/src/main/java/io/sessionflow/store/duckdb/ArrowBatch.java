package io.sessionflow.store.duckdb;

import io.sessionflow.store.jdbc.ColumnBatch;
import io.sessionflow.store.jdbc.ColumnType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
    private final List<ColumnType> types;
    private final int rows;

    private ArrowBatch(List<FieldVector> vectors, List<ColumnType> types, int rows) {
        this.vectors = vectors;
        this.types = types;
        this.rows = rows;
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
        data(column, from, length, Integer.BYTES).asIntBuffer().get(target, at, length);
    }

    @Override
    public void copyLongs(int column, int from, int length, long[] target, int at) {
        data(column, from, length, Long.BYTES).asLongBuffer().get(target, at, length);
        FieldVector v = vectors.get(column);
        if (types.get(column).isOptional() && v.getNullCount() > 0) {
            for (int i = 0; i < length; i++) {
                if (v.isNull(from + i)) {
                    target[at + i] = ColumnType.ABSENT_LONG;
                }
            }
        }
    }

    @Override
    public void copyDoubles(int column, int from, int length, double[] target, int at) {
        data(column, from, length, Double.BYTES).asDoubleBuffer().get(target, at, length);
        FieldVector v = vectors.get(column);
        if (types.get(column).isOptional() && v.getNullCount() > 0) {
            for (int i = 0; i < length; i++) {
                if (v.isNull(from + i)) {
                    target[at + i] = Double.NaN;
                }
            }
        }
    }

    private ByteBuffer data(int column, int from, int length, int width) {
        if (from < 0 || length < 0 || from + length > rows) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + (from + length) + ") of " + rows);
        }
        return vectors.get(column).getDataBuffer().nioBuffer((long) from * width, length * width)
                .order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        vectors.forEach(FieldVector::close);
    }
}
