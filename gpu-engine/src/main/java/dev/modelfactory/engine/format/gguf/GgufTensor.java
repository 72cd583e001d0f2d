package dev.modelfactory.engine.format.gguf;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Objects;

/**
 * One tensor of a GGUF file with its raw bytes, for dequantisation or a quantised kernel.
 *
 * <p>{@code shape} is outermost first (GGUF's {@code ne[]} reversed): {@code [rows, cols]} for a matrix,
 * with {@code cols = ne[0]} the contiguous dimension. Quantisation blocks run along a row, so every row
 * is a whole number of blocks and starts at {@code row * rowBytes()} in {@code data}.
 *
 * @param name       tensor name as stored
 * @param type       element type
 * @param shape      outermost-first dimensions
 * @param fileOffset absolute byte offset of the data in the file
 * @param data       the tensor's bytes (a slice of the mapped file; valid until the file is closed)
 */
public record GgufTensor(String name, GgmlType type, long[] shape, long fileOffset, MemorySegment data) {

    public GgufTensor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long elementCount() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Length of the innermost dimension. */
    public long cols() {
        return shape[shape.length - 1];
    }

    /** Product of all but the innermost dimension (1 for a vector). */
    public long rows() {
        return elementCount() / cols();
    }

    public long rowBytes() {
        return type.byteSize(cols());
    }

    public long byteSize() {
        return data.byteSize();
    }

    /** The raw bytes of {@code count} rows starting at {@code firstRow}. */
    public MemorySegment rowSlice(long firstRow, long count) {
        Objects.checkFromIndexSize(firstRow, count, rows());
        return data.asSlice(firstRow * rowBytes(), count * rowBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GgufTensor t && t.name.equals(name) && t.type == type && Arrays.equals(t.shape, shape)
                && t.fileOffset == fileOffset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape), fileOffset);
    }

    @Override
    public String toString() {
        return name + " " + type + Arrays.toString(shape) + " @" + fileOffset;
    }
}
