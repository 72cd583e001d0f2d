package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.format.gguf.GgufTensor;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Llama 3 RoPE scaling through GGUF the way llama.cpp stores it: no rope.scaling keys, a {@code rope_freqs.weight}
 * tensor of per-pair divisors that the loader turns back into the model's frequency factors.
 */
class Llama3RopeGgufTest {

    private static final int[] PROMPT = {1, 17, 42, 300, 3, 3, 258, 0, 77, 12, 383, 5, 9, 200, 31, 64, 2, 150, 11, 99};
    private static final Backend CPU = Backends.named("cpu");

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackend() {
        CPU.close();
    }

    /**
     * Head dim 16, theta 1e4: wavelengths 6.3, 19.9, 62.8, 199, ... Llama 3.1's 8192-token original context
     * would scale only the last two pairs; 64 puts the band edges at 16 and 64, so pairs 1-2 blend and 3-7
     * take the full factor 8, and the prompt runs past 16 positions where those pairs have turned.
     */
    static LlamaConfig config() {
        RopeScaling llama31 = RopeScaling.llama31();
        RopeScaling scaling = new RopeScaling(llama31.factor(), llama31.lowFreqFactor(), llama31.highFreqFactor(), 64);
        return LlamaConfig.builder().dim(64).hiddenDim(128).layers(2).heads(4).kvHeads(2)
                .vocabSize(LoaderRoundTripTest.VOCAB).maxSeqLen(64).ropeStyle(RopeStyle.INTERLEAVED).ropeTheta(10000f)
                .ropeScaling(scaling).build();
    }

    @Test
    void scaledModelRoundTripsThroughRopeFreqs() throws IOException {
        LlamaConfig c = config();
        float[] factors = c.ropeScaling().frequencyFactors(c.ropeTheta(), c.headDim());
        assertThat(factors).containsExactly(1f, factors[1], factors[2], 8f, 8f, 8f, 8f, 8f);
        assertThat(factors[1]).isStrictlyBetween(1f, 8f);
        assertThat(factors[2]).isStrictlyBetween(1f, 8f);

        InMemoryWeights weights = RandomWeights.create(c, 7);
        Path file = dir.resolve("llama3.gguf");
        LlamaGguf.write(file, c, weights, GgmlType.F32);
        try (GgufFile f = GgufFile.open(file)) {
            GgufTensor t = f.findTensor(WeightNames.ROPE_FREQS).orElseThrow();
            assertThat(t.type()).isEqualTo(GgmlType.F32);
            assertThat(f.dequantize(WeightNames.ROPE_FREQS)).containsExactly(factors);
            assertThat(f.get("llama.rope.scaling.type")).isEmpty();
        }

        float[] expected;
        float[] unscaled;
        try (LlamaModel m = LlamaModel.load(c, weights, CPU); LlamaSession s = m.newSession()) {
            expected = s.appendAll(PROMPT);
        }
        LlamaConfig plain = LlamaConfig.builder().dim(64).hiddenDim(128).layers(2).heads(4).kvHeads(2)
                .vocabSize(LoaderRoundTripTest.VOCAB).maxSeqLen(64).ropeStyle(RopeStyle.INTERLEAVED).ropeTheta(10000f)
                .build();
        try (LlamaModel m = LlamaModel.load(plain, weights, CPU); LlamaSession s = m.newSession()) {
            unscaled = s.appendAll(PROMPT);
        }
        assertThat(maxAbsDiff(unscaled, expected)).as("scaling changes the logits").isGreaterThan(1e-3f);

        try (LoadedModel loaded = ModelLoader.load(file, CPU, 64); LlamaSession s = loaded.model().newSession()) {
            LlamaConfig lc = loaded.model().config();
            assertThat(lc.ropeScaling()).isNull();
            assertThat(lc.ropeFrequencyFactors()).containsExactly(factors);
            float[] actual = s.appendAll(PROMPT);
            assertThat(actual).hasSameSizeAs(expected);
            assertThat(maxAbsDiff(actual, expected)).isLessThan(1e-5f);
        }
        assertThat(ModelLoader.inspect(file).parameterCount()).isEqualTo(c.parameterCount());
    }

    /** The same file with rope_freqs' length patched from 8 to 7 in its tensor info. */
    @Test
    void wrongLengthRopeFreqsIsAFormatError() throws IOException {
        LlamaConfig c = config();
        Path file = dir.resolve("bad-rope.gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 1), GgmlType.F32);
        patchFirstDim(file, WeightNames.ROPE_FREQS, 8, 7);
        try (GgufFile f = GgufFile.open(file)) {
            assertThat(f.findTensor(WeightNames.ROPE_FREQS).orElseThrow().shape()).containsExactly(7L);
        }
        assertThatThrownBy(() -> ModelLoader.load(file, CPU, 64)).isInstanceOf(ModelFormatException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(WeightNames.ROPE_FREQS)
                .hasMessageContaining("[7]").hasMessageContaining("expected [8]");
    }

    /**
     * GGUF tensor info: u64 name length, name bytes, u32 n_dims, u64 dims... Rewrites dims[0] of the named
     * tensor; its data offset is stored separately, so a shorter tensor still parses.
     */
    private static void patchFirstDim(Path file, String tensor, long from, long to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = tensor.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(bytes, name);
        assertThat(at).isPositive();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int dimsAt = at + name.length + 4;
        assertThat(b.getInt(at + name.length)).isEqualTo(1);
        assertThat(b.getLong(dimsAt)).isEqualTo(from);
        b.putLong(dimsAt, to);
        Files.write(file, bytes);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }
}
