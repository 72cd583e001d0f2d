package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.engine.train.loop.TrainingConfig;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.run.RunOutcome;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import dev.modelfactory.studio.provenance.AdapterChoice;
import dev.modelfactory.studio.provenance.AttributionMethod;
import dev.modelfactory.studio.provenance.ContributorShare;
import dev.modelfactory.studio.provenance.ProvenanceQuery;
import dev.modelfactory.studio.provenance.ProvenanceView;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Influence scores must not depend on which process or service computes them: the service that trained the
 * run and built its sketches, a fresh service (fresh TrainingService) over the same workspace, a second query in
 * a row, and a query after the sketches were rebuilt under an open session all give the same scores for the
 * same run, prompt and output. Training and sketching are deterministic, so the scores are compared exactly.
 */
class InfluenceConsistencyTest {

    private static final String PROMPT = "Is a cat an animal or a plant?";
    private static final String OUTPUT = "A";
    private static final String ROSE = "Is a rose an animal or a plant?";
    static final double TOLERANCE = 1e-6;

    @Test
    void scoresAreTheSameInTheBuildingServiceAFreshOneAndAfterARebuild(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(workspace, dir);
        TrainingConfig c = TrainingConfig.builder().learningRate(5e-2).maxSteps(12).batchSize(4).seqLen(64).seed(5)
                .checkpointEvery(4).keepCheckpoints(2).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 8, 32f, 0.1f, false)).build();
        List<InfluenceResult> first;
        InfluenceResult generated;
        try (Workspace ws = Workspace.open(workspace)) {
            // the process that trains the run, sketches it and queries it, all through one TrainingService
            TrainingService training = new TrainingService(ws);
            TrainingOutcome o = training.start(TrainingRequest.of(model.toString(), DatasetRef.parse("skills"), c)
                    .withThreads(2), null).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            long runId = o.runId();
            try (InfluenceService service = new InfluenceService(ws, training)) {
                service.sketchRun(runId, ProgressListener.NONE, CancellationToken.NONE);
                first = both(service, runId);
                assertSame(both(service, runId), first, "the same query again in the same service");
                generated = service.attribute("run:" + runId, ROSE, Optional.empty(), InfluenceMethod.TRACIN,
                        10_000, ProgressListener.NONE, CancellationToken.NONE);
                assertThat(generated.generated()).isTrue();
            }
        }
        long runId = first.getFirst().runId();
        try (Workspace ws = Workspace.open(workspace); InfluenceService fresh = new InfluenceService(ws,
                new TrainingService(ws))) {
            assertSame(both(fresh, runId), first, "a fresh service over the same workspace");
            // the generated answer given back as text (what a user copies from the first answer)
            InfluenceResult given = fresh.attribute("run:" + runId, ROSE, Optional.of(generated.output()),
                    InfluenceMethod.TRACIN, 10_000, ProgressListener.NONE, CancellationToken.NONE);
            assertSame(List.of(given), List.of(generated), "the generated output given back in a fresh service");
            fresh.sketchRun(runId, ProgressListener.NONE, CancellationToken.NONE);
            assertSame(both(fresh, runId), first, "after rebuilding the sketches in the fresh service");
        }
        try (Workspace ws = Workspace.open(workspace); InfluenceService lazy = new InfluenceService(ws)) {
            // a session is open when the sketches are rebuilt underneath it
            List<InfluenceResult> before = both(lazy, runId);
            lazy.sketchRun(runId, ProgressListener.NONE, CancellationToken.NONE);
            assertSame(both(lazy, runId), before, "after rebuilding the sketches under an open session");
            assertSame(before, first, "a third service");
        }
    }

    @Test
    void attributeBuildsMissingSketchesAndScoresAsAFreshServiceWould(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(workspace, dir);
        TrainingConfig c = TrainingConfig.builder().learningRate(5e-2).maxSteps(8).batchSize(4).seqLen(64).seed(7)
                .checkpointEvery(4).keepCheckpoints(2).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V), 4, 16f, 0.05f, false)).build();
        List<InfluenceResult> first;
        long runId;
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingService training = new TrainingService(ws);
            TrainingOutcome o = training.start(TrainingRequest.of(model.toString(), DatasetRef.parse("skills"), c)
                    .withThreads(2), null).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            runId = o.runId();
            try (InfluenceService service = new InfluenceService(ws, training)) {
                assertThat(service.hasSketches(runId)).isFalse();
                first = both(service, runId);
                assertThat(service.hasSketches(runId)).isTrue();
            }
        }
        try (Workspace ws = Workspace.open(workspace); InfluenceService fresh = new InfluenceService(ws)) {
            assertSame(both(fresh, runId), first, "a fresh service after attribute built the sketches");
        }
    }

    @Test
    void theCliAndTheAttributionPageScoreAsTheServiceDoes(@TempDir Path dir) throws Exception {
        Path workspace = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(workspace, dir);
        TrainingConfig c = TrainingConfig.builder().learningRate(5e-2).maxSteps(12).batchSize(4).seqLen(64).seed(3)
                .checkpointEvery(4).keepCheckpoints(3).warmupSteps(2)
                .lora(new LoraConfig(Set.of(LoraTarget.Q, LoraTarget.V, LoraTarget.DOWN), 8, 32f, 0.1f, false)).build();
        long runId;
        try (Workspace ws = Workspace.open(workspace)) {
            TrainingOutcome o = new TrainingService(ws).start(TrainingRequest.of(model.toString(),
                    DatasetRef.parse("skills"), c).withThreads(2), null).await();
            assertThat(o.outcome()).as(o.message()).isEqualTo(RunOutcome.COMPLETED);
            runId = o.runId();
        }
        for (String method : List.of("tracin", "datainf")) {
            // the first attribute builds the sketches; the next ones read them; index rebuilds them
            JsonNode first = cli(workspace, "attribute", "--adapter", "run:" + runId, "--prompt", PROMPT, "--output",
                    OUTPUT, "--method", method, "--top", "10000", "--json");
            JsonNode again = cli(workspace, "attribute", "--adapter", "run:" + runId, "--prompt", PROMPT, "--output",
                    OUTPUT, "--method", method, "--top", "10000", "--json");
            assertScores(cliScores(again), cliScores(first), "cli " + method + ", attribute again");
            cli(workspace, "attribute", "index", "--run", String.valueOf(runId), "--json");
            JsonNode rebuilt = cli(workspace, "attribute", "--adapter", "run:" + runId, "--prompt", PROMPT,
                    "--output", OUTPUT, "--method", method, "--top", "10000", "--json");
            assertScores(cliScores(rebuilt), cliScores(first), "cli " + method + ", after attribute index");
            assertShares(cliShares(rebuilt), cliShares(first), "cli " + method + ", after attribute index");
            try (Workspace ws = Workspace.open(workspace);
                    WorkspaceProvenanceBackend page = WorkspaceProvenanceBackend.of(ws)) {
                AdapterChoice adapter = page.adapters().stream().filter(a -> a.ref().equals("run:" + runId))
                        .findFirst().orElseThrow();
                ProvenanceView v = page.attribute(new ProvenanceQuery(adapter, PROMPT, OUTPUT,
                        AttributionMethod.valueOf(method.toUpperCase(java.util.Locale.ROOT)), 10_000),
                        ProgressListener.NONE, CancellationToken.NONE);
                Map<Long, Double> scores = new TreeMap<>();
                v.topRows().forEach(x -> scores.put(x.rowId(), x.score()));
                assertScores(scores, cliScores(first), "attribution page " + method);
                assertShares(v.shares().stream().collect(Collectors.toMap(ContributorShare::contributor,
                        ContributorShare::bps)), cliShares(first), "attribution page " + method);
            }
        }
    }

    private static JsonNode cli(Path workspace, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = workspace.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        return new ObjectMapper().readTree(out.toString());
    }

    private static Map<Long, Double> cliScores(JsonNode j) {
        Map<Long, Double> out = new TreeMap<>();
        j.get("rows").forEach(r -> out.put(r.get("rowId").asLong(), r.get("score").asDouble()));
        return out;
    }

    private static Map<String, Integer> cliShares(JsonNode j) {
        Map<String, Integer> out = new TreeMap<>();
        j.get("shares").forEach(s -> out.put(s.get("contributor").asText(), s.get("bps").asInt()));
        return out;
    }

    /** TracIn then DataInf, every row. */
    private static List<InfluenceResult> both(InfluenceService s, long runId) {
        return List.of(query(s, runId, InfluenceMethod.TRACIN), query(s, runId, InfluenceMethod.DATAINF));
    }

    private static InfluenceResult query(InfluenceService s, long runId, InfluenceMethod m) {
        return s.attribute("run:" + runId, PROMPT, Optional.of(OUTPUT), m, 10_000, ProgressListener.NONE,
                CancellationToken.NONE);
    }

    private static void assertSame(List<InfluenceResult> got, List<InfluenceResult> want, String what) {
        for (int i = 0; i < want.size(); i++) {
            InfluenceResult g = got.get(i);
            InfluenceResult w = want.get(i);
            String m = what + ", " + w.method();
            assertThat(g.method()).isEqualTo(w.method());
            assertThat(g.checkpoints()).as(what).isEqualTo(w.checkpoints());
            assertScores(scores(g), scores(w), m);
            assertShares(g.shares().stream().collect(Collectors.toMap(InfluenceShare::contributor,
                    InfluenceShare::basisPoints)), w.shares().stream().collect(Collectors.toMap(
                    InfluenceShare::contributor, InfluenceShare::basisPoints)), m);
        }
    }

    private static Map<Long, Double> scores(InfluenceResult r) {
        Map<Long, Double> out = new TreeMap<>();
        r.rows().forEach(x -> out.put(x.rowId(), x.score()));
        return out;
    }

    /**
     * Same rows, scores equal to a relative {@link #TOLERANCE} of the largest: the Vector API's lane sums may be
     * ordered differently once the JIT compiles them, which moves the last float bits of a gradient (seen: 7e-8).
     */
    static void assertScores(Map<Long, Double> got, Map<Long, Double> want, String what) {
        assertThat(got.keySet()).as(what + ": rows scored").isEqualTo(want.keySet());
        double scale = want.values().stream().mapToDouble(Math::abs).max().orElse(0);
        assertThat(scale).as(what + ": some row has influence").isPositive();
        want.forEach((row, s) -> assertThat(got.get(row)).as(what + ": score of row " + row)
                .isCloseTo(s, within(TOLERANCE * scale)));
    }

    /** Shares derive from the scores; rounding to basis points may move one. */
    static void assertShares(Map<String, Integer> got, Map<String, Integer> want, String what) {
        assertThat(got.keySet()).as(what + ": contributors").isEqualTo(want.keySet());
        want.forEach((c, bps) -> assertThat(got.get(c)).as(what + ": share of " + c).isCloseTo(bps, within(1)));
    }
}
