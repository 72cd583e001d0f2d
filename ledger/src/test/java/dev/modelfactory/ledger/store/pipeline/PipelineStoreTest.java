package dev.modelfactory.ledger.store.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs and steps round-trip through the store; decisions and recovery follow the run's life. */
class PipelineStoreTest {

    @TempDir
    Path dir;

    private static NewPipelineRun newRun() {
        return new NewPipelineRun("p", "/x/p.yaml", "name: p\n", RunTrigger.MANUAL, List.of(
                new NewPipelineRun.StepName("data", "import"), new NewPipelineRun.StepName("ok", "approve")));
    }

    @Test
    void stepsRoundTripWithOutputsLogsAndReuse() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            PipelineStore store = new PipelineStore(ws);
            PipelineRunRecord run = store.start(newRun());
            assertThat(run.status()).isEqualTo(PipelineRunStatus.RUNNING);
            assertThat(run.pipelineHash()).isEqualTo(PipelineStore.sha256("name: p\n"));
            String h = PipelineStore.sha256("inputs");
            store.stepStarted(run.id(), 0, h, "{\"x\":1}");
            store.appendLog(run.id(), 0, "one");
            store.appendLog(run.id(), 0, "two");
            OutputRef out = new OutputRef("dataset", OutputKind.DATASET, "d", PipelineStore.sha256("d"), null);
            store.stepEnded(run.id(), 0, StepStatus.SUCCEEDED, List.of(out), "fine", null);
            StepRecord s = store.steps(run.id()).getFirst();
            assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(s.outputs()).containsExactly(new OutputRef("dataset", OutputKind.DATASET, "d",
                    PipelineStore.sha256("d"), "d"));
            assertThat(s.log()).isEqualTo("one\ntwo\n");
            assertThat(s.duration()).isPresent();
            assertThat(store.reusable("p", "data", h)).extracting(StepRecord::runId).containsExactly(run.id());
            assertThat(store.reusable("p", "data", PipelineStore.sha256("other"))).isEmpty();
            assertThat(store.reusable("q", "data", h)).isEmpty();
        }
    }

    @Test
    void aDecisionNeedsAWaitingRunAndRecoveryInterruptsRunningRuns() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            PipelineStore store = new PipelineStore(ws);
            long id = store.start(newRun()).id();
            Decision d = new Decision(true, "ada", "ok", Instant.parse("2026-11-25T12:00:00Z"));
            assertThatThrownBy(() -> store.decide(id, 1, d)).isInstanceOf(IllegalStateException.class);
            store.stepStarted(id, 1, PipelineStore.sha256("a"), "{}");
            store.stepEnded(id, 1, StepStatus.WAITING, List.of(), "approve?", null);
            store.setRunStatus(id, PipelineRunStatus.WAITING, "waits");
            store.decide(id, 1, d);
            assertThat(store.steps(id).get(1).decision()).contains(d);
            assertThat(store.run(id).orElseThrow().endedAt()).isPresent();

            long other = store.start(newRun()).id();
            store.stepStarted(other, 0, PipelineStore.sha256("b"), "{}");
            assertThat(store.recoverInterrupted()).isEqualTo(1);
            assertThat(store.run(other).orElseThrow().status()).isEqualTo(PipelineRunStatus.INTERRUPTED);
            assertThat(store.steps(other).getFirst().status()).isEqualTo(StepStatus.CANCELLED);
            assertThat(store.run(id).orElseThrow().status()).isEqualTo(PipelineRunStatus.WAITING);
            assertThat(store.runs(null)).extracting(PipelineRunRecord::id).containsExactly(other, id);
        }
    }
}
