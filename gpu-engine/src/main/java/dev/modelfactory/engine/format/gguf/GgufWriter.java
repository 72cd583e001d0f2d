package dev.modelfactory.engine.format.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Writes GGUF v3 files that {@link GgufFile} and llama.cpp read: typed metadata, then tensors stored as
 * F32, F16, Q8_0, Q4_0, Q4_K or Q6_K. Shapes are given outermost first ({@code [rows, cols]}, as the reader returns them)
 * and written as ggml's innermost-first {@code ne[]}.
 *
 * <p>Tensor values are asked for one tensor at a time while writing and converted in small chunks, so a
 * model of any size is written with heap for its largest tensor only. The file appears atomically: it is
 * written to a temporary file beside the target, forced to disk, then moved over the target.
 */
public final class GgufWriter {

    /** llama.cpp's default; written as {@code general.alignment} only when another value is chosen. */
    public static final int DEFAULT_ALIGNMENT = 32;
    private static final int VERSION = 3;
    /** Values converted per write: 64 Ki floats (a multiple of every block size used). */
    /** A multiple of every writable block size (256 for the K-quants). */
    private static final int CHUNK = 1 << 16;
    private static final java.util.Set<GgmlType> WRITABLE = java.util.EnumSet.of(GgmlType.F32, GgmlType.F16,
            GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K);

    private record PendingTensor(String name, GgmlType type, long[] shape, Supplier<float[]> values) {
    }

    private final Map<String, GgufValue> metadata = new LinkedHashMap<>();
    private final List<PendingTensor> tensors = new ArrayList<>();
    private final Set<String> tensorNames = new HashSet<>();
    private int alignment = DEFAULT_ALIGNMENT;

    public GgufWriter alignment(int bytes) {
        if (bytes <= 0 || Integer.bitCount(bytes) != 1) {
            throw new IllegalArgumentException("alignment must be a positive power of two, got " + bytes);
        }
        alignment = bytes;
        if (bytes == DEFAULT_ALIGNMENT) {
            metadata.remove("general.alignment");
        } else {
            metadata.put("general.alignment", new GgufValue(GgufValueType.UINT32, (long) bytes));
        }
        return this;
    }

    public GgufWriter string(String key, String value) {
        return put(key, new GgufValue(GgufValueType.STRING, value));
    }

