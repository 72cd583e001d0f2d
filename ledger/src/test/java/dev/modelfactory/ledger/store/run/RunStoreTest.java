package dev.modelfactory.ledger.store.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunStoreTest {

    private static final String CONFIG = "{\"lr\":0.0002,\"rank\":8}";

    @TempDir
    Path dir;

    @Test
    void startStoresTheRunIdentityAsGiven() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            NewRun spec = spec("first");
            RunRecord r = runs.start(spec);
            assertThat(r.spec()).isEqualTo(spec);
            assertThat(r.outcome()).isEqualTo(RunOutcome.RUNNING);
            assertThat(r.endedAt()).isEmpty();
            assertThat(r.resumable()).isFalse();
            assertThat(runs.list()).containsExactly(r);
        }
    }

    @Test
    void aConfigHashThatIsNotTheJsonsHashIsRefused() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            NewRun wrong = new NewRun("r", "a".repeat(64), "ds", "b".repeat(64), CONFIG, "c".repeat(64), 1, "0.1", "cpu");
            assertThatThrownBy(() -> new RunStore(ws).start(wrong))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("configHash");
            assertThat(new RunStore(ws).list()).isEmpty();
        }
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> new NewRun("r", "XYZ", "ds", "b".repeat(64), CONFIG, RunStore.sha256(CONFIG), 1,
                "0.1", "cpu")).hasMessageContaining("baseModel");
        assertThatThrownBy(() -> MetricPoint.train(3, 0, 0, Double.NaN, 1e-4, 1, 1, 1))
                .hasMessageContaining("step 3");
    }

    @Test
    void trainAndEvalPointsOfOneStepMergeAndSurviveReopening() throws Exception {
        long id;
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            id = runs.start(spec("curves")).id();
            runs.record(id, List.of(MetricPoint.train(1, 0.1, 100, 2.5, 1e-4, 0.9, 1000, 1 << 20),
                    MetricPoint.train(2, 0.2, 200, 2.0, 2e-4, 0.8, 1100, 1 << 20)));
            runs.record(id, List.of(MetricPoint.eval(2, 0.2, 210, 2.2)));
        }
        try (Workspace ws = Workspace.open(dir)) {
            List<MetricPoint> points = new RunStore(ws).metrics(id, -1);
            assertThat(points).extracting(MetricPoint::step).containsExactly(1L, 2L);
            MetricPoint two = points.get(1);
            assertThat(two.trainLoss()).isEqualTo(OptionalDouble.of(2.0));
            assertThat(two.evalLoss()).isEqualTo(OptionalDouble.of(2.2));
            assertThat(two.learningRate()).isEqualTo(OptionalDouble.of(2e-4));
            assertThat(two.memoryBytes()).isEqualTo(OptionalLong.of(1 << 20));
            assertThat(two.elapsedMillis()).isEqualTo(210);
            assertThat(points.get(0).evalLoss()).isEmpty();
            assertThat(new RunStore(ws).metrics(id, 1)).extracting(MetricPoint::step).containsExactly(2L);
        }
    }

    @Test
    void aFinishedRunsCurvesAreFinal() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            long id = runs.start(spec("done")).id();
            RunRecord done = runs.finish(id, RunOutcome.COMPLETED, null, "d".repeat(64));
            assertThat(done.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(done.adapterHash()).contains("d".repeat(64));
            assertThat(done.endedAt()).isPresent();
            assertThatThrownBy(() -> runs.record(id, List.of(MetricPoint.eval(9, 1, 1, 1))))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("COMPLETED");
            assertThatThrownBy(() -> runs.finish(id, RunOutcome.FAILED, "x", null))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> runs.finish(id, RunOutcome.INTERRUPTED, "x", null))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRunLeftRunningByADeadProcessIsInterruptedAndResumesFromItsCheckpoint() throws Exception {
        long id;
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            id = runs.start(spec("crashy")).id();
            List<MetricPoint> points = new ArrayList<>();
            for (int step = 1; step <= 30; step++) {
                points.add(MetricPoint.train(step, step / 10.0, step * 10L, 3.0 - step * 0.01, 1e-4, 1, 1, 1));
            }
            runs.record(id, points);
            runs.checkpointed(id, "/ws/blobs/ckpt-20", 20);
            // no finish(): the process "dies" here
        }
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            assertThat(runs.recoverInterrupted()).isEqualTo(1);
            assertThat(runs.recoverInterrupted()).isZero();
            RunRecord interrupted = runs.get(id).orElseThrow();
            assertThat(interrupted.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
            assertThat(interrupted.resumable()).isTrue();
            assertThat(interrupted.checkpointStep()).isEqualTo(OptionalLong.of(20));

            RunRecord resumed = runs.resume(id);
            assertThat(resumed.outcome()).isEqualTo(RunOutcome.RUNNING);
            assertThat(resumed.endedAt()).isEmpty();
            assertThat(runs.metrics(id, -1)).hasSize(20).last().extracting(MetricPoint::step).isEqualTo(20L);
            assertThatThrownBy(() -> runs.resume(id)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("RUNNING");
        }
    }

    @Test
    void aRunWithoutCheckpointCannotBeResumed() throws Exception {
        try (Workspace ws = Workspace.open(dir)) {
            RunStore runs = new RunStore(ws);
            long id = runs.start(spec("early")).id();
            runs.finish(id, RunOutcome.FAILED, "loss became NaN at step 3", null);
            assertThatThrownBy(() -> runs.resume(id)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("no checkpoint");
            assertThatThrownBy(() -> runs.resume(999)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static NewRun spec(String name) {
        return new NewRun(name, "a".repeat(64), "support-chats", "b".repeat(64), CONFIG, RunStore.sha256(CONFIG),
                42, "0.1.0-SNAPSHOT", "cpu (2 threads)");
    }
}
