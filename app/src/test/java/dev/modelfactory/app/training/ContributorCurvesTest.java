package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.ledger.store.run.SeriesPoint;
import dev.modelfactory.ledger.store.run.SeriesSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run on a tiny generated model over two contributors: "easy" whose answers are one repeated sentence,
 * "hard" whose answers are random letters. The run keeps one series per contributor (and one for the tracked
 * tag), stored and streamed; the easy contributor's loss ends far below the hard one's.
 */
class ContributorCurvesTest {

    static final int STEPS = 60;

    @TempDir
    static Path dir;
    static Path workspace;
    static Path model;

    @BeforeAll
    static void data() throws IOException {
        workspace = dir.resolve("ws");
        model = TrainingTestData.tinyModel(dir);
        try (Workspace ws = Workspace.open(workspace)) {
            ContributorTestData.mixedDataset(ws, dir);
        }
    }

    static TrainingConfig config() {
        return TrainingConfig.builder().learningRate(5e-2).maxSteps(STEPS).batchSize(4).seqLen(64).seed(5)
                .evalEvery(20).checkpointEvery(20).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.O, LoraTarget.UP, LoraTarget.DOWN),
                        8, 32f, 0f, false)).build();
    }

    @Test
    void aRunKeepsOneSeriesPerContributorAndTheEasyOneEndsLower() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            List<SeriesPoint> live = new CopyOnWriteArrayList<>();
            TrainingOutcome o = s.start(TrainingRequest.of(model.toString(), DatasetRef.parse("mixed"), config())
                    .withThreads(2).withTrackTags(List.of("rep")), new RunListener() {
                        @Override
                        public void onSeries(long runId, List<SeriesPoint> points) {
                            live.addAll(points);
                        }
                    }).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            TrainingPlan plan = s.plan(TrainingRequest.of(model.toString(), DatasetRef.parse("mixed"), config()));

            List<RunSeries> series = s.series().series(o.runId());
            assertThat(series).extracting(RunSeries::kind, RunSeries::key).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple(SeriesKind.CONTRIBUTOR, "easy"),
                    org.assertj.core.groups.Tuple.tuple(SeriesKind.CONTRIBUTOR, "hard"),
                    org.assertj.core.groups.Tuple.tuple(SeriesKind.TAG, "rep"));
            long trainRows = series.stream().filter(x -> x.kind() == SeriesKind.CONTRIBUTOR)
                    .mapToLong(RunSeries::trainRows).sum();
            assertThat(trainRows).isEqualTo(plan.trainRows());
            RunSeries easy = find(series, SeriesKind.CONTRIBUTOR, "easy");
            assertThat(find(series, SeriesKind.TAG, "rep").trainRows()).isEqualTo(easy.trainRows());

            List<SeriesPoint> stored = s.series().points(o.runId());
            assertThat(stored).containsExactlyInAnyOrderElementsOf(live);
            assertThat(stored).allSatisfy(p -> {
                assertThat(p.step()).isBetween(1L, (long) STEPS);
                p.trainLoss().ifPresent(l -> assertThat(l).isBetween(0.0, 20.0));
            });
            // the tag "rep" is exactly easy's rows: the same points
            assertThat(points(stored, SeriesKind.TAG, "rep")).extracting(SeriesPoint::trainLoss)
                    .isEqualTo(points(stored, SeriesKind.CONTRIBUTOR, "easy").stream().map(SeriesPoint::trainLoss).toList());
            for (String who : List.of("easy", "hard")) {
                RunSeries rs = find(series, SeriesKind.CONTRIBUTOR, who);
                List<Long> evalSteps = points(stored, SeriesKind.CONTRIBUTOR, who).stream()
                        .filter(p -> p.evalLoss().isPresent()).map(SeriesPoint::step).toList();
                assertThat(evalSteps).isEqualTo(rs.evalRows() > 0 ? List.of(20L, 40L, 60L) : List.of());
            }

            List<SeriesSummary> sums = SeriesSummary.of(series, stored);
            SeriesSummary e = sums.stream().filter(x -> x.series().key().equals("easy")).findFirst().orElseThrow();
            SeriesSummary h = sums.stream().filter(x -> x.series().key().equals("hard")).findFirst().orElseThrow();
            assertThat(e.latestLoss().getAsDouble()).isLessThan(0.5 * h.latestLoss().getAsDouble());
            assertThat(e.change().getAsDouble()).isNegative();
            assertThat(e.latestEvalLoss().getAsDouble()).isLessThan(h.latestEvalLoss().getAsDouble());
            assertThat(e.change().getAsDouble()).isLessThan(h.change().getAsDouble());
        }
    }

    @Test
    void aTrackedTagNoRowHasIsRefusedNamingTheField() throws Exception {
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            assertThatThrownBy(() -> s.plan(TrainingRequest.of(model.toString(), DatasetRef.parse("mixed"), config())
                    .withTrackTags(List.of("nosuchtag")))).isInstanceOf(TrainingInputException.class)
                    .hasMessageStartingWith("track_tags:").hasMessageContaining("nosuchtag")
                    .hasMessageContaining("noise, rep");
        }
    }

    private static RunSeries find(List<RunSeries> series, SeriesKind kind, String key) {
        return series.stream().filter(x -> x.kind() == kind && x.key().equals(key)).findFirst().orElseThrow();
    }

    private static List<SeriesPoint> points(List<SeriesPoint> all, SeriesKind kind, String key) {
        return all.stream().filter(p -> p.kind() == kind && p.key().equals(key)).toList();
    }
}
