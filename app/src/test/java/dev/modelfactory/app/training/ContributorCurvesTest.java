package dev.modelfactory.app.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.store.run.RunSeries;
import dev.modelfactory.ledger.store.run.SeriesKind;
import dev.modelfactory.ledger.store.run.SeriesPoint;
import dev.modelfactory.ledger.store.run.SeriesSummary;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
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

    static final int ROWS = 40;
    static final int STEPS = 60;

    @TempDir
    static Path dir;
    static Path workspace;
    static Path model;

    @BeforeAll
    static void data() throws IOException {
        workspace = dir.resolve("ws");
        model = TrainingTestData.tinyModel(dir);
        SplittableRandom r = new SplittableRandom(3);
        List<String> easy = new ArrayList<>();
        List<String> hard = new ArrayList<>();
        for (int i = 0; i < ROWS; i++) {
            easy.add(row("Is a cat number " + i + " an animal?", "a cat is an animal", "rep"));
            StringBuilder noise = new StringBuilder();
            for (int j = 0; j < 14; j++) {
                noise.append((char) ('a' + r.nextInt(26)));
            }
            hard.add(row("Is a rose number " + i + " a plant?", noise.toString(), "noise"));
        }
        try (Workspace ws = Workspace.open(workspace)) {
            DatasetStore ds = new DatasetStore(ws);
            long id = ds.create("mixed", "easy and hard rows").id();
            for (String who : List.of("easy", "hard")) {
                Path f = dir.resolve(who + ".jsonl");
                Files.writeString(f, String.join("\n", who.equals("easy") ? easy : hard) + "\n");
                ds.importFile(id, f, ImportOptions.builder().format(DatasetFormat.ALPACA).contributor(who)
                        .licence("CC-BY-4.0").allowedUses(Set.of(Use.TRAIN, Use.EVAL)).build(), ProgressListener.NONE,
                        CancellationToken.NONE);
            }
            ds.freeze(id, new FreezeOptions("v1", new SplitSpec(0.8, 0.2, 0.0, 7)));
        }
    }

    private static String row(String q, String a, String tag) {
        return "{\"instruction\": \"" + q + "\", \"input\": \"\", \"output\": \"" + a + "\", \"tags\": [\"" + tag
                + "\"]}";
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
