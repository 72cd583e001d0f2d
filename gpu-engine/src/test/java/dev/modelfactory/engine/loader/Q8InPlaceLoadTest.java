package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Q8_0 GGUF loads its projection matrices as Q8_0 blocks ({@code Backend.uploadLinearQ8_0}) instead of
 * dequantised fp32, and the model computes the same function as an fp32 model built from the file's
 * dequantised weights: the only difference left is fp32 summation order, so the tolerance is tight
 * (1e-5 of the largest logit; a wrong block scale or layout would move logits by whole percent).
 */
class Q8InPlaceLoadTest {

    private static final int[] PROMPT = {1, 17, 42, 300, 3, 3, 258, 0, 77, 12, 383};
    private static final int[] DECODE = {5, 99, 260};
    private static final Backend CPU = Backends.named("cpu");
    private static final Backend REF = Backends.named("reference");

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackends() {
        CPU.close();
        REF.close();
    }

    @ParameterizedTest(name = "tied output: {0}")
    @ValueSource(booleans = {false, true})
    void q8ModelEqualsTheF32ModelOfItsDequantisedWeights(boolean tied) throws IOException {
        LlamaConfig c = LoaderRoundTripTest.config(tied, RopeStyle.INTERLEAVED);
        Path file = dir.resolve("q8.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 11), GgmlType.Q8_0);
        for (Backend be : new Backend[] {CPU, REF}) {
            float[] expected;
            try (LoadedModel loaded = ModelLoader.load(file, be, 64);
                    LlamaModel f32 = LlamaModel.load(loaded.model().config(), dequantised(file), be);
                    LlamaSession q8 = loaded.model().newSession();
                    LlamaSession ref = f32.newSession()) {
                expected = ref.appendAll(PROMPT);
                assertClose(be.name() + " prefill", expected, q8.appendAll(PROMPT));
                for (int t : DECODE) {
                    assertClose(be.name() + " decode " + t, ref.append(t), q8.append(t));
                }
            }
        }
    }

    /** The loader offers Q8_0 blocks for Q8_0 matrices only; norms (F32) and F32 files go through floats. */
    @Test
    void onlyQ8MatricesAreOfferedAsBlocks() throws IOException {
        LlamaConfig c = LoaderRoundTripTest.config(false, RopeStyle.INTERLEAVED);
        for (GgmlType type : new GgmlType[] {GgmlType.Q8_0, GgmlType.F32}) {
            Path file = dir.resolve(type + ".gguf");
            LlamaGguf.write(file, c, RandomWeights.create(c, 3), type);
            try (SourceWeights w = new SourceWeights(GgufFile.open(file))) {
                boolean q8 = type == GgmlType.Q8_0;
                assertThat(w.q8_0(WeightNames.attnQ(0)).isPresent()).as("%s attn_q", type).isEqualTo(q8);
                assertThat(w.q8_0(WeightNames.ffnDown(1)).isPresent()).as("%s ffn_down", type).isEqualTo(q8);
                assertThat(w.q8_0(WeightNames.OUTPUT).isPresent()).as("%s output", type).isEqualTo(q8);
                assertThat(w.q8_0(WeightNames.attnNorm(0))).as("%s norm", type).isEmpty();
                assertThat(w.q8_0("no.such.tensor")).isEmpty();
            }
        }
    }

    /** Every tensor of the file, dequantised to fp32 (what the loader did before the Q8_0 path). */
    private static InMemoryWeights dequantised(Path file) {
        InMemoryWeights w = new InMemoryWeights();
        try (GgufFile f = GgufFile.open(file)) {
            for (String name : f.names()) {
                long[] s = f.shape(name);
                int[] shape = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    shape[i] = Math.toIntExact(s[i]);
                }
                w.put(name, f.dequantize(name), shape);
            }
        }
        return w;
    }

    private static void assertClose(String what, float[] expected, float[] actual) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        float maxAbs = 0;
        float maxDiff = 0;
        for (int i = 0; i < expected.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(expected[i]));
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
        }
        assertThat(maxAbs).as(what + " logits are not all zero").isGreaterThan(0f);
        assertThat(maxDiff).as(what + " max |q8 - f32(dequantised)|").isLessThanOrEqualTo(1e-5f * maxAbs);
    }
}
