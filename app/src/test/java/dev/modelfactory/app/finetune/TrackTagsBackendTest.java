package dev.modelfactory.app.finetune;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.training.ContributorTestData;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.studio.training.DatasetChoice;
import dev.modelfactory.studio.training.RunEnd;
import dev.modelfactory.studio.training.RunObserver;
import dev.modelfactory.studio.training.RunRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fine-tune page's tag choice end to end below the UI: a version offers its tags, a run tracks the chosen ones. */
class TrackTagsBackendTest {

    @TempDir
    Path dir;

    @Test
    void aVersionOffersItsTagsAndARunStartedWithOneKeepsItsLossSeries() throws Exception {
        Path model = TrainingTestData.tinyModel(dir);
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            ContributorTestData.mixedDataset(ws, dir);
            WorkspaceTrainingBackend backend = new WorkspaceTrainingBackend(ws, 2);
            DatasetChoice mixed = backend.datasets().stream().filter(d -> d.name().equals("mixed")).findFirst().orElseThrow();
            // 40 rows each: equal counts go by name
            assertThat(mixed.versions().getLast().tags()).containsExactly("noise", "rep");

            TrainingConfig config = TrainingConfig.builder().learningRate(5e-2).maxSteps(2).batchSize(4).seqLen(64)
                    .evalEvery(0).checkpointEvery(0).build();
            RunRequest request = new RunRequest(model.toString(), "mixed", Optional.empty(), config, Optional.of("tags"),
                    List.of("rep"));
            CompletableFuture<RunEnd> end = new CompletableFuture<>();
            backend.start(request, new RunObserver() {
                @Override
                public void onPoint(long runId, MetricPoint point, int totalSteps) {
                }

                @Override
                public void onPaused(long runId, boolean paused) {
                }

                @Override
                public void onFinished(RunEnd e) {
                    end.complete(e);
                }
            });
            RunEnd e = end.get(3, TimeUnit.MINUTES);
            assertThat(e.outcome()).as(e.message()).isEqualTo(RunOutcome.COMPLETED);
            assertThat(backend.series(e.runId())).filteredOn(s -> s.kind() == SeriesKind.TAG).extracting(RunSeries::key)
                    .containsExactly("rep");
        }
    }
}
