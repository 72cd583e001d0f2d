package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingServiceTest {

    @TempDir
    Path dir;
    Path workspace;
    Path model;

    @BeforeEach
    void setUp() throws Exception {
        workspace = dir.resolve("ws");
        model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(workspace, dir);
    }

    static TrainingConfig config(int maxSteps) {
        return TrainingConfig.builder().learningRate(5e-2).maxSteps(maxSteps).batchSize(4).seqLen(64).seed(5)
                .evalEvery(4).checkpointEvery(4).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP, LoraTarget.DOWN),
                        8, 32f, 0f, false)).build();
    }

    private TrainingRequest request(TrainingConfig c) {
        return TrainingRequest.of(model.toString(), DatasetRef.parse("skills"), c).withThreads(2);
    }

    @Test
    void rowsOfAContributorWhoDisallowsTrainingNeverReachTheEncoder() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            List<DatasetRow> seen = new ArrayList<>();
            s.auditRows(seen::add);
            TrainingPlan plan = s.plan(request(config(4)));
            assertThat(plan.excluded().excludedRows()).isEqualTo(TrainingTestData.bobRows().size());
            assertThat(plan.excluded().byContributor()).singleElement()
                    .satisfies(c -> assertThat(c.contributor()).isEqualTo("bob"));
            assertThat(seen).isNotEmpty().allSatisfy(r -> assertThat(r.contributor()).isEqualTo("alice"));
            assertThat(seen).noneMatch(r -> r.content().toString().contains(TrainingTestData.BOB_MARKER));
            long alice = TrainingTestData.aliceRows().size();
            assertThat(plan.trainRows() + plan.validationRows() + plan.testRows()).isEqualTo(alice);
            assertThat(plan.testRows()).isPositive();
            assertThat(plan.chatTemplate()).isEqualTo("model");
            assertThat(plan.totalSteps()).isEqualTo(4);
            assertThat(plan.memory().trainableParameters()).isPositive();
        }
    }

    @Test
    void aRunLowersTheLossAndIsRecordedWithItsAdapter() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            List<StepMetrics> steps = new ArrayList<>();
            TrainingOutcome o = s.start(request(config(24)), new RunListener() {
                @Override
                public void onStep(long runId, StepMetrics m, int total) {
                    steps.add(m);
                }
            }).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(steps).hasSize(24);
            assertThat(o.finalLoss()).isLessThan(0.8 * steps.getFirst().loss());
            assertThat(o.evalLoss()).isFinite();
            RunRecord run = s.runs().get(o.runId()).orElseThrow();
            assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(run.spec().configHash()).isEqualTo(config(24).sha256());
            assertThat(run.spec().datasetName()).isEqualTo("skills");
            PeftAdapter saved = PeftAdapter.load(o.adapterPath().orElseThrow());
            assertThat(run.adapterHash()).contains(saved.sha256());
            assertThat(o.adapterPath().get()).startsWith(s.runFolder(o.runId()));
            List<MetricPoint> stored = s.runs().metrics(o.runId(), -1);
            assertThat(stored).hasSize(24);
            assertThat(stored.getLast().trainLoss().getAsDouble()).isEqualTo(o.finalLoss());
        }
    }

    @Test
    void aCancelledRunResumesToTheSameLossAndAdapterAsAnUninterruptedOne() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingOutcome whole = s.start(request(config(12)), RunListener.NONE).await();
            assertThat(whole.outcome()).isEqualTo(RunOutcome.COMPLETED);

            RunHandle[] h = new RunHandle[1];
            Object lock = new Object();
            RunHandle handle;
            synchronized (lock) {
                handle = s.start(request(config(12)), new RunListener() {
                    @Override
                    public void onStep(long runId, StepMetrics m, int total) {
                        if (m.step() == 6) {
                            synchronized (lock) {
                                h[0].cancel();
                            }
                        }
                    }
                });
                h[0] = handle;
            }
            TrainingOutcome cut = handle.await();
            assertThat(cut.outcome()).isEqualTo(RunOutcome.STOPPED);
            assertThat(cut.steps()).isEqualTo(6);
            assertThat(cut.adapterHash()).isEmpty();
            RunRecord stopped = s.runs().get(handle.runId()).orElseThrow();
            assertThat(stopped.resumable()).isTrue();
            assertThat(stopped.checkpointStep()).hasValue(6);

            TrainingOutcome resumed = s.resume(handle.runId(), RunListener.NONE).await();
            assertThat(resumed.outcome()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(resumed.steps()).isEqualTo(12);
            // Same losses up to float rounding, not bit for bit: two UNINTERRUPTED runs of this model in one JVM
            // already differ in the last bits (observed: 2.857804426 vs 2.857804821 after 12 steps), which Adam
            // amplifies in the smallest adapter values; reported to the engine's owner.
            assertThat(resumed.finalLoss()).isCloseTo(whole.finalLoss(), org.assertj.core.data.Percentage.withPercentage(1e-4));
            float[] a = adapterValues(resumed);
            float[] b = adapterValues(whole);
            assertThat(a).hasSameSizeAs(b);
            for (int i = 0; i < a.length; i++) {
                assertThat(a[i]).isCloseTo(b[i], org.assertj.core.data.Offset.offset(1e-3f));
            }
            assertThat(s.runs().metrics(handle.runId(), -1)).hasSize(12);
        }
    }

    private static float[] adapterValues(TrainingOutcome o) {
        PeftAdapter p = PeftAdapter.load(o.adapterPath().orElseThrow());
        return p.tensors().values().stream().map(t -> t.values()).reduce((x, y) -> {
            float[] z = java.util.Arrays.copyOf(x, x.length + y.length);
            System.arraycopy(y, 0, z, x.length, y.length);
            return z;
        }).orElseThrow();
    }

    @Test
    void anExplodingGradientFailsTheRunWithItsMessage() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingOutcome o = s.start(request(config(4).toBuilder().explodeGradNorm(1e-9).build()), RunListener.NONE)
                    .await();
            assertThat(o.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(o.message()).contains("explode_grad_norm");
            assertThat(s.runs().get(o.runId()).orElseThrow().message()).hasValueSatisfying(m -> assertThat(m)
                    .contains("exploding"));
        }
    }

    @Test
    void unknownDatasetsAndVersionsAreNamed() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            assertThatThrownBy(() -> s.plan(TrainingRequest.of(model.toString(), DatasetRef.parse("nope"), config(2))))
                    .isInstanceOf(TrainingInputException.class).hasMessageContaining("dataset").hasMessageContaining("nope");
            assertThatThrownBy(() -> s.plan(TrainingRequest.of(model.toString(), DatasetRef.parse("skills@abcdef99"),
                    config(2)))).isInstanceOf(TrainingInputException.class).hasMessageContaining("abcdef99");
            assertThatThrownBy(() -> s.plan(TrainingRequest.of("no-such-model", DatasetRef.parse("skills"), config(2))))
                    .isInstanceOf(TrainingInputException.class).hasMessageContaining("model");
        }
    }
}
