package dev.modelfactory.engine.format.safetensors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelfactory.engine.format.ModelFormatException;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided fuzzing of the safetensors reader: any input parses or fails with a
 * {@link ModelFormatException}. Regression mode replays {@code SafetensorsFuzzTestInputs/}.
 */
class SafetensorsFuzzTest {

    @FuzzTest(maxDuration = "4m")
    void parse(byte[] input) {
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
