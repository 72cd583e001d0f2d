package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelfactory.app.training.AdapterCatalog;
import dev.modelfactory.app.training.ModelFiles;
import dev.modelfactory.app.training.RowRef;
import dev.modelfactory.app.training.TrainingInputException;
import dev.modelfactory.app.training.TrainingRefs;
import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.engine.adapter.AdapterTensor;
import dev.modelfactory.engine.adapter.PeftAdapter;
import dev.modelfactory.engine.adapter.PeftAdapterConfig;
import dev.modelfactory.engine.model.LlamaConfig;
import dev.modelfactory.engine.serve.lora.LoraLayout;
import dev.modelfactory.engine.tokenizer.Tokenizer;
import dev.modelfactory.engine.train.LoraConfig;
import dev.modelfactory.engine.train.LoraTarget;
import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The span service on a tiny workspace: a tiny model and four contributors' rows, one of whom forbids TRAIN. */
class SpanIndexServiceTest {

    static final String ALICE = "the purple giraffe painted seven tiny lighthouses near the café crème";
    static final String CAROL = "an orange kettle whistles forever";
    static final String BOB = "the hidden walrus counts nine pebbles";
    static final String OUTPUT = "Yesterday " + ALICE + ", while " + CAROL + "; " + BOB + " and the silver moon sings"
            + " quietly.";

    @TempDir
    Path dir;

