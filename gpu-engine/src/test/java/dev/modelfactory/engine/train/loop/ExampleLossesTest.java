package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.TrainingExample;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Per-example losses from the per-token losses of the step: they add up to the batch loss (packed and
 * unpacked), each lands on the right example (its loss equals that example's loss alone in a batch of its
 * own), and asking for them leaves training bit-identical.
 */
class ExampleLossesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void perExampleSumsAddUpToTheBatchLossAndLandOnTheirExamples(boolean packing) {
        List<TrainingExample> examples = LlamaRuns.TRAIN;
        BatchStream stream = new BatchStream(examples, 3, 16, packing, true, 9, 0);
        try (TrainableLlama model = LlamaRuns.model(2)) {
            Set<Integer> seen = new HashSet<>();
            for (int b = stream.batchesInEpoch(0); b > 0; b--) {
                TrainingBatch batch = stream.next();
                int[][] rows = stream.lastRows();
                double[] tokenLosses = new double[batch.batch() * batch.seqLen()];
                double sum = model.loss(batch, tokenLosses);
                assertThat(Double.doubleToLongBits(sum)).isEqualTo(Double.doubleToLongBits(model.loss(batch)));
                ExampleLosses.Builder builder = new ExampleLosses.Builder();
                builder.add(batch, rows, tokenLosses);
                ExampleLosses losses = builder.build();

                List<Integer> expectedExamples = new ArrayList<>();
                for (int[] row : rows) {
                    for (int e : row) {
                        expectedExamples.add(e);
                    }
                }
                assertThat(losses.examples()).containsExactly(expectedExamples.stream().mapToInt(Integer::intValue).toArray());
                if (!packing) {
                    for (int[] r : rows) {
                        assertThat(r).hasSize(1);
                    }
                }
                double total = 0;
                long tokens = 0;
                for (int i = 0; i < losses.size(); i++) {
                    TrainingExample e = examples.get(losses.example(i));
                    assertThat(losses.lossTokens(i)).isEqualTo(e.lossTokens());
                    double alone = model.loss(alone(e));
                    assertThat(losses.lossSum(i)).as("example %d", losses.example(i))
                            .isCloseTo(alone, within(1e-4 * Math.max(1, alone)));
                    assertThat(seen.add(losses.example(i))).as("each example once per epoch").isTrue();
                    total += losses.lossSum(i);
                    tokens += losses.lossTokens(i);
                }
                assertThat(total).isCloseTo(sum, within(1e-9 * Math.max(1, sum)));
                assertThat(tokens).isEqualTo(batch.lossTokens());
            }
            assertThat(seen).hasSize(examples.size());
        }
    }

    @Test
    void askingForExampleLossesLeavesTrainingBitIdenticalAndCoversEveryStep() throws Exception {
        TrainingResult plain;
        int[][] plainParams;
        try (TrainableLlama m = LlamaRuns.model(2)) {
            plain = LlamaRuns.trainer(m, dir.resolve("plain")).build().run();
            plainParams = LlamaRuns.parameterBits(m);
        }
        List<ExampleLosses> trains = new ArrayList<>();
        List<Integer> evalSteps = new ArrayList<>();
        List<ExampleLosses> evals = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public boolean wantsExampleLosses() {
                return true;
            }

            @Override
            public void onExampleLosses(int step, ExampleLosses train, ExampleLosses eval) {
                assertThat(step).isEqualTo(trains.size() + 1);
                trains.add(train);
                if (eval != null) {
                    evalSteps.add(step);
                    evals.add(eval);
                }
            }
        };
        TrainingResult tracked;
        try (TrainableLlama m = LlamaRuns.model(2)) {
            tracked = LlamaRuns.trainer(m, dir.resolve("tracked")).listener(listener).build().run();
            assertThat(LlamaRuns.parameterBits(m)).isDeepEqualTo(plainParams);
        }
        LlamaRuns.assertSameBits(tracked.metrics(), plain.metrics());
        assertThat(trains).hasSize(tracked.metrics().size());
        for (int i = 0; i < trains.size(); i++) {
            StepMetrics m = tracked.metrics().get(i);
            assertThat(mean(trains.get(i))).isCloseTo(m.loss(), within(1e-9));
        }
        List<Integer> expectedEvalSteps = tracked.metrics().stream().filter(StepMetrics::hasEvalLoss)
                .map(StepMetrics::step).toList();
        assertThat(evalSteps).isEqualTo(expectedEvalSteps).isNotEmpty();
        for (int i = 0; i < evals.size(); i++) {
            ExampleLosses e = evals.get(i);
            assertThat(e.size()).isEqualTo(LlamaRuns.EVAL.size());
            assertThat(mean(e)).isCloseTo(tracked.metrics().get(evalSteps.get(i) - 1).evalLoss(), within(1e-9));
        }
    }

    private static double mean(ExampleLosses l) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < l.size(); i++) {
            sum += l.lossSum(i);
            n += l.lossTokens(i);
        }
        return sum / n;
    }

    /** One example alone in a one-row batch, as the stream lays it out. */
    private static TrainingBatch alone(TrainingExample e) {
        BatchStream s = new BatchStream(List.of(e), 1, 16, false, false, 0, 0);
        return s.next();
    }
}
