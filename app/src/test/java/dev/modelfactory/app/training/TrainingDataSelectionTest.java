package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSample;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat-template override, split choice, sample generations and the warm-up measurement, on the tiny model. */
class TrainingDataSelectionTest {

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

    private TrainingRequest request(TrainingConfig c) {
        return TrainingRequest.of(model.toString(), DatasetRef.parse("skills"), c).withThreads(2);
    }

    @Test
    void aChosenTemplateRendersTheRowsAndIsRecordedInTheConfigHash() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingConfig own = TrainingServiceTest.config(2).toBuilder().seqLen(128).build();
            TrainingPlan ownPlan = s.plan(request(own));
            TrainingConfig llama = own.toBuilder().chatTemplate("llama3").build();
            TrainingPlan llamaPlan = s.plan(request(llama));
            assertThat(ownPlan.chatTemplate()).isEqualTo("model");
            assertThat(llamaPlan.chatTemplate()).isEqualTo("llama3 (chosen)");
            // the tiny vocabulary has ChatML's control tokens but not Llama 3's: its headers cost many tokens
            assertThat(llamaPlan.trainTokens()).isGreaterThan(ownPlan.trainTokens());
            assertThat(llamaPlan.lossTokens()).isNotEqualTo(ownPlan.lossTokens());
            // naming ChatML explicitly renders exactly as the model's own ChatML template does
            TrainingPlan chatml = s.plan(request(own.toBuilder().chatTemplate("chatml").build()));
            assertThat(chatml.trainTokens()).isEqualTo(ownPlan.trainTokens());
            assertThat(chatml.lossTokens()).isEqualTo(ownPlan.lossTokens());

            TrainingOutcome o = s.start(request(llama), RunListener.NONE).await();
            RunRecord run = s.runs().get(o.runId()).orElseThrow();
            assertThat(run.spec().configJson()).contains("\"chat_template\":\"llama3\"");
            assertThat(run.spec().configHash()).isEqualTo(llama.sha256()).isNotEqualTo(own.sha256());

            assertThatThrownBy(() -> s.plan(request(own.toBuilder().chatTemplate("vicuna").build())))
                    .isInstanceOf(TrainingInputException.class).hasMessageStartingWith("chat_template: 'vicuna'");
            assertThatThrownBy(() -> s.plan(request(own.toBuilder().chatTemplate("{{ raise_exception('only"
                    + " one turn') }}").build()))).isInstanceOf(TrainingInputException.class)
                    .hasMessageStartingWith("chat_template: a training row cannot be rendered")
                    .hasMessageContaining("only one turn");
        }
    }

    @Test
    void theChosenSplitsAreTrainedAndEvaluatedOn() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingPlan dflt = s.plan(request(TrainingServiceTest.config(2)));
            List<DatasetRow> seen = new ArrayList<>();
            s.auditRows(seen::add);
            TrainingConfig wide = TrainingServiceTest.config(2).toBuilder().trainSplits(List.of("train", "validation"))
                    .evalSplit("test").build();
            TrainingPlan p = s.plan(request(wide));
            assertThat(p.trainRows()).isEqualTo(dflt.trainRows() + dflt.validationRows());
            assertThat(p.validationRows()).isEqualTo(dflt.testRows());
            assertThat(p.testRows()).isZero();
            assertThat(seen).hasSize((int) (p.trainRows() + p.validationRows()));

            TrainingConfig onlyVal = TrainingServiceTest.config(2).toBuilder().trainSplits(List.of("validation"))
                    .evalSplit("train").build();
            TrainingPlan q = s.plan(request(onlyVal));
            assertThat(q.trainRows()).isEqualTo(dflt.validationRows());
            assertThat(q.validationRows()).isEqualTo(dflt.trainRows());

            assertThatThrownBy(() -> s.plan(request(TrainingServiceTest.config(2).toBuilder()
                    .trainSplits(List.of("dev")).build()))).hasMessageStartingWith("train_splits: no split named 'dev'");
        }
    }

    @Test
    void samplesOfTheEvalSplitAreReportedAndStoredEveryNSteps() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingConfig c = TrainingServiceTest.config(4).toBuilder().sampleEvery(2).sampleCount(2).sampleMaxTokens(3)
                    .build();
            List<RunSample> heard = new ArrayList<>();
            TrainingOutcome o = s.start(request(c), new RunListener() {
                @Override
                public void onSamples(long runId, List<RunSample> samples) {
                    heard.addAll(samples);
                }
            }).await();
            assertThat(o.outcome()).isEqualTo(RunOutcome.COMPLETED);
            List<RunSample> stored = s.samples().samples(o.runId());
            assertThat(stored).isEqualTo(heard);
            assertThat(stored).extracting(RunSample::step).containsExactly(2L, 2L, 4L, 4L);
            assertThat(stored).extracting(RunSample::index).containsExactly(0, 1, 0, 1);
            assertThat(stored).allSatisfy(x -> {
                assertThat(x.reference()).isIn("A", "P");
                assertThat(x.prompt()).matches(".*(animal|plant|kind of thing).*");
            });
            // the same fixed prompts at every step
            assertThat(stored.get(0).prompt()).isEqualTo(stored.get(2).prompt());
            assertThat(stored.get(1).prompt()).isEqualTo(stored.get(3).prompt());
            assertThat(s.runs().get(o.runId()).orElseThrow().spec().configJson()).contains("\"sample_every\":2");
        }
    }

    @Test
    void theWarmUpTimesRealStepsAndStoresNothing() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            TrainingRequest r = request(TrainingServiceTest.config(40));
            WarmupEstimate e = s.measure(r, 2, () -> false);
            assertThat(e.measuredSteps()).isEqualTo(2);
            assertThat(e.totalSteps()).isEqualTo(40);
            assertThat(e.secondsPerStep()).isPositive();
            assertThat(e.tokensPerSecond()).isPositive();
            assertThat(e.estimatedSeconds()).isCloseTo(40 * e.secondsPerStep(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.runs().list()).isEmpty();
            assertThat(ws.root().resolve("runs")).doesNotExist();
            assertThatThrownBy(() -> s.measure(r, 2, () -> true)).isInstanceOf(CancellationException.class);
            assertThatThrownBy(() -> s.measure(r, 0, () -> false)).hasMessageStartingWith("steps:");
        }
    }
}
