package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.data.TrainingExample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run stopped at any point and resumed from its checkpoint equals the run that never stopped. */
class TrainerResumeTest {

    private static final List<TrainingExample> TRAIN = TrainerFixtures.examples(24, 5);
    private static final List<TrainingExample> EVAL = TrainerFixtures.examples(6, 6);

    @TempDir
    Path dir;

    static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    private static Trainer.Builder trainer(BigramModel m, Path checkpoints, TrainingListener l) {
        return Trainer.builder().model(m).config(TrainerFixtures.config()).train(TRAIN).eval(EVAL)
                .checkpoints(checkpoints).listener(l);
    }

    private static BigramModel model() {
        return new BigramModel(TrainerFixtures.VOCAB, 99, 0.1);
    }

    @Test
    void crashAndResumeGivesTheSameLossesAndBitIdenticalParameters() throws Exception {
        int total = Trainer.totalSteps(TrainerFixtures.config(),
                new BatchStream(TRAIN, 2, 16, true, true, 1234, 0));
        assertThat(total).isGreaterThan(7);

        BigramModel straight = model();
        TrainingResult expected = trainer(straight, dir.resolve("a"), TrainingListener.NONE).build().run();
        assertThat(expected.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(expected.metrics().getLast().loss()).isLessThan(expected.metrics().getFirst().loss());

        Path b = dir.resolve("b");
        assertThatThrownBy(() -> trainer(model(), b, new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.step() == 7) {
                    throw new Crash();
                }
            }
        }).build().run()).isInstanceOf(Crash.class);
        // a save killed half-way leaves a temporary folder behind: it must not be taken for a checkpoint
        Path partial = Files.createDirectories(b.resolve(".tmp-checkpoint-00000009-killed"));
        Files.write(partial.resolve("trainable.safetensors"), new byte[] {1, 2, 3});

        List<Integer> resumedSteps = new ArrayList<>();
        BigramModel resumed = model();
        TrainingResult actual = trainer(resumed, b, new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                resumedSteps.add(m.step());
            }
        }).build().run();

        assertThat(resumedSteps.getFirst()).isEqualTo(7); // continued after the step-6 checkpoint
        assertThat(actual.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertSameRun(actual, expected);
        assertThat(resumed.w.value()).containsExactly(straight.w.value());
        assertThat(resumed.b.value()).containsExactly(straight.b.value());
        assertThat(partial).doesNotExist();
    }

    @Test
    void cancelCheckpointsAndResumeFinishesTheSame() throws Exception {
        BigramModel straight = model();
        TrainingResult expected = trainer(straight, dir.resolve("a"), TrainingListener.NONE).build().run();

        TrainingControl control = new TrainingControl();
        Path b = dir.resolve("b");
        TrainingResult cancelled = trainer(model(), b, new TrainingListener() {
            @Override
            public void onStep(StepMetrics m) {
                if (m.step() == 4) {
                    control.cancel();
                }
            }
        }).control(control).build().run();
        assertThat(cancelled.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
        assertThat(cancelled.steps()).isEqualTo(4);
        assertThat(cancelled.lastCheckpoint()).contains(b.resolve("checkpoint-00000004"));

        BigramModel resumed = model();
        TrainingResult actual = trainer(resumed, b, TrainingListener.NONE).build().run();
        assertSameRun(actual, expected);
        assertThat(resumed.w.value()).containsExactly(straight.w.value());
    }

    @Test
    void damagedNewestCheckpointFallsBackToTheOneBefore() throws IOException, InterruptedException {
        Path a = dir.resolve("a");
        trainer(model(), a, TrainingListener.NONE).build().run();
        CheckpointStore store = new CheckpointStore(a, 2);
        List<Path> all = store.list();
        assertThat(all).hasSize(2);
        Path newest = all.getFirst();
        byte[] bytes = Files.readAllBytes(newest.resolve("trainable.safetensors"));
        bytes[bytes.length - 1] ^= 1;
        Files.write(newest.resolve("trainable.safetensors"), bytes);
        assertThatThrownBy(() -> store.load(newest)).hasMessageContaining("sha256").hasMessageContaining(newest.toString());
        assertThat(store.latest()).get().extracting(c -> c.step()).isEqualTo(stepOf(all.get(1)));
    }

    @Test
    void resumingWithAnotherConfigIsRefused() throws InterruptedException {
        Path a = dir.resolve("a");
        trainer(model(), a, TrainingListener.NONE).build().run();
        TrainingConfig other = TrainerFixtures.config().toBuilder().learningRate(0.01).build();
        assertThatThrownBy(() -> Trainer.builder().model(model()).config(other).train(TRAIN).checkpoints(a).build().run())
                .hasMessageContaining("another config");
    }

    private static int stepOf(Path p) {
        return Integer.parseInt(p.getFileName().toString().substring("checkpoint-".length()));
    }

    private static void assertSameRun(TrainingResult actual, TrainingResult expected) {
        assertThat(actual.metrics()).hasSameSizeAs(expected.metrics());
        for (int i = 0; i < expected.metrics().size(); i++) {
            StepMetrics a = actual.metrics().get(i);
            StepMetrics e = expected.metrics().get(i);
            assertThat(a.step()).isEqualTo(e.step());
            assertThat(a.loss()).as("loss at step " + e.step()).isEqualTo(e.loss());
            assertThat(Double.valueOf(a.evalLoss())).as("eval loss at step " + e.step()).isEqualTo(Double.valueOf(e.evalLoss()));
            assertThat(a.lr()).isEqualTo(e.lr());
            assertThat(a.gradNorm()).isEqualTo(e.gradNorm());
            assertThat(a.epoch()).isEqualTo(e.epoch());
        }
    }
}
