package dev.modelfactory.engine.format.gguf;

import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the GGUF header, metadata and tensor infos from a segment; checks everything; no tensor data copied. */
final class GgufParser {

    static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
    static final int MAX_DIMS = 4;
    static final int MAX_NESTING = 8;
    static final long DEFAULT_ALIGNMENT = 32;
    /**
     * Caps beyond what any real model has (vocabularies and merge lists are ~10^5-10^6 entries, tensor
     * tables ~10^5): numeric arrays are widened in memory (a u8 becomes a long), so a count bounded only
     * by the file size could still ask for several times the file in heap.
     */
    static final int MAX_ARRAY_LENGTH = 1 << 24;
    static final int MAX_TENSORS = 1 << 22;
    static final int MAX_KEYS = 1 << 20;

    /** Everything the header says, before it is wrapped into a {@link GgufFile}. */
    record Header(int version, Map<String, GgufValue> metadata, List<GgufTensor> tensors, long alignment,
                  long dataOffset) {
    }

    private GgufParser() {
    }

    static Header parse(MemorySegment segment, String source) {
        GgufCursor c = new GgufCursor(segment, source);
        long magic = c.u32("magic");
        if ((int) magic != MAGIC) {
            c.seek(0);
            throw c.error(String.format("bad magic 0x%08x, not a GGUF file", magic));
        }
        long version = c.u32("version");
        if (version != 2 && version != 3) {
            c.seek(4);
            throw c.error("unsupported GGUF version " + version + " (supported: 2, 3"
                    + (version == 1 ? "; version 1 predates 64-bit counts" : "")
                    + ((version & 0xFFFF) == 0 ? "; a big-endian file?" : "") + ")");
        }
        // Minimal encodings: a tensor info is name(8) + n_dims(4) + one dim(8) + type(4) + offset(8).
        int tensorCount = c.count("tensor count", 32);
        int kvCount = c.count("metadata count", 8 + 4 + 1);
        if (tensorCount > MAX_TENSORS || kvCount > MAX_KEYS) {
            c.seek(8);
            throw c.error("tensor count " + tensorCount + " or metadata count " + kvCount + " exceeds the limits "
                    + MAX_TENSORS + " / " + MAX_KEYS);
        }

        Map<String, GgufValue> metadata = new LinkedHashMap<>();
        for (int i = 0; i < kvCount; i++) {
            long at = c.position();
            String key = c.string("metadata key #" + i);
            long typeId = c.u32("type of " + key);
            GgufValueType type = GgufValueType.byId(typeId);
            if (type == null) {
                throw ModelFormatException.at(source, at, "metadata " + key + ": unknown value type " + typeId);
            }
            GgufValue value = readValue(c, type, key, 0);
            if (metadata.putIfAbsent(key, value) != null) {
                throw ModelFormatException.at(source, at, "duplicate metadata key " + key);
            }
        }
        long alignment = alignment(metadata, source);

        List<GgufTensor> infos = new ArrayList<>(tensorCount);
        List<long[]> placements = new ArrayList<>(tensorCount);
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int i = 0; i < tensorCount; i++) {
            long at = c.position();
            String name = c.string("tensor name #" + i);
            if (seen.put(name, Boolean.TRUE) != null) {
                throw ModelFormatException.at(source, at, "duplicate tensor " + name);
            }
            long nDims = c.u32("n_dims of " + name);
            if (nDims < 1 || nDims > MAX_DIMS) {
                throw c.error("tensor " + name + ": n_dims " + nDims + " outside 1.." + MAX_DIMS);
            }
            long[] ne = new long[(int) nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                ne[d] = c.u64("ne[" + d + "] of " + name);
                if (ne[d] < 1) {
                    throw c.error("tensor " + name + ": dimension ne[" + d + "] = " + Long.toUnsignedString(ne[d]));
                }
                if (Math.multiplyHigh(elements, ne[d]) != 0 || elements * ne[d] < 0) {
                    throw c.error("tensor " + name + ": element count overflows");
                }
                elements *= ne[d];
            }
            long typeId = c.u32("type of " + name);
            GgmlType type = GgmlType.byId(typeId);
            if (type == null) {
                throw c.error("tensor " + name + ": unknown or unsupported ggml type id " + typeId);
            }
            if (ne[0] % type.blockSize() != 0) {
                throw c.error("tensor " + name + ": row length " + ne[0] + " is not a multiple of the "
                        + type + " block size " + type.blockSize());
            }
            long offset = c.u64("data offset of " + name);
            if (offset < 0 || offset % alignment != 0) {
                throw c.error("tensor " + name + ": data offset " + Long.toUnsignedString(offset)
                        + " is not aligned to " + alignment);
            }
            long size = (elements / type.blockSize()) * type.typeSize(); // elements < 2^63 / 1, typeSize <= 292
            if (Math.multiplyHigh(elements / type.blockSize(), type.typeSize()) != 0 || size < 0) {
                throw c.error("tensor " + name + ": byte size overflows");
            }
            long[] shape = new long[ne.length];
            for (int d = 0; d < ne.length; d++) {
                shape[d] = ne[ne.length - 1 - d];
            }
            infos.add(new GgufTensor(name, type, shape, offset, MemorySegment.NULL));
            placements.add(new long[] {offset, size, i});
        }