    @Test
    void findsVerbatimSpansOfTrainingRowsOnly() throws IOException {
        Path model = TrainingTestData.tinyModel(Files.createDirectories(dir.resolve("m")));
        Path wsDir = dir.resolve("ws");
        String root;
        String modelId;
        try (Workspace ws = Workspace.open(wsDir)) {
            modelId = TrainingRefs.model(ws, model.toString()).id();
            root = dataset(ws);
        }
        try (Workspace ws = Workspace.open(wsDir); SpanIndexService spans = new SpanIndexService(ws);
                ModelFiles files = ModelFiles.open(model)) {
            assertThatThrownBy(() -> spans.index(modelId, root, ProgressListener.NONE, () -> true))
                    .isInstanceOf(CancellationException.class);
            assertThat(filesUnder(wsDir.resolve("indexes"))).isEmpty();
            assertThat(spans.existing(modelId, root)).isEmpty();

            AtomicLong last = new AtomicLong(-1);
            AtomicLong total = new AtomicLong();
            SpanReport r = spans.spans(modelId, root.substring(0, 10), OUTPUT, SpanOptions.defaults(), (d, t) -> {
                assertThat(d).isGreaterThanOrEqualTo(last.get());
                last.set(d);
                total.set(t);
            }, CancellationToken.NONE);
            assertThat(last.get()).isEqualTo(total.get()).isPositive();
            assertThat(r.index().rows()).isEqualTo(4); // alice's two rows and carol's two; bob's are EVAL only
            assertThat(r.index().file()).isEqualTo(wsDir.resolve("indexes/spans/" + root + "/model-"
                    + modelId.substring(0, 16) + ".sa"));

            SpanHit alice = hitContaining(r, "giraffe");
            assertThat(text(alice)).isEqualTo(ALICE); // without the space the first token carries
            assertThat(alice.occurrences()).isEqualTo(1);
            assertThat(alice.rows()).hasSize(1);
            RowRef aliceRow = alice.rows().getFirst().row();
            assertThat(aliceRow.contributor()).isEqualTo("alice");
            assertThat(aliceRow.rowHash()).isEqualTo(rowWith(ws, root, "giraffe").rowHash());
            assertThat(aliceRow.rowId()).isEqualTo(rowWith(ws, root, "giraffe").id());
            assertThat(alice.rows().getFirst().snippet()).contains("purple giraffe").contains("crème");

            SpanHit carol = hitContaining(r, "kettle");
            assertThat(text(carol)).isEqualTo(CAROL);
            assertThat(carol.occurrences()).isEqualTo(2);
            assertThat(carol.rowsTotal()).isEqualTo(2);
            assertThat(carol.rows()).extracting(row -> row.row().contributor()).containsExactly("carol", "carol");
            assertThat(carol.rows()).allSatisfy(row -> assertThat(row.snippet()).contains("orange kettle"));

            // Token ranges and character ranges agree with the tokenizer.
            Tokenizer tok = files.tokenizer();
            int[] ids = tok.encode(OUTPUT, false);
            assertThat(r.outputTokens()).isEqualTo(ids.length);
            for (SpanHit h : r.spans()) {
                assertThat(h.tokenLength()).isGreaterThanOrEqualTo(4);
                assertThat(text(h)).isEqualTo(tok.decode(java.util.Arrays.copyOfRange(ids, h.tokenStart(),
                        h.tokenEnd())).strip());
                // Rows not allowing TRAIN are never indexed; a span never runs from one message into the next.
                assertThat(text(h)).doesNotContain("walrus").doesNotContain("silver moon");
            }
            assertThat(r.contributors()).extracting(SpanContributorTokens::contributor).doesNotContain("bob")
                    .contains("alice", "carol");
            for (SpanContributorTokens c : r.contributors()) {
                Set<Integer> covered = new HashSet<>();
                Set<Long> rows = new HashSet<>();
                for (SpanHit h : r.spans()) {
                    if (h.rows().stream().anyMatch(row -> row.row().contributor().equals(c.contributor()))) {
                        for (int t = h.tokenStart(); t < h.tokenEnd(); t++) {
                            covered.add(t);
                        }
                        h.rows().stream().filter(row -> row.row().contributor().equals(c.contributor()))
                                .forEach(row -> rows.add(row.row().rowId()));
                    }
                }
                assertThat(c.matchedTokens()).as(c.contributor()).isEqualTo(covered.size());
                assertThat(c.rows()).as(c.contributor()).isEqualTo(rows.size());
            }
            assertThat(r.contributors().stream().filter(c -> c.contributor().equals("carol")).findFirst().orElseThrow()
                    .matchedTokens()).isGreaterThanOrEqualTo(carol.tokenLength());
            assertThat(r.matchedTokens()).isLessThan(r.outputTokens());

            SpanReport longer = spans.spans(modelId, root, OUTPUT, SpanOptions.defaults().withMinTokens(1000),
                    ProgressListener.NONE, CancellationToken.NONE);
            assertThat(longer.spans()).isEmpty();
            assertThat(longer.contributors()).isEmpty();
            assertThatThrownBy(() -> spans.spans(modelId, "0000000000", OUTPUT))
                    .isInstanceOf(TrainingInputException.class).hasMessageContaining("version");
        }

        // A second service reuses the stored index: no build, no progress.
        try (Workspace ws = Workspace.open(wsDir); SpanIndexService spans = new SpanIndexService(ws)) {
            assertThat(spans.existing(modelId, root)).isPresent();
            List<Long> calls = new ArrayList<>();
            SpanReport again = spans.spans(modelId, root, OUTPUT, SpanOptions.defaults(), (d, t) -> calls.add(d),
                    CancellationToken.NONE);
            assertThat(calls).isEmpty();
            assertThat(text(hitContaining(again, "kettle"))).isEqualTo(CAROL);
        }

        // A damaged index is refused, naming the file.
        Path sa = wsDir.resolve("indexes/spans/" + root + "/model-" + modelId.substring(0, 16) + ".sa");
        try (FileChannel ch = FileChannel.open(sa, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 4);
        }
        try (Workspace ws = Workspace.open(wsDir); SpanIndexService spans = new SpanIndexService(ws)) {
            assertThatThrownBy(() -> spans.spans(modelId, root, OUTPUT)).isInstanceOf(SpanIndexException.class)
                    .hasMessageContaining(sa.toString()).hasMessageContaining("truncated");
        }
    }

