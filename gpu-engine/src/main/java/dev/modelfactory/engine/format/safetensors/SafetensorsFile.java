package dev.modelfactory.engine.format.safetensors;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.WeightSource;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An open, memory-mapped safetensors file. As a {@link WeightSource} it serves the names as stored
 * (Hugging Face names for a HF checkpoint; see the hf package for the canonical view).
 */
public final class SafetensorsFile implements WeightSource {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final String source;
    private final Arena arena;
    private final Map<String, String> metadata;
    private final Map<String, SafetensorsTensor> tensors;
    private final long dataOffset;

    private SafetensorsFile(String source, Arena arena, SafetensorsHeader.Parsed parsed) {
        this.source = source;
        this.arena = arena;
        this.metadata = Collections.unmodifiableMap(parsed.metadata());
        Map<String, SafetensorsTensor> m = new LinkedHashMap<>();
        parsed.tensors().forEach(t -> m.put(t.name(), t));
        this.tensors = Collections.unmodifiableMap(m);
        this.dataOffset = parsed.dataOffset();
    }

    public static SafetensorsFile open(Path path) {
        String source = path.toString();
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment segment = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return new SafetensorsFile(source, arena, SafetensorsHeader.parse(segment, source));
        } catch (IOException e) {
            arena.close();
            throw new ModelFormatException(source + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Parses bytes already in memory (tests, fuzzing); the caller keeps the segment alive. */
    public static SafetensorsFile parse(MemorySegment segment, String source) {
        return new SafetensorsFile(source, null, SafetensorsHeader.parse(segment, source));
    }

    public String source() {
        return source;
    }

    /** The {@code __metadata__} map (empty when absent). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Absolute offset of the data section (8 + header length). */
    public long dataOffset() {
        return dataOffset;
    }

    public List<SafetensorsTensor> tensors() {
        return List.copyOf(tensors.values());
    }

    public SafetensorsTensor tensor(String name) {
        SafetensorsTensor t = tensors.get(name);
        if (t == null) {
            throw ModelFormatException.field(source, name, "no such tensor");
        }
        return t;
    }

    @Override
    public List<String> names() {
        return List.copyOf(tensors.keySet());
    }

    @Override
    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    @Override
    public long[] shape(String name) {
        return tensor(name).shape();
    }

    @Override
    public String dtype(String name) {
        return tensor(name).dtype().name();
    }

    /** The raw little-endian bytes of a tensor, for integer types or zero-copy use. */
    public MemorySegment raw(String name) {
        return tensor(name).data();
    }

    @Override
    public float[] dequantize(String name) {
        SafetensorsTensor t = tensor(name);
        int n = WeightSource.elementCount(source + ": " + name, t.shape());
        MemorySegment d = t.data();
        float[] out = new float[n];
        switch (t.dtype()) {
            case F32 -> MemorySegment.copy(d, F32, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(d.get(I16, 2L * i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((d.get(I16, 2L * i) & 0xFFFF) << 16);
                }
            }
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) d.get(F64, 8L * i);
                }
            }
            default -> throw ModelFormatException.field(source, name, t.dtype() + " is not a floating-point tensor");
        }
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
        return "safetensors " + source + " (" + tensors.size() + " tensors)";
    }
}
