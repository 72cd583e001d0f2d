package dev.modelfactory.app.pipelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.app.pipelines.steps.Hashes;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.ledger.log.LedgerLog;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.eval.EvalStore;
import dev.modelfactory.ledger.store.log.LogStore;
import dev.modelfactory.ledger.store.pipeline.OutputKind;
import dev.modelfactory.ledger.store.pipeline.OutputRef;
import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.PipelineRunStatus;
import dev.modelfactory.ledger.store.pipeline.RunTrigger;
import dev.modelfactory.ledger.store.pipeline.StepRecord;
import dev.modelfactory.ledger.store.pipeline.StepStatus;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs real pipelines over the tiny model and data made by {@link PipelineFixture}: end to end with an
 * approval, re-runs that skip exactly the steps whose inputs did not change, a failing gate, resume after a
 * failure, and cancel.
 */
class PipelineRunTest {

    @TempDir
    Path dir;

    private static Map<String, StepStatus> statuses(List<StepRecord> steps) {
        return steps.stream().collect(Collectors.toMap(StepRecord::name, StepRecord::status, (a, b) -> a,
                java.util.LinkedHashMap::new));
    }

    private static OutputRef output(List<StepRecord> steps, String step, String name) {
        return steps.stream().filter(s -> s.name().equals(step)).findFirst().orElseThrow().output(name).orElseThrow();
    }

    @Test
    void runsEndToEndWaitsForApprovalAndRecordsEveryStep() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("full.yaml", f.full(PipelineFixture.LENIENT_GATE));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineFixture.account(ws);
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(run.status()).as(run.message()).isEqualTo(PipelineRunStatus.WAITING);
            List<StepRecord> steps = service.steps(run.id());
            assertThat(statuses(steps)).containsExactly(Map.entry("data", StepStatus.SUCCEEDED),
                    Map.entry("other", StepStatus.SUCCEEDED), Map.entry("check", StepStatus.SUCCEEDED),
                    Map.entry("freeze", StepStatus.SUCCEEDED), Map.entry("otherfrozen", StepStatus.SUCCEEDED),
                    Map.entry("train", StepStatus.SUCCEEDED), Map.entry("eval", StepStatus.SUCCEEDED),
                    Map.entry("gate", StepStatus.SUCCEEDED), Map.entry("approve", StepStatus.WAITING),
                    Map.entry("attest", StepStatus.PENDING), Map.entry("export", StepStatus.PENDING));
            assertThatThrownBy(() -> service.resume(run.id(), PipelineListener.NONE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("approve or reject it first");

            service.approve(run.id(), "reviewer", "looks right");
            PipelineRunRecord done = service.resume(run.id(), PipelineListener.NONE).await();
            assertThat(done.status()).as(done.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            steps = service.steps(run.id());
            assertThat(steps).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(StepStatus.SUCCEEDED);
                assertThat(s.inputsHash()).hasSize(64);
                assertThat(s.duration()).isPresent();
            });
            assertThat(steps.get(8).decision().orElseThrow().actor()).isEqualTo("reviewer");

            // The outputs are real records of the workspace, hashed by content.
            OutputRef version = output(steps, "freeze", "version");
            DatasetStore ds = new DatasetStore(ws);
            assertThat(ds.version(ds.findByName("skills").orElseThrow().id(), version.hash())).isPresent();
            OutputRef trainRun = output(steps, "train", "run");
            var rec = new RunStore(ws).get(Long.parseLong(trainRun.ref())).orElseThrow();
            assertThat(rec.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(rec.spec().datasetVersion()).isEqualTo(version.hash());
            OutputRef adapter = output(steps, "train", "adapter");
            assertThat(adapter.hash()).isEqualTo(rec.adapterHash().orElseThrow());
            var evalRun = new EvalStore(ws).run(Long.parseLong(output(steps, "eval", "run").ref())).orElseThrow();
            assertThat(evalRun.systems()).extracting(s -> s.label()).containsExactly("base", "candidate");
            OutputRef records = output(steps, "attest", "records");
            assertThat(records.kind()).isEqualTo(OutputKind.ATTESTATION);
            assertThat(records.ref().split(",")).hasSizeGreaterThanOrEqualTo(3);
            assertThat(new LedgerLog(new LogStore(ws), Clock.systemUTC())
                    .verify(ProgressListener.NONE, CancellationToken.NONE).ok()).isTrue();
            Path exported = dir.resolve("out/adapter");
            assertThat(AdapterCatalog.load(exported).sha256()).isEqualTo(adapter.hash());
            assertThat(output(steps, "export", "path").hash()).isEqualTo(Hashes.tree(exported));
            assertThat(steps.get(5).log()).contains("training run");
        }
    }