    /** An adapter (by hash prefix or PEFT folder) answers with its base model's tokenizer and index. */
    @Test
    void anAdapterUsesItsBaseModelsTokenizer() throws IOException {
        Path model = TrainingTestData.tinyModel(Files.createDirectories(dir.resolve("m")));
        Path wsDir = dir.resolve("ws");
        try (Workspace ws = Workspace.open(wsDir); SpanIndexService spans = new SpanIndexService(ws);
                ModelFiles base = ModelFiles.open(model)) {
            String modelId = TrainingRefs.model(ws, model.toString()).id();
            String root = dataset(ws);
            Path folder = randomAdapter(base.config(), model.toString(), dir.resolve("peft"));
            String hash = new AdapterCatalog(ws).importAdapter(folder, base).hash();
            SpanReport byModel = spans.spans(modelId, root, OUTPUT);
            SpanReport byHash = spans.spans(hash.substring(0, 10), root, OUTPUT);
            SpanReport byFolder = spans.spans(folder.toString(), root, OUTPUT);
            assertThat(byHash.index()).isEqualTo(byModel.index());
            assertThat(byFolder.index()).isEqualTo(byModel.index());
            assertThat(byHash.spans()).isEqualTo(byModel.spans());
            assertThatThrownBy(() -> spans.spans("no-such-thing", root, OUTPUT))
                    .isInstanceOf(TrainingInputException.class).hasMessageContaining("no-such-thing");
        }
    }

    static Path randomAdapter(LlamaConfig c, String baseModel, Path folder) {
        Set<LoraTarget> targets = Set.of(LoraTarget.Q, LoraTarget.V);
        SplittableRandom r = new SplittableRandom(5);
        Map<String, AdapterTensor> t = new TreeMap<>();
        for (int l = 0; l < c.layers(); l++) {
            for (LoraTarget target : targets) {
                int[] outIn = LoraLayout.outIn(LoraLayout.projection(target), c);
                t.put(target.peftKey(l, true), new AdapterTensor(new int[] {2, outIn[1]}, random(r, 2 * outIn[1])));
                t.put(target.peftKey(l, false), new AdapterTensor(new int[] {outIn[0], 2}, random(r, outIn[0] * 2)));
            }
        }
        new PeftAdapter(new PeftAdapterConfig(new LoraConfig(targets, 2, 4f, 0f, false), baseModel), t).save(folder);
        return folder;
    }

    static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-0.1, 0.1);
        }
        return x;
    }

    static String text(SpanHit h) {
        return OUTPUT.substring(h.charStart(), h.charEnd());
    }

    static SpanHit hitContaining(SpanReport r, String word) {
        return r.spans().stream().filter(h -> text(h).contains(word)).findFirst()
                .orElseThrow(() -> new AssertionError("no span contains '" + word + "': " + r.spans()));
    }

    static List<Path> filesUnder(Path p) throws IOException {
        if (!Files.exists(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static DatasetRow rowWith(Workspace ws, String root, String word) {
        DatasetStore store = new DatasetStore(ws);
        DatasetVersion v = store.version(store.findByName("facts").orElseThrow().id(), root).orElseThrow();
        return store.versionRows(v, null, 0, 100).stream()
                .filter(row -> row.content().messages().stream().anyMatch(m -> m.content().contains(word)))
                .findFirst().orElseThrow();
    }

    /** Dataset "facts": alice and carol allow TRAIN, bob only EVAL; frozen without a split. */
    String dataset(Workspace ws) throws IOException {
        DatasetStore store = new DatasetStore(ws);
        long id = store.create("facts", "span test").id();
        importRows(store, id, "alice", Set.of(Use.TRAIN, Use.EVAL), List.of(
                Map.of("instruction", "Describe the scene", "output", ALICE),
                Map.of("instruction", "the silver", "output", "moon sings quietly")));
        importRows(store, id, "carol", Set.of(Use.TRAIN), List.of(
                Map.of("instruction", "Kitchen?", "output", CAROL),
                Map.of("instruction", "Again", "output", "Yes, " + CAROL)));
        importRows(store, id, "bob", Set.of(Use.EVAL), List.of(Map.of("instruction", "Secret", "output", BOB)));
        return store.freeze(id, new FreezeOptions("v1", null)).root();
    }

    void importRows(DatasetStore store, long id, String who, Set<Use> uses, List<Map<String, String>> rows)
            throws IOException {
        ObjectMapper json = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        for (Map<String, String> r : rows) {
            b.append(json.writeValueAsString(r)).append('\n');
        }
        Path f = dir.resolve(who + ".jsonl");
        Files.writeString(f, b.toString());
        store.importFile(id, f, ImportOptions.builder().format(DatasetFormat.ALPACA).contributor(who)
                .licence("CC-BY-4.0").allowedUses(uses).build(), ProgressListener.NONE, CancellationToken.NONE);
    }
}
