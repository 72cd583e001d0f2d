package dev.modelfactory.engine.train.llama;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.backend.RopeScaling;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.backend.reference.RefBackend;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.LlamaModel;
import dev.modelfactory.engine.model.LlamaSession;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.model.WeightNames;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The trainable model's forward against the inference model, its parameter naming, and its step contract. */
class TrainableLlamaTest {

    static Stream<Named<LlamaConfig>> configs() {
        LlamaConfig.Builder base = LlamaConfig.builder().dim(24).hiddenDim(37).layers(2).heads(3).kvHeads(1)
                .vocabSize(29).maxSeqLen(16);
        return Stream.of(
                Named.of("rotate-half, untied, GQA 3/1", base.build()),
                Named.of("interleaved, qkv bias, tied, llama3 scaling, MHA", base.ropeStyle(RopeStyle.INTERLEAVED)
                        .qkvBias(true).tiedOutput(true).kvHeads(3).ropeScaling(new RopeScaling(8f, 1f, 4f, 4))
                        .build()));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void forwardEqualsTheInferenceModelOnTheReferenceBackend(LlamaConfig c) {
        InMemoryWeights w = RandomWeights.create(c, 3);
        int[] tokens = {1, 17, 4, 28, 0, 9, 9, 13, 2};
        float[] expected;
        try (LlamaModel model = LlamaModel.load(c, w, new RefBackend()); LlamaSession s = model.newSession()) {
            expected = s.appendAll(tokens);
        }
        try (TrainableLlama t = TrainableLlama.builder(c, w).fullFineTuning().threads(2).build()) {
            float[] actual = t.logits(TrainBatches.single(tokens));
            assertThat(actual).hasSize(expected.length);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("logit %d", i).isCloseTo(expected[i],
                        org.assertj.core.data.Offset.offset(1e-4f + 1e-4f * Math.abs(expected[i])));
            }
        }
    }

