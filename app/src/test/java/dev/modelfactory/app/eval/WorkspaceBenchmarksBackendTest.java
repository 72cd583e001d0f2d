package dev.modelfactory.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.cli.Cli;
import dev.modelfactory.app.starter.StarterProof;
import dev.modelfactory.app.training.ExactMatch;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.RowConversions;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.backend.Backends;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalListener;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.AdapterChoice;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.NearRow;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.RunRef;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.SuiteRef;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceBenchmarksBackendTest {

    @TempDir
    Path dir;

    private static String cli(Path ws, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--workspace";
        all[1] = ws.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        assertThat(code).as(err.toString()).isZero();
        return out.toString();
    }

    @Test
    void suitesRunsAdaptersAndNearestRowsOverTheWorkspace() throws Exception {
        Path wsDir = dir.resolve("ws");
        Path model = TrainingTestData.tinyModel(dir);
        TrainingTestData.skillDataset(wsDir, dir);
        cli(wsDir, "model", "import", model.toString(), "--name", "tiny");
        var train = new ObjectMapper().readTree(cli(wsDir, "train", "--model", "tiny", "--dataset", "skills",
                "--max-steps", "2", "--batch", "4", "--seq-len", "64", "--json"));
        long trainRun = train.get("runId").asLong();
        Path exported = dir.resolve("exported");
        cli(wsDir, "adapter", "export", "run:" + trainRun, "--out", exported.toString());
        cli(wsDir, "adapter", "import", exported.toString(), "--model", "tiny");

        try (Workspace ws = Workspace.open(wsDir)) {
            WorkspaceBenchmarksBackend backend = new WorkspaceBenchmarksBackend(ws);
            assertThat(backend.models()).containsExactly("tiny");
            // The imported copy has the run's content hash: one choice, the run's.
            List<AdapterChoice> adapters = backend.adapters("tiny");
            assertThat(adapters).hasSize(1);
            assertThat(adapters.getFirst().runId()).isEqualTo(trainRun);
            assertThat(adapters.getFirst().folder()).isDirectory();

            SuiteRef ref = backend.createFromSplit("skills", "sk", List.of(Metric.EXACT_MATCH, Metric.TOKEN_F1));
            assertThat(ref.version()).isEqualTo(1);
            assertThat(backend.suites()).containsExactly(ref);
            EvalSuite suite = backend.suite("sk", 1);
            // The suite's items are exactly the starter proof's test items, in order.
            List<RowConversions.EvalItem> expected = StarterProof.testItems(new DatasetStore(ws), "skills", 1000);
            List<EvalItem> items = suite.tasks().getFirst().items();
            assertThat(items).hasSize(expected.size()).hasSize(ref.items());
            for (int i = 0; i < items.size(); i++) {
                assertThat(items.get(i).prompt()).isEqualTo(expected.get(i).prompt());
                assertThat(items.get(i).reference()).isEqualTo(expected.get(i).expected());
            }

            EvalSystem base = EvalSystem.base("base");
            EvalSystem tuned = EvalSystem.adapter("tuned", adapters.getFirst().folder());
            assertThatThrownBy(() -> backend.run("sk", 1, "tiny", List.of(base, tuned), Decoding.greedy(4),
                    EvalListener.NONE, () -> true)).isInstanceOf(CancellationException.class);
            assertThat(backend.runs()).as("a cancelled job stores nothing").isEmpty();

            Map<String, Integer> done = new ConcurrentHashMap<>();
            RunRef run = backend.run("sk", 1, "tiny", List.of(base, tuned), Decoding.greedy(4),
                    (system, d, total) -> done.merge(system, d, Math::max), () -> false);
            assertThat(done).containsEntry("base", items.size()).containsEntry("tuned", items.size());
            assertThat(run.systems()).containsExactly("base", "tuned");
            assertThat(backend.runs()).containsExactly(run);
            EvalResult result = backend.result(run.id());
            assertThat(result.outcomes()).hasSize(2 * items.size());
            assertThat(result.decoding()).isEqualTo(Decoding.greedy(4));
            assertThat(result.systems()).containsExactly(base, tuned);

            // The base's stored answers are those of the existing single-sequence greedy evaluator.
            List<ItemOutcome> baseOut = result.outcomes("base", "skills", items.stream().map(EvalItem::id).toList());
            try (ModelFiles files = ModelFiles.open(model)) {
                ExactMatch.Result reference = ExactMatch.evaluate(files, null, expected, Backends.best(), 4);
                assertThat(baseOut.stream().map(o -> o.output().strip()).toList()).isEqualTo(reference.answers());
            }

            List<NearRow> near = backend.nearestTrainingRows(tuned, "Is a cat an animal or a plant?", 3);
            assertThat(near).isNotEmpty().hasSizeLessThanOrEqualTo(3);
            assertThat(near).allSatisfy(r -> assertThat(r.contributor()).isEqualTo("alice"));
            assertThat(backend.nearestTrainingRows(base, "Is a cat an animal?", 3)).isEmpty();
            assertThat(Files.isDirectory(exported)).isTrue();
        }
    }
}
