package dev.modelfactory.engine.format.gguf;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.tokenizer.GgufTokenizers;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import java.lang.foreign.MemorySegment;

/**
 * Coverage-guided fuzzing of the GGUF reader: any input must either parse or fail with a
 * {@link ModelFormatException}; anything else (out-of-bounds, OOM, arithmetic, a hang) is a bug.
 * Without {@code JAZZER_FUZZ=1} this replays the seeds and past crashes kept in {@code GgufFuzzTestInputs/}.
 */
class GgufFuzzTest {

    @FuzzTest(maxDuration = "4m")
    void parse(byte[] input) {
        GgufFile f;
        try {
            f = GgufFile.parse(MemorySegment.ofArray(input), "fuzz.gguf");
        } catch (ModelFormatException expected) {
            return;
        }
        // Everything reachable from a parsed file must hold too: tensors, spec, tokenizer.
        for (GgufTensor t : f.tensors()) {
            if (t.type().isFloatConvertible() && t.elementCount() <= (1 << 20)) {
                f.dequantize(t.name());
            }
        }
        try {
            GgufModelSpecs.from(f);
        } catch (ModelFormatException expected) {
            // missing or inconsistent hyper-parameters
        }
        try {
            Tokenizer tok = GgufTokenizers.from(f);
            int[] ids = tok.encode("Hello wörld 12 <s>", true, true);
            tok.decode(ids);
        } catch (ModelFormatException expected) {
            // no or unusable embedded tokenizer
        }
    }
}
