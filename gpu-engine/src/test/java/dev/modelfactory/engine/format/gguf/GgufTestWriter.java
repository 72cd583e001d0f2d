package dev.modelfactory.engine.format.gguf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds small GGUF files for tests: typed metadata and tensors with raw bytes. Offsets and padding are
 * computed like llama.cpp's writer; raw overrides let a test write lies (wrong offsets, bad types).
 */
public final class GgufTestWriter {

    /** A tensor entry; {@code ne} is innermost first as in the file; offset -1 = place automatically. */
    public record Tensor(String name, int typeId, long[] ne, byte[] data, long offset) {
    }

    private int version = 3;
    private long alignment = 32;
    private final ByteArrayOutputStream kv = new ByteArrayOutputStream();
    private int kvCount;
    private final List<Tensor> tensors = new ArrayList<>();

    public GgufTestWriter version(int v) {
        this.version = v;
        return this;
    }

    public GgufTestWriter alignment(int a) {
        this.alignment = a;
        u32(kv, a, "general.alignment", GgufValueType.UINT32);
        return this;
    }

    public GgufTestWriter string(String key, String value) {
        key(key, GgufValueType.STRING);
        str(kv, value);
        return this;
    }

    public GgufTestWriter u32(String key, long value) {
        return u32(kv, value, key, GgufValueType.UINT32);
    }

    public GgufTestWriter i32(String key, int value) {
        return u32(kv, value, key, GgufValueType.INT32);
    }

    private GgufTestWriter u32(ByteArrayOutputStream out, long value, String key, GgufValueType type) {
        key(key, type);
        le(out, value, 4);
        return this;
    }

    public GgufTestWriter f32(String key, float value) {
        key(key, GgufValueType.FLOAT32);
        le(kv, Float.floatToRawIntBits(value), 4);
        return this;
    }

    public GgufTestWriter bool(String key, boolean value) {
        key(key, GgufValueType.BOOL);
        kv.write(value ? 1 : 0);
        return this;
    }

    /** Any scalar or array value given as raw encoded bytes after the type id. */
    public GgufTestWriter raw(String key, GgufValueType type, byte[] encoded) {
        key(key, type);
        kv.writeBytes(encoded);
        return this;
    }

    public GgufTestWriter strings(String key, List<String> values) {
        key(key, GgufValueType.ARRAY);
        le(kv, GgufValueType.STRING.id(), 4);
        le(kv, values.size(), 8);
        values.forEach(v -> str(kv, v));
        return this;
    }

    public GgufTestWriter floats(String key, float[] values) {
        key(key, GgufValueType.ARRAY);
        le(kv, GgufValueType.FLOAT32.id(), 4);
        le(kv, values.length, 8);
        for (float v : values) {
            le(kv, Float.floatToRawIntBits(v), 4);
        }
        return this;
    }

    public GgufTestWriter ints(String key, int[] values) {
        key(key, GgufValueType.ARRAY);
        le(kv, GgufValueType.INT32.id(), 4);
        le(kv, values.length, 8);
        for (int v : values) {
            le(kv, v, 4);
        }
        return this;
    }

    public GgufTestWriter tensor(String name, GgmlType type, long[] ne, byte[] data) {
        tensors.add(new Tensor(name, type.id(), ne, data, -1));
        return this;
    }

    public GgufTestWriter tensor(Tensor t) {
        tensors.add(t);
        return this;
    }

    /** An F32 tensor from floats; {@code ne} innermost first. */
    public GgufTestWriter f32Tensor(String name, long[] ne, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return tensor(name, GgmlType.F32, ne, b.array());
    }

    private void key(String key, GgufValueType type) {
        str(kv, key);
        le(kv, type.id(), 4);
        kvCount++;
    }

    public byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        le(out, GgufParser.MAGIC, 4);
        le(out, version, 4);
        le(out, tensors.size(), 8);
        le(out, kvCount, 8);
        out.writeBytes(kv.toByteArray());
        long next = 0;
        List<Long> offsets = new ArrayList<>();
        for (Tensor t : tensors) {
            long off = t.offset() >= 0 ? t.offset() : next;
            offsets.add(off);
            next = Math.max(next, align(off + t.data().length));
        }
        for (int i = 0; i < tensors.size(); i++) {
            Tensor t = tensors.get(i);
            str(out, t.name());
            le(out, t.ne().length, 4);
            for (long d : t.ne()) {
                le(out, d, 8);
            }
            le(out, t.typeId(), 4);
            le(out, offsets.get(i), 8);
        }
        while (out.size() % alignment != 0) {
            out.write(0);
        }
        byte[] data = new byte[(int) next];
        for (int i = 0; i < tensors.size(); i++) {
            byte[] d = tensors.get(i).data();
            long off = offsets.get(i);
            if (off + d.length <= data.length) {
                System.arraycopy(d, 0, data, (int) off, d.length);
            }
        }
        out.writeBytes(data);
        return out.toByteArray();
    }

    public GgufFile parse() {
        return GgufFile.parse(MemorySegment.ofArray(build()), "test.gguf");
    }

    public Path write(Path file) throws IOException {
        Files.write(file, build());
        return file;
    }

    private long align(long v) {
        return (v + alignment - 1) / alignment * alignment;
    }

    public static void str(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        le(out, b.length, 8);
        out.writeBytes(b);
    }

    public static void le(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
