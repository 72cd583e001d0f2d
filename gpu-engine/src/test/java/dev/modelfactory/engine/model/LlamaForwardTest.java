package dev.modelfactory.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.Tolerance;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The forward pass of small random Llamas on every available backend against {@link DjlLlama} (PyTorch),
 * and KV-cached decoding against the full-sequence forward.
 */
class LlamaForwardTest {

    private static final int[] PROMPT = {1, 17, 42, 96, 3, 3, 58, 0, 77, 12, 64};
    private static final Tolerance VS_TORCH = new Tolerance(1e-4, 1e-4);
    private static final List<Backend> BACKENDS = Backends.available().stream().map(e -> e.provider().create()).toList();

    @AfterAll
    static void closeAll() {
        BACKENDS.forEach(Backend::close);
    }

    static Stream<Named<LlamaConfig>> configs() {
        LlamaConfig.Builder base = LlamaConfig.builder().dim(64).hiddenDim(96).layers(2).heads(4).kvHeads(2)
                .vocabSize(97).maxSeqLen(32);
        return Stream.of(
                Named.of("llama2 rotate-half untied", base.build()),
                Named.of("qwen2 qkv-bias tied", base.qkvBias(true).tiedOutput(true).ropeTheta(1e6f).rmsEps(1e-6f).build()),
                Named.of("gguf interleaved, tied", base.qkvBias(false).ropeStyle(RopeStyle.INTERLEAVED).build()),
                Named.of("llama3 rope scaling, MHA", base.ropeStyle(RopeStyle.ROTATE_HALF).tiedOutput(false).kvHeads(4)
                        .ropeTheta(500000f).ropeScaling(new RopeScaling(8f, 1f, 4f, 16)).build()),
                Named.of("MQA odd ffn", base.ropeScaling(null).heads(8).kvHeads(1).hiddenDim(77).build()));
    }

    static Stream<Arguments> cases() {
        return configs().flatMap(c -> BACKENDS.stream().map(b -> Arguments.of(c, Named.of(b.name(), b))));
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} on {1}")
    @MethodSource("cases")
    void matchesPyTorch(LlamaConfig config, Backend backend) {
        InMemoryWeights weights = RandomWeights.create(config, 42);
        float[] expected = DjlLlama.logits(config, weights, PROMPT);
        try (LlamaModel model = LlamaModel.load(config, weights, backend); LlamaSession s = model.newSession()) {
            float[] actual = s.appendAll(PROMPT);
            VS_TORCH.check(backend.name() + " logits vs PyTorch", expected, actual);
            assertThat(s.position()).isEqualTo(PROMPT.length);
        }
    }

    @ParameterizedTest(autoCloseArguments = false, name = "{0} on {1}")
    @MethodSource("cases")
    void cachedDecodeMatchesFullForward(LlamaConfig config, Backend backend) {
        InMemoryWeights weights = RandomWeights.create(config, 7);
        try (LlamaModel model = LlamaModel.load(config, weights, backend)) {
            float[] full;
            try (LlamaSession s = model.newSession()) {
                full = s.appendAll(PROMPT);
            }
            int v = config.vocabSize();
            try (LlamaSession s = model.newSession(16)) {
                float[] prefill = s.append(Arrays.copyOf(PROMPT, 4));
                Tolerance.F32.check("prefill last row", Arrays.copyOfRange(full, 3 * v, 4 * v), prefill);
                for (int i = 4; i < PROMPT.length; i++) {
                    float[] step = s.append(PROMPT[i]);
                    new Tolerance(1e-5, 1e-5).check("decode step " + i, Arrays.copyOfRange(full, i * v, (i + 1) * v), step);
                }
            }
        }
    }

    @Test
    void theReferenceTellsRopeStylesAndScalingApart() {
        // Guards the comparison above: a wrong pairing or missing scaling must not pass the tolerance.
        LlamaConfig half = LlamaConfig.builder().build();
        LlamaConfig pairs = LlamaConfig.builder().ropeStyle(RopeStyle.INTERLEAVED).build();
        LlamaConfig scaled = LlamaConfig.builder().ropeTheta(500000f).ropeScaling(new RopeScaling(8f, 1f, 4f, 16)).build();
        LlamaConfig unscaled = LlamaConfig.builder().ropeTheta(500000f).build();
        InMemoryWeights w = RandomWeights.create(half, 5);
        assertThat(maxDiff(DjlLlama.logits(half, w, PROMPT), DjlLlama.logits(pairs, w, PROMPT))).isGreaterThan(1e-2);
        assertThat(maxDiff(DjlLlama.logits(scaled, w, PROMPT), DjlLlama.logits(unscaled, w, PROMPT))).isGreaterThan(1e-2);
    }

    private static double maxDiff(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    @Test
    void refusesMissingOrMisshapenWeights() {
        LlamaConfig c = LlamaConfig.builder().build();
        Backend be = BACKENDS.getFirst();
        InMemoryWeights w = RandomWeights.create(c, 1).remove(WeightNames.ffnUp(1));
        assertThatThrownBy(() -> LlamaModel.load(c, w, be)).hasMessageContaining("blk.1.ffn_up.weight");
        InMemoryWeights bad = RandomWeights.create(c, 1).put(WeightNames.attnK(0), new float[64 * 63], 63, 64);
        assertThatThrownBy(() -> LlamaModel.load(c, bad, be)).hasMessageContaining("[63, 64]")
                .hasMessageContaining("[64, 64]");
        assertThatThrownBy(() -> LlamaConfig.builder().heads(3).kvHeads(2).build())
                .hasMessageContaining("multiple of kv heads");
    }

    @Test
    void contextOverflowIsRefused() {
        LlamaConfig c = LlamaConfig.builder().maxSeqLen(8).build();
        try (LlamaModel model = LlamaModel.load(c, RandomWeights.create(c, 3), BACKENDS.getFirst());
                LlamaSession s = model.newSession()) {
            s.append(1, 2, 3, 4, 5, 6);
            assertThatThrownBy(() -> s.append(1, 2, 3)).hasMessageContaining("context of 8");
        }
    }
}
