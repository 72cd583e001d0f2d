package dev.modelfactory.engine.format.gguf;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.WeightSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An open GGUF file: metadata, tensor table and the memory-mapped tensor data (no copy at load; files
 * beyond 2 GB are fine). Also a {@link WeightSource} over its own tensor names, which for llama.cpp
 * files are already the canonical names. Close it to unmap; tensor segments die with it.
 */
public final class GgufFile implements WeightSource {

    private final String source;
    private final Arena arena;
    private final GgufParser.Header header;
    private final Map<String, GgufTensor> byName;

    private GgufFile(String source, Arena arena, GgufParser.Header header) {
        this.source = source;
        this.arena = arena;
        this.header = header;
        Map<String, GgufTensor> m = new LinkedHashMap<>();
        for (GgufTensor t : header.tensors()) {
            m.put(t.name(), t);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /** Maps and parses a file. */
    public static GgufFile open(Path path) {
        String source = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new GgufFile(source, arena, GgufParser.parse(segment, source));
        } catch (IOException e) {
            arena.close();
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Parses bytes already in memory (tests, fuzzing); the caller keeps the segment alive. */
    public static GgufFile parse(MemorySegment segment, String source) {
        return new GgufFile(source, null, GgufParser.parse(segment, source));
    }

    public String source() {
        return source;
    }

    public int version() {
        return header.version();
    }

    public long alignment() {
        return header.alignment();
    }

    /** Absolute file offset where tensor data begins. */
    public long dataOffset() {
        return header.dataOffset();
    }

    /** All metadata in file order. */
    public Map<String, GgufValue> metadata() {
        return Collections.unmodifiableMap(header.metadata());
    }

    public Optional<GgufValue> get(String key) {
        return Optional.ofNullable(header.metadata().get(key));
    }

    public Optional<String> getString(String key) {
        return get(key).map(v -> typed(key, v, v.value() instanceof String).asString());
    }

    public Optional<Long> getLong(String key) {
        return get(key).map(v -> typed(key, v, v.type().isInteger()).asLong());
    }

    public Optional<Double> getDouble(String key) {
        return get(key).map(v -> typed(key, v, v.isNumber()).asDouble());
    }

    public Optional<Boolean> getBoolean(String key) {
        return get(key).map(v -> typed(key, v, v.value() instanceof Boolean).asBoolean());
    }

    public Optional<GgufArray> getArray(String key) {
        return get(key).map(v -> typed(key, v, v.value() instanceof GgufArray).asArray());
    }

    /** An integer that must be present and fit an int >= 0. */
    public int requireInt(String key) {
        long v = getLong(key).orElseThrow(() -> ModelFormatException.field(source, key, "missing"));
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw ModelFormatException.field(source, key, "value " + v + " out of range");
        }
        return (int) v;
    }

    private GgufValue typed(String key, GgufValue v, boolean ok) {
        if (!ok) {
            throw ModelFormatException.field(source, key, "unexpected value type " + v.type());
        }
        return v;
    }

    public List<GgufTensor> tensors() {
        return header.tensors();
    }

    public Optional<GgufTensor> findTensor(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public GgufTensor tensor(String name) {
        GgufTensor t = byName.get(name);
        if (t == null) {
            throw ModelFormatException.field(source, name, "no such tensor");
        }
        return t;
    }

    @Override
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    @Override
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return tensor(name).shape();
    }

    @Override
    public String dtype(String name) {
        return tensor(name).type().name();
    }

    @Override
    public float[] dequantize(String name) {
        GgufTensor t = tensor(name);
        return dequantizeRows(name, 0, Math.toIntExact(Math.min(t.rows(), Integer.MAX_VALUE)));
    }

    /** Rows {@code [firstRow, firstRow + rowCount)} of a tensor as float32 ({@code rowCount * cols} values). */
    public float[] dequantizeRows(String name, long firstRow, int rowCount) {
        GgufTensor t = tensor(name);
        Objects.checkFromIndexSize(firstRow, rowCount, t.rows());
        long n = Math.multiplyExact((long) rowCount, t.cols());
        if (n > Integer.MAX_VALUE - 8) {
            throw new ModelFormatException(source + ": " + name + ": " + n + " elements do not fit one float[]");
        }
        float[] out = new float[(int) n];
        MemorySegment rows = t.rowSlice(firstRow, rowCount);
        GgmlDequantizer.dequantize(t.type(), rows, 0, out, 0, (int) n);
        return out;
    }

    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GGUF v" + version() + " " + source + " (" + tensors().size() + " tensors, " + metadata().size()
                + " metadata)";
    }
}
