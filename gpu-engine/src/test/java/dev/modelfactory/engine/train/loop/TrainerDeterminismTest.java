package dev.modelfactory.engine.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.modelfactory.engine.train.checkpoint.CheckpointStore;
import dev.modelfactory.engine.train.data.BatchStream;
import dev.modelfactory.engine.train.llama.TrainableLlama;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Training a real Llama through the engine's vector kernels is bitwise deterministic: the same config and seed
 * give the same per-step losses and adapter bytes in one JVM, after a stop and resume at or between
 * checkpoints, after a kill -9 of another JVM, and (same data, different pool) with 1 or 2 threads.
 * Every comparison is of bits, not within a tolerance.
 */
class TrainerDeterminismTest {

    /** The uninterrupted run: metrics and final adapter, computed once (the first run of this JVM, JIT cold). */
    private static TrainingResult straight;
    private static byte[] straightAdapter;
    private static int[][] straightParams;
    private static int total;

    @TempDir
    Path dir;

    @BeforeAll
    static void uninterrupted(@TempDir Path tmp) throws Exception {
        total = Trainer.totalSteps(LlamaRuns.config(), new BatchStream(LlamaRuns.TRAIN, 2, 16, true, true, 77, 0));
        try (TrainableLlama m = LlamaRuns.model(LlamaRuns.THREADS)) {
            straight = LlamaRuns.trainer(m, tmp.resolve("run")).build().run();
            straightAdapter = LlamaRuns.adapterBytes(m, tmp.resolve("adapter"));
            straightParams = LlamaRuns.parameterBits(m);
        }
        assertThat(straight.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
        assertThat(straight.metrics()).hasSize(total);
        assertThat(total).isGreaterThanOrEqualTo(10);
        assertThat(straight.metrics().getLast().loss()).isLessThan(straight.metrics().getFirst().loss());
    }

    @Test
    void twoUninterruptedRunsInOneJvmAreBitIdentical() throws Exception {
        for (int run = 0; run < 2; run++) { // the JIT has compiled more before each run
            try (TrainableLlama m = LlamaRuns.model(LlamaRuns.THREADS)) {
                TrainingResult again = LlamaRuns.trainer(m, dir.resolve("run" + run)).build().run();
                LlamaRuns.assertSameBits(again.metrics(), straight.metrics());
                assertThat(LlamaRuns.parameterBits(m)).isDeepEqualTo(straightParams);
                assertThat(LlamaRuns.adapterBytes(m, dir.resolve("adapter" + run))).isEqualTo(straightAdapter);
            }
        }
    }

    /** Ways a run stops before its end; the checkpoint it resumes from is {@code resumesAt}. */
    enum Stop {
        /** A crash just after the step-6 checkpoint was written. */
        CRASH_AT_CHECKPOINT(6, 6),
        /** A crash at step 8, two steps past the step-6 checkpoint: steps 7 and 8 are redone. */
        CRASH_BETWEEN_CHECKPOINTS(8, 6),
        /** A cancel at step 7: the trainer checkpoints step 7 on its way out. */
        CANCEL_BETWEEN_CHECKPOINTS(7, 7);

        final int at;
        final int resumesAt;

        Stop(int at, int resumesAt) {
            this.at = at;
            this.resumesAt = resumesAt;
        }
    }

    static final class Crash extends RuntimeException {
        Crash() {
            super("simulated crash");
        }
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    void stoppedAndResumedRunIsBitIdenticalToTheUninterruptedOne(Stop stop) throws Exception {
        Path checkpoints = dir.resolve("run");
        TrainingControl control = new TrainingControl();
        try (TrainableLlama m = LlamaRuns.model(LlamaRuns.THREADS)) {
            Trainer t = LlamaRuns.trainer(m, checkpoints).control(control).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    if (s.step() == stop.at && stop == Stop.CRASH_BETWEEN_CHECKPOINTS) {
                        throw new Crash();
                    }
                    if (s.step() == stop.at && stop == Stop.CANCEL_BETWEEN_CHECKPOINTS) {
                        control.cancel();
                    }
                }

                @Override
                public void onCheckpoint(int step, Path folder) {
                    if (step == stop.at && stop == Stop.CRASH_AT_CHECKPOINT) {
                        throw new Crash();
                    }
                }
            }).build();
            if (stop == Stop.CANCEL_BETWEEN_CHECKPOINTS) {
                TrainingResult cancelled = t.run();
                assertThat(cancelled.outcome()).isEqualTo(TrainingResult.Outcome.CANCELLED);
                assertThat(cancelled.steps()).isEqualTo(stop.at);
            } else {
                assertThatThrownBy(t::run).isInstanceOf(Crash.class);
            }
        }
        assertThat(new CheckpointStore(checkpoints, 2).latest()).get().extracting(c -> c.step())
                .isEqualTo(stop.resumesAt);

