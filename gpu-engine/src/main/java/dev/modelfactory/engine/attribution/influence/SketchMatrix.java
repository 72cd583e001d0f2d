package dev.modelfactory.engine.attribution.influence;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * One checkpoint's sketches, memory-mapped read-only: rows x dims little-endian floats after a
 * {@link #HEADER}-byte header. {@link #open} refuses, naming the file, anything whose length, header or
 * CRC-32C does not match its manifest entry. The vector kernels here (dot, squared norm, axpy over a column
 * range of one row) are what scoring runs on; safe to use from several threads.
 */
public final class SketchMatrix implements AutoCloseable {

    static final byte[] MAGIC = "MFSKETCH".getBytes(StandardCharsets.US_ASCII);
    static final int HEADER = 32;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(LE);

    private final Path file;
    private final Arena arena;
    private final MemorySegment data;
    private final int rows;
    private final int dims;
    private float[] moduleNorms;
    private int[] normOffsets;

    private SketchMatrix(Path file, Arena arena, MemorySegment data, int rows, int dims) {
        this.file = file;
        this.arena = arena;
        this.data = data;
        this.rows = rows;
        this.dims = dims;
    }

    /** Maps {@code file} and checks it against its manifest entry and the expected shape. */
    public static SketchMatrix open(Path file, SketchManifest.CheckpointSketch expected, int rows, int dims) {
        if (!Files.isRegularFile(file)) {
            throw new SketchFormatException(file + ": sketch file is missing");
        }
        long want = HEADER + (long) rows * dims * 4;
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size != want || size != expected.bytes()) {
                throw new SketchFormatException(file + ": " + size + " bytes, expected " + want + " (" + rows
                        + " rows x " + dims + " floats); the file is truncated or not this manifest's");
            }
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            for (int i = 0; i < MAGIC.length; i++) {
                if (seg.get(ValueLayout.JAVA_BYTE, i) != MAGIC[i]) {
                    throw new SketchFormatException(file + ": not a gradient sketch file (bad magic)");
                }
            }
            ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LE);
            int format = seg.get(INT, 8);
            int r = seg.get(INT, 12);
            int d = seg.get(INT, 16);
            if (format != SketchManifest.FORMAT || r != rows || d != dims) {
                throw new SketchFormatException(file + ": header says format " + format + ", " + r + " x " + d
                        + "; the manifest expects format " + SketchManifest.FORMAT + ", " + rows + " x " + dims);
            }
            CRC32C crc = new CRC32C();
            for (long at = 0; at < size; at += 1 << 26) {
                crc.update(seg.asSlice(at, Math.min(1 << 26, size - at)).asByteBuffer());
            }
            if (crc.getValue() != expected.crc32c()) {
                throw new SketchFormatException(file + ": CRC-32C " + Long.toHexString(crc.getValue())
                        + " does not match the manifest's " + Long.toHexString(expected.crc32c()) + "; the file is corrupt");
            }
            return new SketchMatrix(file, arena, seg.asSlice(HEADER), rows, dims);
        } catch (IOException e) {
            arena.close();
            throw new SketchFormatException(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public int rows() {
        return rows;
    }

    public int dims() {
        return dims;
    }

    public float get(int row, int col) {
        return data.get(FLOAT, ((long) row * dims + col) * 4);
    }

    /** Copies row {@code row} into {@code out} (dims floats). */
    public void row(int row, float[] out) {
        MemorySegment.copy(data, FLOAT, (long) row * dims * 4, out, 0, dims);
    }

    /**
     * Per row and module (row-major [rows, modules]), the squared norm of the module's block: query-independent,
     * so computed once per layout and kept (DataInf's damping and denominators).
     */
    public synchronized float[] moduleNorms(int[] offsets) {
        if (moduleNorms == null || !java.util.Arrays.equals(offsets, normOffsets)) {
            int mods = offsets.length - 1;
            float[] out = new float[rows * mods];
            java.util.stream.IntStream.range(0, (rows + 1023) / 1024).parallel().forEach(b -> {
                for (int r = b * 1024, end = Math.min(rows, r + 1024); r < end; r++) {
                    for (int m = 0; m < mods; m++) {
                        out[r * mods + m] = normSq(r, offsets[m], offsets[m + 1] - offsets[m]);
                    }
                }
            });
            moduleNorms = out;
            normOffsets = offsets.clone();
        }
        return moduleNorms;
    }

    /** Sum over columns [from, from+n) of row[c] * q[c]. */
    public float dot(int row, float[] q, int from, int n) {
        long base = (long) row * dims * 4;
        FloatVector acc = FloatVector.zero(S);
        int c = from;
        int end = from + n;
        for (int upper = from + S.loopBound(n); c < upper; c += S.length()) {
            FloatVector v = FloatVector.fromMemorySegment(S, data, base + 4L * c, LE);
            acc = v.fma(FloatVector.fromArray(S, q, c), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < end; c++) {
            s += data.get(FLOAT, base + 4L * c) * q[c];
        }
        return s;
    }

    /** Sum over columns [from, from+n) of row[c]^2. */
    public float normSq(int row, int from, int n) {
        long base = (long) row * dims * 4;
        FloatVector acc = FloatVector.zero(S);
        int c = from;
        int end = from + n;
        for (int upper = from + S.loopBound(n); c < upper; c += S.length()) {
            FloatVector v = FloatVector.fromMemorySegment(S, data, base + 4L * c, LE);
            acc = v.fma(v, acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; c < end; c++) {
            float v = data.get(FLOAT, base + 4L * c);
            s += v * v;
        }
        return s;
    }

    /** acc[c] += a * row[c] over columns [from, from+n). */
    public void axpy(int row, float a, float[] acc, int from, int n) {
        long base = (long) row * dims * 4;
        FloatVector av = FloatVector.broadcast(S, a);
        int c = from;
        int end = from + n;
        for (int upper = from + S.loopBound(n); c < upper; c += S.length()) {
            FloatVector v = FloatVector.fromMemorySegment(S, data, base + 4L * c, LE);
            v.fma(av, FloatVector.fromArray(S, acc, c)).intoArray(acc, c);
        }
        for (; c < end; c++) {
            acc[c] += a * data.get(FLOAT, base + 4L * c);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
