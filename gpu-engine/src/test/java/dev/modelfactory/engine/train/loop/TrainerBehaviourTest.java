package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.engine.train.Parameter;
import dev.modelfactory.engine.train.TrainableModel;
import dev.modelfactory.engine.train.TrainingBatch;
import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.TrainingExample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class TrainerBehaviourTest {

    private static final List<TrainingExample> TRAIN = TrainerFixtures.examples(24, 5);

    @TempDir
    Path dir;

    /** Returns NaN from its n-th forward/backward call on. */
    private static final class Poisoned implements TrainableModel {
        final BigramModel inner = new BigramModel(TrainerFixtures.VOCAB, 99, 0);
        final int from;
        int calls;

        Poisoned(int from) {
            this.from = from;
        }

        @Override
        public List<Parameter> parameters() {
            return inner.parameters();
        }

        @Override
        public double forwardBackward(TrainingBatch batch, long seed) {
            double l = inner.forwardBackward(batch, seed);
            return ++calls >= from ? Double.NaN : l;
        }

        @Override
        public double loss(TrainingBatch batch) {
            return inner.loss(batch);
        }
    }

    @Test
    void nanLossStopsWithAClearMessageAndKeepsTheLastGoodCheckpoint() throws InterruptedException {
        Poisoned m = new Poisoned(9); // 2 micro-batches a step: call 9 is in step 5
        TrainingResult r = Trainer.builder().model(m).config(TrainerFixtures.config()).train(TRAIN)
                .checkpoints(dir).build().run();
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FAILED);
        assertThat(r.steps()).isEqualTo(4);
        assertThat(r.message()).contains("step 5").contains("NaN").contains("checkpoint-00000003");
        assertThat(r.lastCheckpoint()).contains(dir.resolve("checkpoint-00000003"));
        assertThat(new CheckpointStore(dir, 2).latest()).get().extracting(c -> c.step()).isEqualTo(3);
    }

    @Test
    void explodingGradientStopsBeforeTheUpdate() throws InterruptedException {
        BigramModel m = new BigramModel(TrainerFixtures.VOCAB, 99, 0);
        float[] before = m.w.value().clone();
        TrainingResult r = Trainer.builder().model(m).config(TrainerFixtures.config().toBuilder()
                .explodeGradNorm(1e-6).build()).train(TRAIN).build().run();
        assertThat(r.outcome()).isEqualTo(TrainingResult.Outcome.FAILED);
        assertThat(r.message()).contains("step 1").contains("explode_grad_norm").contains("no checkpoint");
        assertThat(m.w.value()).containsExactly(before);
    }

    /** Two micro-batches of one row each make the same step as one batch of two rows: loss is per token. */
    @Test
    void gradientAccumulationNormalisesByTokens() throws InterruptedException {
        List<TrainingExample> eight = TrainerFixtures.examples(8, 11);
        TrainingConfig base = TrainerFixtures.config().toBuilder().packing(false).epochs(1).maxGradNorm(0)
                .checkpointEvery(0).build();
        BigramModel one = new BigramModel(TrainerFixtures.VOCAB, 99, 0);
        BigramModel accum = new BigramModel(TrainerFixtures.VOCAB, 99, 0);
        TrainingResult a = Trainer.builder().model(one).config(base.toBuilder().batchSize(2).gradAccum(1).build())
                .train(eight).build().run();
        TrainingResult b = Trainer.builder().model(accum).config(base.toBuilder().batchSize(1).gradAccum(2).build())
                .train(eight).build().run();
        assertThat(a.steps()).isEqualTo(4).isEqualTo(b.steps());
        for (int i = 0; i < 4; i++) {
            assertThat(b.metrics().get(i).loss()).isCloseTo(a.metrics().get(i).loss(), within(1e-12));
        }
        for (int i = 0; i < one.w.size(); i++) {
            assertThat(accum.w.value()[i]).isCloseTo(one.w.value()[i], within(1e-6f));
        }
    }

    @Test
    void evaluatesOnTheCadenceAndAtTheEnd() throws InterruptedException {
        List<StepMetrics> seen = new ArrayList<>();
        TrainingResult r = Trainer.builder().model(new BigramModel(TrainerFixtures.VOCAB, 99, 0))
                .config(TrainerFixtures.config()).train(TRAIN).eval(TrainerFixtures.examples(6, 6))
                .listener(new TrainingListener() {
                    @Override
                    public void onStep(StepMetrics m) {
                        seen.add(m);
                    }
                }).build().run();
        assertThat(seen).isEqualTo(r.metrics());
        for (StepMetrics m : seen) {
            boolean due = m.step() % 4 == 0 || m.step() == r.steps();
            assertThat(m.hasEvalLoss()).as("step " + m.step()).isEqualTo(due);
            assertThat(m.tokensPerSecond()).isPositive();
            assertThat(m.memoryBytes()).isPositive();
        }
        assertThat(seen.getLast().epoch()).isEqualTo(3.0);
    }

    @Test
    @Timeout(60)
    void pauseHoldsAtAStepBoundaryUntilResumed() throws Exception {
        TrainingControl control = new TrainingControl();
        AtomicInteger steps = new AtomicInteger();
        AtomicInteger pausedAt = new AtomicInteger(-1);
        TrainingResult[] result = new TrainingResult[1];
        Thread t = new Thread(() -> {
            try {
                result[0] = Trainer.builder().model(new BigramModel(TrainerFixtures.VOCAB, 99, 0))
                        .config(TrainerFixtures.config()).train(TRAIN).control(control)
                        .listener(new TrainingListener() {
                            @Override
                            public void onStep(StepMetrics m) {
                                steps.set(m.step());
                                if (m.step() == 2) {
                                    control.pause();
                                }
                            }

                            @Override
                            public void onPaused(int step) {
                                pausedAt.set(step);
                            }
                        }).build().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        control.awaitPaused();
        assertThat(steps.get()).isEqualTo(2);
        assertThat(pausedAt.get()).isEqualTo(2);
        control.resume();
        t.join();
        assertThat(result[0].outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(steps.get()).isEqualTo(result[0].steps());
    }
}