    @Test
    void aChangedRowReRunsOnlyTheStepsDownstreamOfIt() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("full.yaml", f.full(PipelineFixture.LENIENT_GATE));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineFixture.account(ws);
            long first = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await().id();
            service.approve(first, "reviewer", "");
            assertThat(service.resume(first, PipelineListener.NONE).await().status()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            long trainingRuns = new RunStore(ws).list().size();

            // Nothing changed: every step is skipped, its outputs reused from the first run.
            PipelineRunRecord again = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(again.status()).as(again.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            assertThat(service.steps(again.id())).allSatisfy(s -> {
                assertThat(s.status()).isEqualTo(StepStatus.SKIPPED);
                assertThat(s.reusedFrom()).contains(first);
            });

            // One row of the independent file changes: its import and freeze run, nothing else.
            PipelineFixture.writeRows(f.other, "Tell me: %s, animal or plant?", 1);
            PipelineRunRecord third = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(third.status()).as(third.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            Map<String, StepStatus> s3 = statuses(service.steps(third.id()));
            assertThat(s3).containsEntry("other", StepStatus.SUCCEEDED).containsEntry("otherfrozen", StepStatus.SUCCEEDED);
            assertThat(s3.entrySet().stream().filter(e -> !e.getKey().startsWith("other")))
                    .allSatisfy(e -> assertThat(e.getValue()).as(e.getKey()).isEqualTo(StepStatus.SKIPPED));
            assertThat(new RunStore(ws).list()).hasSize((int) trainingRuns);
            assertThat(new DatasetStore(ws).count(new DatasetStore(ws).findByName("other").orElseThrow().id(),
                    dev.modelfactory.ledger.store.dataset.RowFilter.ALL.withStatus(
                            dev.modelfactory.ledger.store.dataset.RowStatus.PENDING))).isEqualTo(20);

            // One row of the training data changes: everything downstream of it runs again, up to the approval.
            PipelineFixture.writeRows(f.rows, "Is a %s an animal or a plant?", 1);
            PipelineRunRecord fourth = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(fourth.status()).as(fourth.message()).isEqualTo(PipelineRunStatus.WAITING);
            Map<String, StepStatus> s4 = statuses(service.steps(fourth.id()));
            assertThat(s4).containsEntry("other", StepStatus.SKIPPED).containsEntry("otherfrozen", StepStatus.SKIPPED)
                    .containsEntry("data", StepStatus.SUCCEEDED).containsEntry("check", StepStatus.SUCCEEDED)
                    .containsEntry("freeze", StepStatus.SUCCEEDED).containsEntry("train", StepStatus.SUCCEEDED)
                    .containsEntry("eval", StepStatus.SUCCEEDED).containsEntry("gate", StepStatus.SUCCEEDED)
                    .containsEntry("approve", StepStatus.WAITING);
            assertThat(new RunStore(ws).list()).hasSize((int) trainingRuns + 1);
        }
    }

    @Test
    void aFailingGateStopsTheRunWithTheReason() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("full.yaml", f.full(PipelineFixture.IMPOSSIBLE_GATE));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(run.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(run.message()).startsWith("step gate failed: gate not passed: candidate must beat base")
                    .contains("exact_match").contains("95% interval");
            Map<String, StepStatus> s = statuses(service.steps(run.id()));
            assertThat(s).containsEntry("gate", StepStatus.FAILED).containsEntry("approve", StepStatus.PENDING)
                    .containsEntry("attest", StepStatus.PENDING).containsEntry("export", StepStatus.PENDING);
            assertThat(Files.exists(dir.resolve("out/adapter"))).isFalse();
        }
    }

