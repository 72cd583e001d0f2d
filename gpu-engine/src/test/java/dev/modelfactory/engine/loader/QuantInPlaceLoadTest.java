package dev.modelfactory.engine.loader;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.QuantBlocks;
import dev.modelfactory.engine.backend.QuantFormat;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.format.gguf.GgmlType;
import dev.modelfactory.engine.format.gguf.GgufFile;
import dev.modelfactory.engine.generate.Sampler;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A Q4_0 / Q4_K / Q6_K GGUF keeps its matrices (embedding table included) as mapped blocks
 * ({@code Backend.mapLinearQuant}) and computes the same function as the fp32 model built from the file's
 * dequantised weights (its "dequantised twin", what the loader built before): the weights decode bit-exactly,
 * so only fp32 summation order differs and the logits agree to 1e-5 of the largest (a wrong block layout
 * moves them by whole percent), and greedy decoding picks the same tokens for 12 steps.
 */
class QuantInPlaceLoadTest {

    private static final int[] PROMPT = {1, 17, 42, 300, 3, 3, 258, 0, 77, 12, 383};
    private static final int STEPS = 12;
    private static final Backend CPU = Backends.named("cpu");
    private static final Backend REF = Backends.named("reference");

    @TempDir
    Path dir;

    @AfterAll
    static void closeBackends() {
        CPU.close();
        REF.close();
    }

    /** K-quant rows are 256-weight super-blocks: dim and hidden dim are multiples of 256. */
    static LlamaConfig config(boolean tied) {
        return LlamaConfig.builder().dim(256).hiddenDim(512).layers(2).heads(4).kvHeads(2)
                .vocabSize(LoaderRoundTripTest.VOCAB).maxSeqLen(64).ropeStyle(RopeStyle.INTERLEAVED)
                .ropeTheta(10000f).tiedOutput(tied).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K)
                .flatMap(t -> Stream.of(Arguments.of(t, false), Arguments.of(t, true)));
    }

    @ParameterizedTest(name = "{0}, tied output: {1}")
    @MethodSource("cases")
    void mappedModelEqualsItsDequantisedTwin(GgmlType type, boolean tied) throws IOException {
        LlamaConfig c = config(tied);
        Path file = dir.resolve(type + ".gguf");
        LlamaGguf.write(file, c, RandomWeights.create(c, 13), type);
        for (Backend be : new Backend[] {CPU, REF}) {
            try (LoadedModel loaded = ModelLoader.load(file, be, 64);
                    LlamaModel f32 = LlamaModel.load(loaded.model().config(), dequantised(file), be);
                    LlamaSession quant = loaded.model().newSession();
                    LlamaSession ref = f32.newSession()) {
                float[] expected = ref.appendAll(PROMPT);
                float[] actual = quant.appendAll(PROMPT);
                assertClose(be.name() + " " + type + " prefill", expected, actual);
                float[] e = last(expected, c.vocabSize());
                float[] a = last(actual, c.vocabSize());
                for (int step = 0; step < STEPS; step++) {
                    int want = Sampler.argmax(e);
                    assertThat(Sampler.argmax(a)).as("%s %s greedy token %d", be.name(), type, step).isEqualTo(want);
                    e = ref.append(want);
                    a = quant.append(want);
                    assertClose(be.name() + " " + type + " decode " + step, e, a);
                }
            }
        }
    }

    /** The loader offers blocks for Q4_0 / Q4_K / Q6_K matrices only, in their own format; never for norms. */
    @Test
    void onlyQuantisedMatricesAreOfferedAsBlocks() throws IOException {
        LlamaConfig c = config(false);
        for (GgmlType type : new GgmlType[] {GgmlType.Q4_0, GgmlType.Q4_K, GgmlType.Q6_K, GgmlType.Q8_0, GgmlType.F32}) {
            Path file = dir.resolve("offer-" + type + ".gguf");
            LlamaGguf.write(file, c, RandomWeights.create(c, 3), type);
            Optional<QuantFormat> format = switch (type) {
                case Q4_0 -> Optional.of(QuantFormat.Q4_0);
                case Q4_K -> Optional.of(QuantFormat.Q4_K);
                case Q6_K -> Optional.of(QuantFormat.Q6_K);
                default -> Optional.empty();
            };
            try (SourceWeights w = new SourceWeights(GgufFile.open(file))) {
                for (String name : new String[] {WeightNames.TOKEN_EMBD, WeightNames.attnQ(0), WeightNames.ffnDown(1),
                        WeightNames.OUTPUT}) {
                    assertThat(w.quantized(name).map(QuantBlocks::format)).as("%s %s", type, name).isEqualTo(format);
                }
                format.ifPresent(f -> assertThat(w.quantized(WeightNames.ffnDown(1)).orElseThrow().blocks().byteSize())
                        .isEqualTo(f.byteSize(c.dim(), c.hiddenDim())));
                assertThat(w.quantized(WeightNames.attnNorm(0))).as("%s norm", type).isEmpty();
                assertThat(w.quantized("no.such.tensor")).isEmpty();
            }
        }
    }

    /** Every tensor of the file, dequantised to fp32 (what the loader did before the in-place path). */
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

    private static float[] last(float[] logits, int vocab) {
        return java.util.Arrays.copyOfRange(logits, logits.length - vocab, logits.length);
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
        assertThat(maxDiff).as(what + " max |mapped - f32(dequantised)|").isLessThanOrEqualTo(1e-5f * maxAbs);
    }
}
