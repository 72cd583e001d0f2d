package dev.modelfactory.engine.format.safetensors;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the safetensors reader: any input parses or fails with a
 * {@link ModelFormatException}. Regression mode replays {@code SafetensorsFuzzTestInputs/}.
 */
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "4m")
    void parse(byte[] input) {
        exercise(input);
    }

    /**
     * Structure-aware: a well-formed JSON header from fuzzed names, dtypes, shapes and offsets (raw bytes
     * rarely stay valid JSON), so the semantic checks (sizes, ranges, overlaps) get explored.
     */
    @FuzzTest(maxDuration = "4m")
    void structured(FuzzedDataProvider data) {
        String[] dtypes = {"F32", "F16", "BF16", "F64", "I64", "I32", "U8", "BOOL", "F8_E4M3", "x"};
        StringBuilder json = new StringBuilder("{");
        int n = data.consumeInt(0, 6);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append('"').append(data.consumeBoolean() ? "__metadata__" : "t" + data.consumeInt(0, 3)).append("\":");
            json.append("{\"dtype\":\"").append(data.pickValue(dtypes)).append("\",\"shape\":[");
            int dims = data.consumeInt(0, 3);
            for (int d = 0; d < dims; d++) {
                json.append(d > 0 ? "," : "").append(data.consumeBoolean() ? data.consumeInt(0, 9) : data.consumeLong());
            }
            json.append("],\"data_offsets\":[").append(data.consumeInt(-2, 80)).append(',')
                    .append(data.consumeBoolean() ? data.consumeInt(-2, 80) : data.consumeLong()).append("]}");
        }
        json.append('}');
        byte[] header = json.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = data.consumeRemainingAsBytes();
        ByteBuffer file = ByteBuffer.allocate(8 + header.length + body.length).order(ByteOrder.LITTLE_ENDIAN);
        file.putLong(header.length).put(header).put(body);
        exercise(file.array());
    }

    private static void exercise(byte[] input) {
        SafetensorsFile f;
        try {
            f = SafetensorsFile.parse(MemorySegment.ofArray(input), "fuzz.safetensors");
        } catch (ModelFormatException expected) {
            return;
        }
        for (SafetensorsTensor t : f.tensors()) {
            if (t.dtype().isFloat()) {
                f.dequantize(t.name());
            } else {
                f.raw(t.name());
            }
        }
        f.metadata();
    }
}