        long headerEnd = c.position();
        long dataOffset = Math.ceilDiv(headerEnd, alignment) * alignment;
        long fileSize = segment.byteSize();
        if (tensorCount > 0 && dataOffset > fileSize) {
            throw ModelFormatException.at(source, headerEnd, "tensor data would start at " + dataOffset
                    + " but the file has only " + fileSize + " bytes");
        }
        long dataLength = Math.max(0, fileSize - dataOffset);
        placements.sort(Comparator.comparingLong(p -> p[0]));
        long previousEnd = 0;
        String previousName = null;
        List<GgufTensor> tensors = new ArrayList<>(infos);
        for (long[] p : placements) {
            GgufTensor info = infos.get((int) p[2]);
            if (p[1] > dataLength || p[0] > dataLength - p[1]) {
                throw ModelFormatException.field(source, "tensor " + info.name(), "data [" + p[0] + ", " + (p[0] + p[1])
                        + ") relative to data offset " + dataOffset + " runs past the end of the file (" + dataLength
                        + " data bytes)");
            }
            if (p[0] < previousEnd) {
                throw ModelFormatException.field(source, "tensor " + info.name(), "data at " + p[0]
                        + " overlaps tensor " + previousName + " ending at " + previousEnd);
            }
            previousEnd = p[0] + p[1];
            previousName = info.name();
            MemorySegment data = segment.asSlice(dataOffset + p[0], p[1]);
            tensors.set((int) p[2], new GgufTensor(info.name(), info.type(), info.shape(), dataOffset + p[0], data));
        }
        return new Header((int) version, metadata, List.copyOf(tensors), alignment, dataOffset);
    }

    private static long alignment(Map<String, GgufValue> metadata, String source) {
        GgufValue v = metadata.get("general.alignment");
        if (v == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!v.type().isInteger()) {
            throw ModelFormatException.field(source, "general.alignment", "must be an integer, found " + v.type());
        }
        long a = v.asLong();
        if (a <= 0 || a > (1 << 24) || Long.bitCount(a) != 1) {
            throw ModelFormatException.field(source, "general.alignment", "must be a power of two up to 2^24, found "
                    + Long.toUnsignedString(a));
        }
        return a;
    }

    private static GgufValue readValue(GgufCursor c, GgufValueType type, String key, int depth) {
        return switch (type) {
            case UINT8 -> new GgufValue(type, (long) c.u8(key));
            case INT8 -> new GgufValue(type, (long) (byte) c.u8(key));
            case UINT16 -> new GgufValue(type, (long) c.u16(key));
            case INT16 -> new GgufValue(type, (long) (short) c.u16(key));
            case UINT32 -> new GgufValue(type, c.u32(key));
            case INT32 -> new GgufValue(type, (long) (int) c.u32(key));
            case UINT64, INT64 -> new GgufValue(type, c.u64(key));
            case FLOAT32 -> new GgufValue(type, c.f32(key));
            case FLOAT64 -> new GgufValue(type, c.f64(key));
            case BOOL -> new GgufValue(type, bool(c, key));
            case STRING -> new GgufValue(type, c.string(key));
            case ARRAY -> new GgufValue(type, readArray(c, key, depth));
        };
    }

    private static boolean bool(GgufCursor c, String key) {
        int b = c.u8(key);
        if (b > 1) {
            throw c.error(key + ": bool value " + b + " is neither 0 nor 1");
        }
        return b == 1;
    }

    private static GgufArray readArray(GgufCursor c, String key, int depth) {
        if (depth >= MAX_NESTING) {
            throw c.error(key + ": arrays nested deeper than " + MAX_NESTING);
        }
        long typeId = c.u32(key + " element type");
        GgufValueType et = GgufValueType.byId(typeId);
        if (et == null) {
            throw c.error(key + ": unknown array element type " + typeId);
        }
        long at = c.position();
        int n = c.count(key + " array length", et.minBytes());
        if (n > MAX_ARRAY_LENGTH) {
            c.seek(at);
            throw c.error(key + ": array length " + n + " exceeds the limit " + MAX_ARRAY_LENGTH);
        }
        return new GgufArray(et, switch (et) {
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = c.f32(key);
                }
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = c.f64(key);
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = bool(c, key);
                }
                yield a;
            }
            case STRING -> {
                String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = c.string(key);
                }
                yield a;
            }
            case ARRAY -> {
                GgufArray[] a = new GgufArray[n];
                for (int i = 0; i < n; i++) {
                    a[i] = readArray(c, key + "[" + i + "]", depth + 1);
                }
                yield a;
            }
            default -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = readValue(c, et, key, depth).asLong();
                }
                yield a;
            }
        });
    }
}