    @Test
    void loraParametersCarryPeftKeysAndStartAsTheBase() {
        LlamaConfig c = configs().findFirst().orElseThrow().getPayload();
        InMemoryWeights w = RandomWeights.create(c, 3);
        LoraConfig lora = new LoraConfig(EnumSet.of(LoraTarget.Q, LoraTarget.DOWN), 4, 8f, 0f, false);
        try (TrainableLlama t = TrainableLlama.builder(c, w).lora(lora).seed(5).threads(1).build();
                TrainableLlama full = TrainableLlama.builder(c, w).fullFineTuning().threads(1).build()) {
            List<String> names = t.parameters().stream().map(Parameter::name).toList();
            assertThat(names).containsExactly(
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight",
                    "base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight",
                    "base_model.model.model.layers.0.mlp.down_proj.lora_A.weight",
                    "base_model.model.model.layers.0.mlp.down_proj.lora_B.weight",
                    "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight",
                    "base_model.model.model.layers.1.self_attn.q_proj.lora_B.weight",
                    "base_model.model.model.layers.1.mlp.down_proj.lora_A.weight",
                    "base_model.model.model.layers.1.mlp.down_proj.lora_B.weight");
            Parameter a = t.parameters().get(2);
            assertThat(a.shape()).containsExactly(4, c.hiddenDim());
            float bound = (float) (1 / Math.sqrt(c.hiddenDim()));
            for (float v : a.value()) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(bound);
            }
            assertThat(t.parameters().get(3).shape()).containsExactly(c.dim(), 4);
            assertThat(t.parameters().get(3).value()).containsOnly(0f);
            // B = 0: the adapted model is the base model.
            TrainingBatch batch = TrainBatches.packed(c.vocabSize());
            assertThat(t.loss(batch)).isEqualTo(full.loss(batch));
            // Full fine-tuning names every weight by its GGUF name, in WeightNames order.
            assertThat(full.parameters().stream().map(Parameter::name).toList()).startsWith(WeightNames.TOKEN_EMBD,
                    WeightNames.attnNorm(0), WeightNames.attnQ(0)).endsWith(WeightNames.OUTPUT_NORM, WeightNames.OUTPUT)
                    .containsExactlyInAnyOrderElementsOf(w.names());
            // A LoRA step leaves the base untouched.
            t.forwardBackward(batch, 1);
            InMemoryWeights base = t.weights();
            for (String name : w.names()) {
                assertThat(base.floats(name)).as(name).containsExactly(w.floats(name));
            }
        }
    }

    @Test
    void gradientsAreAddedAndDropoutFollowsTheSeedOnly() {
        LlamaConfig c = configs().findFirst().orElseThrow().getPayload();
        InMemoryWeights w = RandomWeights.create(c, 3);
        LoraConfig lora = new LoraConfig(Set.of(LoraTarget.values()), 3, 6f, 0.3f, true);
        TrainingBatch batch = TrainBatches.packed(c.vocabSize());
        try (TrainableLlama t = TrainableLlama.builder(c, w).lora(lora).seed(5).threads(2).build();
                TrainableLlama u = TrainableLlama.builder(c, w).lora(lora).seed(5).threads(1).build()) {
            randomiseB(t.parameters(), 11);
            randomiseB(u.parameters(), 11);
            double first = t.forwardBackward(batch, 42);
            float[] once = t.parameters().get(0).grad().clone();
            assertThat(t.forwardBackward(batch, 42)).isEqualTo(first);
            float[] twice = t.parameters().get(0).grad();
            for (int i = 0; i < once.length; i++) {
                assertThat(twice[i]).isCloseTo(2 * once[i], org.assertj.core.data.Offset.offset(1e-6f));
            }
            // Another model, another thread count, same seed: the same masks.
            assertThat(u.forwardBackward(batch, 42)).isCloseTo(first, org.assertj.core.data.Offset.offset(1e-4));
            assertThat(u.forwardBackward(batch, 43)).isNotCloseTo(first, org.assertj.core.data.Offset.offset(1e-4));
            // Evaluation has no dropout.
            assertThat(t.loss(batch)).isNotCloseTo(first, org.assertj.core.data.Offset.offset(1e-4));
        }
    }

    @Test
    void aSegmentNeverSeesAnother() {
        LlamaConfig c = configs().findFirst().orElseThrow().getPayload();
        InMemoryWeights w = RandomWeights.create(c, 3);
        TrainingBatch a = TrainBatches.packed(c.vocabSize());
        // Loss only on row 0's segment 1 (tokens 4..6); then change segment 0's tokens.
        int[] targets = a.targets().clone();
        for (int i = 0; i < targets.length; i++) {
            if (i < 4 || i > 6) {
                targets[i] = TrainingBatch.IGNORE;
            }
        }
        int[] tokens = a.tokens().clone();
        tokens[0] = (tokens[0] + 1) % c.vocabSize();
        tokens[2] = (tokens[2] + 5) % c.vocabSize();
        TrainingBatch one = new TrainingBatch(2, 7, a.tokens(), targets, a.positions(), a.segments());
        TrainingBatch two = new TrainingBatch(2, 7, tokens, targets, a.positions(), a.segments());
        try (TrainableLlama t = TrainableLlama.builder(c, w).fullFineTuning().threads(2).build()) {
            double l1 = t.forwardBackward(one, 0);
            float[] attnNormGrad = t.parameters().get(1).grad().clone();
            t.parameters().forEach(Parameter::zeroGrad);
            double l2 = t.forwardBackward(two, 0);
            assertThat(l2).isEqualTo(l1);
            assertThat(t.parameters().get(1).grad()).containsExactly(attnNormGrad);
            // Embedding rows of tokens only segment 0 holds get no gradient.
            float[] embGrad = t.parameters().get(0).grad();
            for (int i = 0; i < 3; i++) {
                int token = tokens[i];
                boolean elsewhere = false;
                for (int j = 3; j < 7; j++) {
                    elsewhere |= tokens[j] == token;
                }
                if (!elsewhere) {
                    for (int d = 0; d < c.dim(); d++) {
                        assertThat(embGrad[token * c.dim() + d]).isZero();
                    }
                }
            }
        }
    }

    @Test
    void badInputIsRefused() {
        LlamaConfig c = configs().findFirst().orElseThrow().getPayload();
        InMemoryWeights w = RandomWeights.create(c, 3);
        assertThatThrownBy(() -> TrainableLlama.builder(c, w.remove(WeightNames.attnQ(1))).fullFineTuning().build())
                .hasMessageContaining("blk.1.attn_q.weight");
        InMemoryWeights ok = RandomWeights.create(c, 3);
        try (TrainableLlama t = TrainableLlama.builder(c, ok).fullFineTuning().threads(1).build()) {
            assertThatThrownBy(() -> t.loss(TrainBatches.single(1, 2, c.vocabSize())))
                    .hasMessageContaining("outside the vocabulary");
        }
    }

    static void randomiseB(List<Parameter> params, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        for (Parameter p : params) {
            if (p.name().endsWith("lora_B.weight")) {
                float[] v = p.value();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) ((r.nextDouble() * 2 - 1) * 0.2);
                }
            }
        }
    }
}