        List<Integer> resumedSteps = new ArrayList<>();
        try (TrainableLlama m = LlamaRuns.model(LlamaRuns.THREADS)) {
            TrainingResult resumed = LlamaRuns.trainer(m, checkpoints).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    resumedSteps.add(s.step());
                }
            }).build().run();
            assertThat(resumed.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
            assertThat(resumedSteps.getFirst()).isEqualTo(stop.resumesAt + 1);
            LlamaRuns.assertSameBits(resumed.metrics(), straight.metrics());
            assertThat(LlamaRuns.parameterBits(m)).isDeepEqualTo(straightParams);
            assertThat(LlamaRuns.adapterBytes(m, dir.resolve("adapter"))).isEqualTo(straightAdapter);
        }
    }

    @Test
    void killedJvmResumesFromItsLastCheckpointToTheSameBits() throws Exception {
        Path checkpoints = dir.resolve("run");
        Path log = dir.resolve("child.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--add-modules", "jdk.incubator.vector",
                "-cp", System.getProperty("java.class.path"), KilledTrainingMain.class.getName(),
                checkpoints.toString(), Integer.toString(total - 1))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            CheckpointStore store = new CheckpointStore(checkpoints, 2);
            // poll for the first finished checkpoint; the limit is only a guard against a hung child
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
            while (store.list().isEmpty()) {
                if (!child.isAlive()) {
                    fail("the child JVM exited with " + child.exitValue() + " before a checkpoint:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    fail("no checkpoint from the child JVM after 10 minutes:\n" + Files.readString(log));
                }
                Thread.sleep(20);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, a checkpoint write may be cut anywhere
            child.waitFor();
        }

        List<Integer> resumedSteps = new ArrayList<>();
        try (TrainableLlama m = LlamaRuns.model(LlamaRuns.THREADS)) {
            TrainingResult resumed = LlamaRuns.trainer(m, checkpoints).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    resumedSteps.add(s.step());
                }
            }).build().run();
            assertThat(resumed.outcome()).isEqualTo(TrainingResult.Outcome.COMPLETED);
            assertThat(resumedSteps).as("steps left after the kill").isNotEmpty().last().isEqualTo(total);
            assertThat(resumedSteps.getFirst()).as("resumed from a checkpoint, not from the start").isGreaterThan(1);
            LlamaRuns.assertSameBits(resumed.metrics(), straight.metrics());
            assertThat(LlamaRuns.adapterBytes(m, dir.resolve("adapter"))).isEqualTo(straightAdapter);
        }
    }

    @Test
    void oneThreadGivesTheSameBitsAsTwo() throws Exception {
        try (TrainableLlama m = LlamaRuns.model(1)) {
            TrainingResult single = LlamaRuns.trainer(m, dir.resolve("run")).build().run();
            LlamaRuns.assertSameBits(single.metrics(), straight.metrics());
            assertThat(LlamaRuns.adapterBytes(m, dir.resolve("adapter"))).isEqualTo(straightAdapter);
        }
    }

    @Test
    void fullFineTuningIsBitIdenticalAcrossRunsThreadCountsAndAResume() throws Exception {
        TrainingResult expected;
        int[][] expectedParams;
        try (TrainableLlama m = LlamaRuns.fullModel(2)) {
            expected = LlamaRuns.trainer(m, dir.resolve("a")).build().run();
            expectedParams = LlamaRuns.parameterBits(m);
        }
        assertThat(expected.metrics().getLast().loss()).isLessThan(expected.metrics().getFirst().loss());
        try (TrainableLlama m = LlamaRuns.fullModel(1)) {
            LlamaRuns.assertSameBits(LlamaRuns.trainer(m, dir.resolve("b")).build().run().metrics(), expected.metrics());
            assertThat(LlamaRuns.parameterBits(m)).isDeepEqualTo(expectedParams);
        }
        Path c = dir.resolve("c");
        try (TrainableLlama m = LlamaRuns.fullModel(2)) {
            assertThatThrownBy(LlamaRuns.trainer(m, c).listener(new TrainingListener() {
                @Override
                public void onStep(StepMetrics s) {
                    if (s.step() == 5) {
                        throw new Crash();
                    }
                }
            }).build()::run).isInstanceOf(Crash.class);
        }
        try (TrainableLlama m = LlamaRuns.fullModel(2)) {
            LlamaRuns.assertSameBits(LlamaRuns.trainer(m, c).build().run().metrics(), expected.metrics());
            assertThat(LlamaRuns.parameterBits(m)).isDeepEqualTo(expectedParams);
        }
    }
}
