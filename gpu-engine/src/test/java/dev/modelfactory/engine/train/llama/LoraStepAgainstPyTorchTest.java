package dev.modelfactory.engine.train.llama;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainingBatch;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A whole training step against PyTorch autograd ({@link DjlTrainLlama}) on small random models, with a packed
 * batch (two samples in a row, a masked prompt, padding): the summed loss and every gradient, LoRA A and B of
 * every target of every layer, and under full fine-tuning every weight (embedding, norms, projections, output).
 *
 * <p>Tolerance: both sides compute in fp32 with different summation orders through two blocks; their
 * difference is of order 1e-6 of a tensor's scale. A tensor passes when its largest deviation is at most 1e-3
 * of its largest gradient (plus 1e-6): a wrong term or index is off by the size of the gradient itself.
 */
class LoraStepAgainstPyTorchTest {

    static java.util.stream.Stream<org.junit.jupiter.api.Named<LlamaConfig>> configs() {
        return TrainableLlamaTest.configs();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void loraStepMatchesPyTorch(LlamaConfig c) {
        InMemoryWeights w = RandomWeights.create(c, 7);
        LoraConfig lora = new LoraConfig(Set.of(LoraTarget.values()), 4, 8f, 0f, c.qkvBias());
        TrainingBatch batch = TrainBatches.packed(c.vocabSize());
        try (TrainableLlama t = TrainableLlama.builder(c, w).lora(lora).seed(9).threads(2).build();
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            TrainableLlamaTest.randomiseB(t.parameters(), 13);
            Map<String, float[]> adapters = new LinkedHashMap<>();
            for (Parameter p : t.parameters()) {
                adapters.put(p.name(), p.value().clone());
            }
            double loss = t.forwardBackward(batch, 0);
            DjlTrainLlama.Result torch = new DjlTrainLlama(m, c, w, lora, adapters).step(batch, false);
            assertThat(loss).isCloseTo(torch.loss(), org.assertj.core.data.Offset.offset(1e-4 * Math.abs(torch.loss())));
            assertThat(t.parameters()).hasSize(2 * 7 * c.layers());
            for (Parameter p : t.parameters()) {
                assertClose(p.name(), p.grad(), torch.grads().get(p.name()));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void fullFineTuningStepMatchesPyTorch(LlamaConfig c) {
        InMemoryWeights w = RandomWeights.create(c, 7);
        TrainingBatch batch = TrainBatches.packed(c.vocabSize());
        try (TrainableLlama t = TrainableLlama.builder(c, w).fullFineTuning().threads(2).build();
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            double loss = t.forwardBackward(batch, 0);
            DjlTrainLlama.Result torch = new DjlTrainLlama(m, c, w, null, Map.of()).step(batch, true);
            assertThat(loss).isCloseTo(torch.loss(), org.assertj.core.data.Offset.offset(1e-4 * Math.abs(torch.loss())));
            assertThat(t.parameters()).hasSize(w.names().size());
            for (Parameter p : t.parameters()) {
                assertClose(p.name(), p.grad(), torch.grads().get(p.name()));
            }
        }
    }

    private static void assertClose(String name, float[] ours, float[] torch) {
        assertThat(torch).as(name + " in PyTorch's gradients").isNotNull().hasSize(ours.length);
        double scale = 0;
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            scale = Math.max(scale, Math.abs(torch[i]));
            worst = Math.max(worst, Math.abs(ours[i] - torch[i]));
        }
        assertThat(scale).as(name + ": PyTorch's gradient is not all zero").isGreaterThan(1e-6);
        assertThat(worst).as(name + ": largest deviation from PyTorch (scale " + scale + ")")
                .isLessThanOrEqualTo(1e-3 * scale + 1e-6);
    }
}
