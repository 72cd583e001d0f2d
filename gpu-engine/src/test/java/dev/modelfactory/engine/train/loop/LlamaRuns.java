package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.model.InMemoryWeights;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.model.RandomWeights;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import dev.modelfactory.engine.train.optim.ScheduleKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

/**
 * A small real Llama trained by the {@link Trainer} through the engine's vector kernels (LoRA on q, v and down
 * with dropout, GQA, packing, gradient accumulation, clipping, eval): the run the determinism tests repeat,
 * stop and resume. Shapes leave scalar tails everywhere (hidden 44, vocab 12 with 8-lane vectors).
 */
final class LlamaRuns {

    static final LlamaConfig MODEL = LlamaConfig.builder().dim(32).hiddenDim(44).layers(2).heads(4).kvHeads(2)
            .vocabSize(TrainerFixtures.VOCAB).maxSeqLen(16).build();
    static final LoraConfig LORA = new LoraConfig(EnumSet.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 4, 8f,
            0.1f, false);
    static final List<TrainingExample> TRAIN = TrainerFixtures.examples(40, 5);
    static final List<TrainingExample> EVAL = TrainerFixtures.examples(6, 6);
    static final int THREADS = 2;
    private static final InMemoryWeights BASE = RandomWeights.create(MODEL, 11);

    private LlamaRuns() {
    }

    static TrainingConfig config() {
        return TrainingConfig.builder().learningRate(0.02).schedule(ScheduleKind.COSINE).warmupSteps(2).epochs(3)
                .batchSize(2).gradAccum(2).seqLen(16).packing(true).seed(77).weightDecay(0.01).maxGradNorm(0.5)
                .evalEvery(4).checkpointEvery(3).keepCheckpoints(2).lora(LORA).build();
    }

    static TrainableLlama model(int threads) {
        return TrainableLlama.builder(MODEL, BASE).lora(LORA).seed(3).threads(threads).build();
    }

    /** The same base under full fine-tuning (every weight trainable, as the starter model is trained). */
    static TrainableLlama fullModel(int threads) {
        return TrainableLlama.builder(MODEL, BASE).fullFineTuning().threads(threads).build();
    }

    static Trainer.Builder trainer(TrainableLlama model, Path checkpoints) {
        return Trainer.builder().model(model).config(config()).train(TRAIN).eval(EVAL).checkpoints(checkpoints);
    }

    /** The bytes of the PEFT adapter file the model's LoRA parameters save to. */
    static byte[] adapterBytes(TrainableLlama model, Path folder) throws IOException {
        PeftAdapter.fromParameters(LORA, "determinism-test-base", model.parameters(), MODEL).save(folder);
        return Files.readAllBytes(folder.resolve("adapter_model.safetensors"));
    }

    /** Every parameter's values as raw float bits, in parameter order. */
    static int[][] parameterBits(TrainableLlama model) {
        List<Parameter> ps = model.parameters();
        int[][] bits = new int[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            float[] v = ps.get(i).value();
            bits[i] = new int[v.length];
            for (int j = 0; j < v.length; j++) {
                bits[i][j] = Float.floatToRawIntBits(v[j]);
            }
        }
        return bits;
    }

    /** Same steps with the same loss, eval loss, learning rate, gradient norm and epoch, compared as bits. */
    static void assertSameBits(List<StepMetrics> actual, List<StepMetrics> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            StepMetrics a = actual.get(i);
            StepMetrics e = expected.get(i);
            assertThat(a.step()).isEqualTo(e.step());
            assertThat(Double.doubleToLongBits(a.loss())).as("loss bits at step %d (%s vs %s)", e.step(), a.loss(),
                    e.loss()).isEqualTo(Double.doubleToLongBits(e.loss()));
            assertThat(Double.doubleToLongBits(a.evalLoss())).as("eval loss bits at step %d (%s vs %s)", e.step(),
                    a.evalLoss(), e.evalLoss()).isEqualTo(Double.doubleToLongBits(e.evalLoss()));
            assertThat(Double.doubleToLongBits(a.gradNorm())).as("grad norm bits at step %d (%s vs %s)", e.step(),
                    a.gradNorm(), e.gradNorm()).isEqualTo(Double.doubleToLongBits(e.gradNorm()));
            assertThat(Double.doubleToLongBits(a.lr())).as("lr at step %d", e.step())
                    .isEqualTo(Double.doubleToLongBits(e.lr()));
            assertThat(a.epoch()).as("epoch at step %d", e.step()).isEqualTo(e.epoch());
        }
    }
}