    /** An unsigned 32-bit value ({@code 0 .. 2^32-1}). */
    public GgufWriter u32(String key, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(key + ": " + value + " does not fit a u32");
        }
        return put(key, new GgufValue(GgufValueType.UINT32, value));
    }

    public GgufWriter i32(String key, int value) {
        return put(key, new GgufValue(GgufValueType.INT32, (long) value));
    }

    public GgufWriter f32(String key, float value) {
        return put(key, new GgufValue(GgufValueType.FLOAT32, value));
    }

    public GgufWriter bool(String key, boolean value) {
        return put(key, new GgufValue(GgufValueType.BOOL, value));
    }

    public GgufWriter strings(String key, String... values) {
        for (String s : values) {
            Objects.requireNonNull(s, key + ": null element");
        }
        return array(key, new GgufArray(GgufValueType.STRING, values.clone()));
    }

    public GgufWriter f32s(String key, float... values) {
        return array(key, new GgufArray(GgufValueType.FLOAT32, values.clone()));
    }

    public GgufWriter i32s(String key, int... values) {
        return array(key, new GgufArray(GgufValueType.INT32, Arrays.stream(values).asLongStream().toArray()));
    }

    private GgufWriter array(String key, GgufArray a) {
        return put(key, new GgufValue(GgufValueType.ARRAY, a));
    }

    private GgufWriter put(String key, GgufValue value) {
        Objects.requireNonNull(key, "key");
        if (key.equals("general.alignment")) {
            throw new IllegalArgumentException("set general.alignment through alignment(int)");
        }
        metadata.put(key, value);
        return this;
    }

    /** A tensor whose values are already in memory (read when the file is written, not copied now). */
    public GgufWriter tensor(String name, GgmlType type, float[] values, long... shape) {
        Objects.requireNonNull(values, "values");
        return tensor(name, type, () -> values, shape);
    }

    /**
     * A tensor whose values are produced when the writer reaches it (and dropped after), so a caller can
     * stream a large model from disk or a generator without holding it all.
     *
     * @param type  F32, F16, Q8_0, Q4_0 (rows a multiple of 32), Q4_K or Q6_K (rows a multiple of 256)
     * @param shape outermost first
     */
    public GgufWriter tensor(String name, GgmlType type, Supplier<float[]> values, long... shape) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(values, "values");
        if (!WRITABLE.contains(type)) {
            throw new IllegalArgumentException(name + ": cannot write " + type + " (supported: " + WRITABLE + ")");
        }
        if (shape.length == 0 || shape.length > 4 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " must have 1 to 4 positive dims");
        }
        if (shape[shape.length - 1] % type.blockSize() != 0) {
            throw new IllegalArgumentException(name + ": rows of " + shape[shape.length - 1] + " values are not whole "
                    + type + " blocks of " + type.blockSize());
        }
        if (!tensorNames.add(name)) {
            throw new IllegalArgumentException(name + ": tensor added twice");
        }
        tensors.add(new PendingTensor(name, type, shape.clone(), values));
        return this;
    }

    /** Writes the file atomically, replacing {@code target} if it exists; on failure {@code target} is untouched. */
    public void write(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path folder = abs.getParent();
        // Not Files.createTempFile: its owner-only permissions would stick to the model after the move.
        Path tmp = folder.resolve("." + abs.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".part");
        FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            try (FileChannel ch = out) {
                writeTo(ch);
                ch.force(true);
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        syncFolder(folder);
    }

    /** Makes the rename itself durable where the platform allows opening a folder (Linux, macOS). */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the file's own data was forced before the move
        }
    }

    private void writeTo(FileChannel ch) throws IOException {
        Encoder header = new Encoder();
        header.raw("GGUF".getBytes(StandardCharsets.US_ASCII));
        header.u32(VERSION);
        header.u64(tensors.size());
        header.u64(metadata.size());
        metadata.forEach((k, v) -> {
            header.string(k);
            header.u32(v.type().id());
            header.value(v);
        });
        long offset = 0;
        for (PendingTensor t : tensors) {
            header.string(t.name());
            header.u32(t.shape().length);
            for (int i = t.shape().length - 1; i >= 0; i--) {
                header.u64(t.shape()[i]);
            }
            header.u32(t.type().id());
            header.u64(offset);
            offset = align(offset + t.type().byteSize(elements(t)));
        }
        byte[] head = header.bytes();
        writeFully(ch, ByteBuffer.wrap(head));
        pad(ch, align(head.length) - head.length);
        ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (PendingTensor t : tensors) {
            float[] v = t.values().get();
            if (v == null || v.length != elements(t)) {
                throw new IllegalArgumentException(t.name() + ": expected " + elements(t) + " values for shape "
                        + Arrays.toString(t.shape()) + ", got " + (v == null ? "null" : v.length));
            }
            long bytes = 0;
            for (int from = 0; from < v.length; from += CHUNK) {
                buf.clear();
                encode(t.type(), v, from, Math.min(v.length, from + CHUNK), buf);
                buf.flip();
                bytes += buf.remaining();
                writeFully(ch, buf);
            }
            pad(ch, align(bytes) - bytes);
        }
    }

    private static void encode(GgmlType type, float[] v, int from, int to, ByteBuffer out) {
        switch (type) {
            case F32 -> {
                for (int i = from; i < to; i++) {
                    out.putFloat(v[i]);
                }
            }
            case F16 -> {
                for (int i = from; i < to; i++) {
                    out.putShort(Float.floatToFloat16(v[i]));
                }
            }
            case Q8_0 -> out.put(GgmlQuantizer.quantizeQ8_0(Arrays.copyOfRange(v, from, to)));
            case Q4_0 -> out.put(GgmlQuantizer.quantizeQ4_0(Arrays.copyOfRange(v, from, to)));
            case Q4_K -> out.put(GgmlQuantizer.quantizeQ4_K(Arrays.copyOfRange(v, from, to)));
            case Q6_K -> out.put(GgmlQuantizer.quantizeQ6_K(Arrays.copyOfRange(v, from, to)));
            default -> throw new IllegalStateException(type.name());
        }
    }

    private static long elements(PendingTensor t) {
        long n = 1;
        for (long d : t.shape()) {
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(t.name() + ": " + n + " elements do not fit one float[]");
        }
        return n;
    }

    private long align(long n) {
        return (n + alignment - 1) / alignment * alignment;
    }

    private static void pad(FileChannel ch, long n) throws IOException {
        if (n > 0) {
            writeFully(ch, ByteBuffer.allocate((int) n));
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    /** Little-endian encoding of the header (metadata and tensor table), which is small enough to buffer. */
    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void raw(byte[] b) {
            out.writeBytes(b);
        }

        void le(long v, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        }

        void u32(long v) {
            le(v, 4);
        }

        void u64(long v) {
            le(v, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            u64(b.length);
            raw(b);
        }

        void value(GgufValue v) {
            switch (v.type()) {
                case UINT32, INT32 -> u32(v.asLong());
                case FLOAT32 -> u32(Float.floatToRawIntBits((Float) v.value()));
                case BOOL -> out.write(v.asBoolean() ? 1 : 0);
                case STRING -> string(v.asString());
                case ARRAY -> array(v.asArray());
                default -> throw new IllegalStateException("no encoding for " + v.type());
            }
        }

        void array(GgufArray a) {
            u32(a.elementType().id());
            u64(a.length());
            switch (a.values()) {
                case String[] s -> Arrays.stream(s).forEach(this::string);
                case float[] f -> {
                    for (float x : f) {
                        u32(Float.floatToRawIntBits(x));
                    }
                }
                case long[] l -> Arrays.stream(l).forEach(this::u32);
                default -> throw new IllegalStateException("no encoding for " + a.elementType() + " arrays");
            }
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
