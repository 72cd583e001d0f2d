package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.studio.pipelines.OutputLink;
import dev.modelfactory.studio.pipelines.PipelineInfo;
import dev.modelfactory.studio.pipelines.RunDetail;
import dev.modelfactory.studio.pipelines.RunListener;
import dev.modelfactory.studio.pipelines.RunStatus;
import dev.modelfactory.studio.pipelines.StepRun;
import dev.modelfactory.studio.pipelines.StepStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's backend over the real service and a real workspace, on the tiny pipeline. */
class WorkspacePipelinesBackendTest {

    @TempDir
    Path dir;

    @Test
    void aRunWaitsAtTheApprovalThenApprovedRunsToTheEndAndARerunSkipsWhatDidNotChange() throws Exception {
        Path file = TinyPipeline.write(dir.resolve("p"));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = new PipelineService(ws)) {
            WorkspacePipelinesBackend backend = new WorkspacePipelinesBackend(service, "ada");
            PipelineInfo info = backend.add(file);
            assertThat(info.valid()).isTrue();
            assertThat(info.steps()).extracting(s -> s.id() + ":" + s.kind() + "<" + s.inputs())
                    .containsExactly("import:import<[]", "check:check<[import]", "freeze:freeze<[check]",
                            "approve:approve<[freeze]");
            assertThat(backend.pipelines()).extracting(PipelineInfo::name).containsExactly(TinyPipeline.NAME);

            Recorder news = new Recorder();
            RunDetail waiting = backend.start(TinyPipeline.NAME, news, CancellationToken.NONE);
            assertThat(waiting.status()).isEqualTo(RunStatus.WAITING);
            assertThat(waiting.steps()).extracting(StepRun::status).containsExactly(StepStatus.SUCCEEDED,
                    StepStatus.SUCCEEDED, StepStatus.SUCCEEDED, StepStatus.WAITING);
            assertThat(waiting.waitingApproval().orElseThrow().id()).isEqualTo("approve");
            assertThat(waiting.step("approve").orElseThrow().log()).contains("ship these rows?");
            StepRun freeze = waiting.step("freeze").orElseThrow();
            assertThat(freeze.inputHashes()).containsOnlyKeys("inputs");
            assertThat(freeze.outputHashes().get("version")).hasSize(64);
            assertThat(freeze.links()).singleElement().satisfies(l -> {
                assertThat(l.kind()).isEqualTo(OutputLink.Kind.DATASET);
                assertThat(l.ref()).isEqualTo("skills");
            });
            assertThat(news.updates).isNotEmpty().allSatisfy(d -> assertThat(d.id()).isEqualTo(waiting.id()));
            assertThat(news.updates.getFirst().steps()).extracting(StepRun::status).containsOnly(StepStatus.PENDING);
            assertThat(news.updates.getLast().status()).isEqualTo(RunStatus.WAITING);
            assertThat(news.updates.getLast().steps()).isEqualTo(waiting.steps());
            assertThat(news.lines).anySatisfy(l -> assertThat(l).startsWith("import: "));

            RunDetail done = backend.approve(waiting.id(), "approve", RunListener.NONE, CancellationToken.NONE);
            assertThat(done.status()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(done.step("approve").orElseThrow().log()).contains("approved by ada");
            assertThat(backend.runs(TinyPipeline.NAME)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED));

            RunDetail again = backend.start(TinyPipeline.NAME, RunListener.NONE, CancellationToken.NONE);
            assertThat(again.steps().subList(0, 3)).extracting(StepRun::status).containsOnly(StepStatus.SKIPPED);
            assertThat(backend.runs(TinyPipeline.NAME)).hasSize(2).first()
                    .satisfies(r -> assertThat(r.id()).isEqualTo(again.id()));
        }
    }

    @Test
    void aRejectionEndsTheRunRejectedWithTheReason() throws Exception {
        Path file = TinyPipeline.write(dir.resolve("p"));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = new PipelineService(ws)) {
            WorkspacePipelinesBackend backend = new WorkspacePipelinesBackend(service, "ada");
            backend.add(file);
            RunDetail waiting = backend.start(TinyPipeline.NAME, RunListener.NONE, CancellationToken.NONE);
            assertThatThrownBy(() -> backend.reject(waiting.id(), "freeze", "no")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("does not wait at step freeze");

            RunDetail rejected = backend.reject(waiting.id(), "approve", "wrong licence");
            assertThat(rejected.status()).isEqualTo(RunStatus.REJECTED);
            assertThat(rejected.reason()).contains("rejected by ada: wrong licence");
            StepRun approve = rejected.step("approve").orElseThrow();
            assertThat(approve.status()).isEqualTo(StepStatus.REJECTED);
            assertThat(approve.error()).contains("wrong licence");
            assertThat(backend.runs(TinyPipeline.NAME)).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RunStatus.REJECTED));
        }
    }

    @Test
    void anInvalidFileIsAddedWithItsProblemsByLineAndField() throws Exception {
        Path file = TinyPipeline.writeBroken(dir.resolve("p"));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = new PipelineService(ws)) {
            WorkspacePipelinesBackend backend = new WorkspacePipelinesBackend(service, "ada");
            PipelineInfo info = backend.add(file);
            assertThat(info.valid()).isFalse();
            assertThat(info.problems()).isNotEmpty().anySatisfy(p -> {
                assertThat(p.file()).isEqualTo("broken.yaml");
                assertThat(p.line()).isEqualTo(6);
                assertThat(p.text()).startsWith("broken.yaml:6: steps[1]");
            });
            assertThat(backend.pipelines()).singleElement().satisfies(p -> assertThat(p.valid()).isFalse());
            assertThatThrownBy(() -> backend.start("broken", RunListener.NONE, CancellationToken.NONE))
                    .hasMessageContaining("broken.yaml:6");
        }
    }

    /** Keeps what the backend reported. */
    private static final class Recorder implements RunListener {
        final List<RunDetail> updates = Collections.synchronizedList(new ArrayList<>());
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void updated(RunDetail run) {
            updates.add(run);
        }

        @Override
        public void logged(long runId, String stepId, String line) {
            lines.add(stepId + ": " + line);
        }
    }
}
