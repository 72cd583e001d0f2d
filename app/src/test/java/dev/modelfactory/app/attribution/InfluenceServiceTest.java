package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.cli.ExitCodes;
import dev.modelfactory.app.training.DatasetRef;
import dev.modelfactory.app.training.TrainingOutcome;
import dev.modelfactory.app.training.TrainingRequest;
import dev.modelfactory.app.training.TrainingService;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.attribution.influence.InfluenceMethod;
import dev.modelfactory.engine.attribution.influence.SketchFormatException;
import dev.modelfactory.engine.attribution.influence.SketchStore;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real LoRA run on the tiny model and the skills dataset (alice's rows train; bob allows evaluation only),
 * sketched and queried through the service and the CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InfluenceServiceTest {

    Path dir;
    Path workspace;
    long runId;
    List<Long> trainedRowIds = new ArrayList<>();

    @BeforeAll
    void train(@TempDir Path tmp) throws Exception {
        dir = tmp;
        workspace = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(workspace, dir);
        TrainingConfig c = TrainingConfig.builder().learningRate(5e-2).maxSteps(12).batchSize(4).seqLen(64).seed(5)
                .checkpointEvery(4).keepCheckpoints(2).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 8, 32f, 0.1f, false)).build();
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService s = new TrainingService(ws);
            s.auditRows(r -> trainedRowIds.add(r.id()));
            TrainingOutcome o = s.start(TrainingRequest.of(model.toString(), DatasetRef.parse("skills"), c)
                    .withThreads(2), null).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            runId = o.runId();
        }
    }

    @Test
    void sketchesTheKeptCheckpointsAndAttributesToAlicesRows() throws Exception {
        try (Workspace ws = Workspace.open(workspace); InfluenceService service = new InfluenceService(ws)) {
            List<long[]> progress = new ArrayList<>();
            SketchSummary s = service.sketchRun(runId, (done, total) -> progress.add(new long[] {done, total}),
                    CancellationToken.NONE);
            assertThat(s.checkpoints()).containsExactly(8, 12);
            assertThat(s.rows()).isPositive();
            assertThat(progress.getLast()).containsExactly(2L * s.rows(), 2L * s.rows());
            assertThat(service.hasSketches(runId)).isTrue();

            InfluenceResult r = service.attribute("run:" + runId, "Is a cat an animal or a plant?", Optional.of("A"),
                    InfluenceMethod.TRACIN, 5, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(r.method()).isEqualTo(InfluenceMethod.TRACIN);
            assertThat(r.generated()).isFalse();
            assertThat(r.checkpoints()).containsExactly(8, 12);
            assertThat(r.rowsScored()).isEqualTo(s.rows());
            assertThat(r.rows()).hasSize(5).allSatisfy(x -> {
                assertThat(x.contributor()).isEqualTo("alice");
                assertThat(trainedRowIds).contains(x.rowId());
                assertThat(x.text()).contains(" -> ");
            });
            assertThat(r.rows()).extracting(InfluenceRow::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(r.shares()).singleElement().satisfies(x -> {
                assertThat(x.contributor()).isEqualTo("alice");
                assertThat(x.basisPoints()).isEqualTo(10_000);
            });
            assertThat(r.ledgerShares()).singleElement().satisfies(x -> assertThat(x.shareBps()).isEqualTo(10_000));

            InfluenceResult g = service.attribute(String.valueOf(runId), "Is a rose an animal or a plant?",
                    Optional.empty(), null, 3, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(g.generated()).isTrue();
            assertThat(g.method()).isEqualTo(InfluenceService.DEFAULT_METHOD);
            assertThat(g.output()).isNotBlank();
            assertThat(g.rows()).hasSize(3);
        }
    }

    @Test
    void aCorruptSketchFileIsRefusedNamingItAndACancelledSketchingLeavesNone() throws Exception {
        try (Workspace ws = Workspace.open(workspace); InfluenceService service = new InfluenceService(ws)) {
            TrainingService training = new TrainingService(ws);
            Path folder = training.runFolder(runId).resolve("influence");
            service.sketchRun(runId, ProgressListener.NONE, CancellationToken.NONE);
            Path file = SketchStore.fileFor(folder, 12);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(100);
                int b = f.read();
                f.seek(100);
                f.write(b ^ 1);
            }
            assertThatThrownBy(() -> service.attribute("run:" + runId, "Is a cat an animal or a plant?",
                    Optional.of("A"), null, 3, ProgressListener.NONE, CancellationToken.NONE))
                    .isInstanceOf(SketchFormatException.class).hasMessageContaining(file.toString());
            int[] calls = {0};
            assertThatThrownBy(() -> service.sketchRun(runId, ProgressListener.NONE, () -> ++calls[0] > 5))
                    .isInstanceOf(CancellationException.class);
            assertThat(service.hasSketches(runId)).isFalse();
            service.sketchRun(runId, ProgressListener.NONE, CancellationToken.NONE);
            assertThat(service.hasSketches(runId)).isTrue();
        }
    }

    @Test
    void cliAttributesAsJsonAndRefusesBadInput() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), "--workspace", workspace.toString(),
                "attribute", "--adapter", "run:" + runId, "--prompt", "Is a dog an animal or a plant?", "--output", "A",
                "--method", "datainf", "--top", "4", "--json");
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("method").asText()).isEqualTo("datainf");
        assertThat(j.get("rows")).hasSize(4);
        assertThat(j.get("shares").get(0).get("contributor").asText()).isEqualTo("alice");
        assertThat(j.get("shares").get(0).get("bps").asInt()).isEqualTo(10_000);

        StringWriter err2 = new StringWriter();
        int bad = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true), "--workspace",
                workspace.toString(), "attribute", "--adapter", "run:" + runId, "--prompt", "x", "--method", "shapley");
        assertThat(bad).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err2.toString()).contains("shapley");
        int unknown = Cli.run(new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true),
                "--workspace", workspace.toString(), "attribute", "--adapter", "run:999", "--prompt", "x");
        assertThat(unknown).isEqualTo(ExitCodes.BAD_INPUT);
    }

}
