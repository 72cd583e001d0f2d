package dev.modelfactory.engine.format.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses and checks a safetensors header against the bytes of its file. */
final class SafetensorsHeader {

    /** The reference implementation's cap; a larger header is a hostile file, not a model. */
    static final long MAX_HEADER = 100L * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    record Parsed(Map<String, String> metadata, List<SafetensorsTensor> tensors, long dataOffset) {
    }

    private SafetensorsHeader() {
    }

    static Parsed parse(MemorySegment file, String source) {
        long size = file.byteSize();
        if (size < 8) {
            throw ModelFormatException.at(source, 0, "file of " + size + " bytes is too short for the header length");
        }
        long n = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (n < 2 || n > size - 8 || n > MAX_HEADER) {
            throw ModelFormatException.at(source, 0, "header length " + Long.toUnsignedString(n)
                    + " is impossible for a file of " + size + " bytes (limit " + MAX_HEADER + ")");
        }
        byte[] bytes = file.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
        if (bytes[0] != '{') {
            throw ModelFormatException.at(source, 8, "header does not start with '{'");
        }
        JsonNode root;
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            root = JSON.readTree(text);
        } catch (CharacterCodingException e) {
            throw ModelFormatException.at(source, 8, "header is not valid UTF-8");
        } catch (JsonProcessingException e) {
            throw ModelFormatException.at(source, 8, "header is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ModelFormatException.at(source, 8, "header is not a JSON object");
        }
        long dataOffset = 8 + n;
        long dataLength = size - dataOffset;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsTensor> tensors = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                readMetadata(e.getValue(), source, metadata);
            } else {
                tensors.add(readTensor(e.getKey(), e.getValue(), source, dataLength, file, dataOffset));
            }
        }
        checkOverlaps(tensors, source);
        return new Parsed(metadata, List.copyOf(tensors), dataOffset);
    }

    private static void readMetadata(JsonNode node, String source, Map<String, String> out) {
        if (!node.isObject()) {
            throw ModelFormatException.field(source, "__metadata__", "must be an object of strings");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw ModelFormatException.field(source, "__metadata__." + e.getKey(), "must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
    }

    private static SafetensorsTensor readTensor(String name, JsonNode node, String source, long dataLength,
                                                MemorySegment file, long dataOffset) {
        String where = "tensor " + name;
        if (!node.isObject()) {
            throw ModelFormatException.field(source, where, "entry must be an object");
        }
        JsonNode dt = node.get("dtype");
        if (dt == null || !dt.isTextual()) {
            throw ModelFormatException.field(source, where + ".dtype", "missing or not a string");
        }
        SafetensorsDType dtype = SafetensorsDType.parse(dt.textValue());
        if (dtype == null) {
            throw ModelFormatException.field(source, where + ".dtype", "unknown dtype " + dt.textValue());
        }
        long[] shape = longs(node.get("shape"), source, where + ".shape", -1);
        long[] offsets = longs(node.get("data_offsets"), source, where + ".data_offsets", 2);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw ModelFormatException.field(source, where + ".data_offsets", "begin " + begin + " > end " + end);
        }
        if (end > dataLength) {
            throw ModelFormatException.field(source, where + ".data_offsets", "end " + end
                    + " is past the " + dataLength + " data bytes of the file");
        }
        long expected = dtype.size();
        for (long d : shape) {
            if (d != 0 && expected > Long.MAX_VALUE / d) {
                throw ModelFormatException.field(source, where + ".shape", "size overflows");
            }
            expected *= d;
        }
        if (expected != end - begin) {
            throw ModelFormatException.field(source, where, "shape and dtype need " + expected
                    + " bytes but data_offsets span " + (end - begin));
        }
        return new SafetensorsTensor(name, dtype, shape, begin, end, file.asSlice(dataOffset + begin, end - begin));
    }

    private static long[] longs(JsonNode node, String source, String field, int exactLength) {
        if (node == null || !node.isArray() || (exactLength >= 0 && node.size() != exactLength)) {
            throw ModelFormatException.field(source, field, exactLength >= 0
                    ? "must be an array of " + exactLength + " integers" : "must be an array of integers");
        }
        if (node.size() > 64) {
            throw ModelFormatException.field(source, field, node.size() + " dimensions is absurd");
        }
        long[] v = new long[node.size()];
        for (int i = 0; i < v.length; i++) {
            JsonNode x = node.get(i);
            if (!x.isIntegralNumber() || !x.canConvertToLong() || x.longValue() < 0) {
                throw ModelFormatException.field(source, field + "[" + i + "]", "must be a non-negative integer, found "
                        + x);
            }
            v[i] = x.longValue();
        }
        return v;
    }

    private static void checkOverlaps(List<SafetensorsTensor> tensors, String source) {
        List<SafetensorsTensor> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(SafetensorsTensor::begin).thenComparingLong(SafetensorsTensor::end));
        SafetensorsTensor previous = null;
        for (SafetensorsTensor t : sorted) {
            if (t.begin() == t.end()) {
                continue; // empty tensors occupy no bytes
            }
            if (previous != null && t.begin() < previous.end()) {
                throw ModelFormatException.field(source, "tensor " + t.name(), "data [" + t.begin() + ", " + t.end()
                        + ") overlaps tensor " + previous.name() + " [" + previous.begin() + ", " + previous.end() + ")");
            }
            previous = t;
        }
    }
}