    @Test
    void aFailedRunResumesFromTheFailedStep() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("sign.yaml", """
                name: sign
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                  - freeze:
                      dataset: ${import.dataset}
                  - attest:
                      dataset: ${freeze.version}
                """);
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await();
            assertThat(run.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(run.message()).contains("step attest failed").contains("the wallet has no account");
            List<StepRecord> before = service.steps(run.id());

            PipelineFixture.account(ws);
            PipelineRunRecord resumed = service.resume(run.id(), PipelineListener.NONE).await();
            assertThat(resumed.id()).isEqualTo(run.id());
            assertThat(resumed.status()).as(resumed.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            List<StepRecord> after = service.steps(run.id());
            // The steps that had succeeded were not run again: same start times, one dataset version.
            assertThat(after.get(0).startedAt()).isEqualTo(before.get(0).startedAt());
            assertThat(after.get(1).startedAt()).isEqualTo(before.get(1).startedAt());
            assertThat(after.get(2).status()).isEqualTo(StepStatus.SUCCEEDED);
            assertThat(after.get(2).log()).contains("failed: ").contains("DatasetVersion");
            DatasetStore ds = new DatasetStore(ws);
            assertThat(ds.versions(ds.findByName("skills").orElseThrow().id())).hasSize(1);
            assertThatThrownBy(() -> service.resume(run.id(), PipelineListener.NONE))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing to resume");
        }
    }

    @Test
    void aRejectedApprovalFailsTheRunWithTheReason() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("ask.yaml", """
                name: ask
                steps:
                  - import:
                      file: rows.jsonl
                      dataset: skills
                      contributor: alice
                  - approve:
                      message: keep these rows?
                """);
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            long id = service.start(file, RunTrigger.MANUAL, PipelineListener.NONE).await().id();
            assertThat(service.run(id).orElseThrow().message()).contains("keep these rows?");
            service.reject(id, "reviewer", "wrong licence");
            PipelineRunRecord r = service.run(id).orElseThrow();
            assertThat(r.status()).isEqualTo(PipelineRunStatus.FAILED);
            assertThat(r.message()).contains("rejected by reviewer: wrong licence");
            assertThatThrownBy(() -> service.approve(id, "someone", "")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aCancelledRunEndsCancelledAndResumesFromTheCancelledStep() throws Exception {
        PipelineFixture f = new PipelineFixture(dir);
        Path file = f.write("train.yaml", f.trainOnly("trainonly", 2));
        try (Workspace ws = Workspace.open(dir.resolve("ws")); PipelineService service = f.service(ws)) {
            PipelineRunRecord run = service.start(file, RunTrigger.MANUAL, new PipelineListener() {
                @Override
                public void onStepStarted(long runId, StepRecord step) {
                    if (step.kind().equals("train")) {
                        service.cancel(runId);
                    }
                }
            }).await();
            assertThat(run.status()).isEqualTo(PipelineRunStatus.CANCELLED);
            assertThat(statuses(service.steps(run.id()))).containsExactly(Map.entry("import", StepStatus.SUCCEEDED),
                    Map.entry("freeze", StepStatus.SUCCEEDED), Map.entry("train", StepStatus.CANCELLED));
            assertThat(new RunStore(ws).list()).isEmpty();

            PipelineRunRecord resumed = service.resume(run.id(), PipelineListener.NONE).await();
            assertThat(resumed.status()).as(resumed.message()).isEqualTo(PipelineRunStatus.SUCCEEDED);
            assertThat(statuses(service.steps(run.id())).values()).containsOnly(StepStatus.SUCCEEDED);
            assertThat(new RunStore(ws).list()).hasSize(1);
        }
    }
}
