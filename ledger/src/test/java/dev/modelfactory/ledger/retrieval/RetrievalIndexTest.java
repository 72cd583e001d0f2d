package dev.modelfactory.ledger.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The BM25 index of a small version built through the store: known answers, permissions, crash safety. */
class RetrievalIndexTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;
    private Path folder;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("facts", "").id();
        folder = dir.resolve("indexes").resolve("v");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void theRowWithTheRareTermRanksFirstAndScoresAreLuceneBm25ComputedByHand() throws Exception {
        // Stop-word-free words whose English stems are themselves, so lengths and term counts are plain.
        importRows("alice", Set.of(Use.TRAIN, Use.EVAL),
                new String[] {"zebra zebra", "lion tiger"},      // 4 tokens, zebra twice
                new String[] {"zebra giraffe hippo", "lion tiger"}); // 5 tokens, zebra once
        importRows("bob", Set.of(Use.TRAIN),
                new String[] {"eagle falcon", "lion tiger"},     // 4 tokens
                new String[] {"lion tiger", "okapi"});           // 3 tokens, the rare okapi
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        RetrievalIndexSummary s = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(s.built()).isTrue();
        assertThat(s.rowsIndexed()).isEqualTo(4);
        assertThat(s.rowsExcluded()).isZero();

        Map<String, DatasetRow> rows = allRows(v).stream().collect(Collectors.toMap(r -> r.content().messages().get(0).content(), Function.identity()));
        try (RetrievalSearcher searcher = RetrievalSearcher.open(folder, v.root())) {
            List<RetrievalHit> okapi = searcher.search("Where does the okapi live?", 3);
            assertThat(okapi).hasSize(1); // "where", "does", "the", "live" match nothing; only okapi does
            DatasetRow okapiRow = rows.get("lion tiger");
            assertThat(okapi.getFirst().rowHash()).isEqualTo(okapiRow.rowHash());
            assertThat(okapi.getFirst().rowId()).isEqualTo(okapiRow.id());
            assertThat(okapi.getFirst().contributor()).isEqualTo("bob");
            assertThat(okapi.getFirst().text()).isEqualTo("lion tiger\nokapi");

            // Lucene's BM25 (k1 1.2, b 0.75, no (k1 + 1) factor): idf * tf / (tf + k1 * (1 - b + b * dl / avgdl)).
            double avgdl = (4 + 5 + 4 + 3) / 4.0;
            double idfZebra = Math.log(1 + (4 - 2 + 0.5) / (2 + 0.5));
            List<RetrievalHit> zebra = searcher.search("zebra", 10);
            assertThat(zebra).extracting(RetrievalHit::rowHash)
                    .containsExactly(rows.get("zebra zebra").rowHash(), rows.get("zebra giraffe hippo").rowHash());
            assertThat(zebra.get(0).score()).isCloseTo((float) (idfZebra * bm25Tf(2, 4, avgdl)), within(1e-5f));
            assertThat(zebra.get(1).score()).isCloseTo((float) (idfZebra * bm25Tf(1, 5, avgdl)), within(1e-5f));
            assertThat(zebra.get(0).contributor()).isEqualTo("alice");

            // Two query terms beat one; the rarer term weighs more than the common one.
            List<RetrievalHit> both = searcher.search("giraffe lion", 10);
            assertThat(both).hasSize(4);
            assertThat(both.getFirst().rowHash()).isEqualTo(rows.get("zebra giraffe hippo").rowHash());
            double idfLion = Math.log(1 + (4 - 4 + 0.5) / (4 + 0.5));
            double idfGiraffe = Math.log(1 + (4 - 1 + 0.5) / (1 + 0.5));
            assertThat(both.getFirst().score()).isCloseTo(
                    (float) (idfGiraffe * bm25Tf(1, 5, avgdl) + idfLion * bm25Tf(1, 5, avgdl)), within(1e-5f));
            // Among the rows holding only "lion", the shortest scores highest (length normalisation).
            assertThat(both.get(1).rowHash()).isEqualTo(okapiRow.rowHash());
            assertThat(both.get(1).score()).isGreaterThan(both.get(2).score());

            assertThat(searcher.search("the of and", 5)).isEmpty(); // stop words only: no terms at all
            assertThat(searcher.search("zebra", 1)).hasSize(1);
            assertThatThrownBy(() -> searcher.search("zebra", 0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void rowsWhoseContributorDidNotAllowTrainingAreNotIndexed() throws Exception {
        importRows("alice", Set.of(Use.TRAIN), new String[] {"shared words", "alpha"});
        importRows("carol", EnumSet.of(Use.EVAL, Use.ATTRIBUTION_PUBLIC, Use.COMMERCIAL),
                new String[] {"shared words", "secretterm"});
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        RetrievalIndexSummary s = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(s.rowsIndexed()).isEqualTo(1);
        assertThat(s.rowsExcluded()).isEqualTo(1);
        try (RetrievalSearcher searcher = RetrievalSearcher.open(folder, v.root())) {
            assertThat(searcher.rows()).isEqualTo(1);
            assertThat(searcher.search("secretterm", 5)).isEmpty();
            assertThat(searcher.search("shared words", 5)).extracting(RetrievalHit::contributor).containsExactly("alice");
        }
    }

    @Test
    void aCancelledBuildLeavesNothingAndTheNextBuildCompletes() throws Exception {
        importRows("alice", Set.of(Use.TRAIN), new String[] {"zebra", "stripes"}, new String[] {"lion", "mane"});
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        List<Long> progress = new ArrayList<>();
        // Cancelled after the rows are written, before the commit: the most work thrown away.
        int[] checks = {0};
        CancellationToken lateCancel = () -> ++checks[0] > 1;
        assertThatThrownBy(() -> RetrievalIndexBuilder.ensure(store, v, folder, (done, total) -> progress.add(done), lateCancel))
                .isInstanceOf(CancellationException.class);
        assertThat(progress).contains(2L);
        assertThat(Files.exists(folder)).isFalse();
        assertThat(siblings()).isEmpty();
        assertThatThrownBy(() -> RetrievalSearcher.open(folder, v.root())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No complete retrieval index");

        RetrievalIndexSummary s = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(s.built()).isTrue();
        try (RetrievalSearcher searcher = RetrievalSearcher.open(folder, v.root())) {
            assertThat(searcher.search("zebra", 5)).hasSize(1);
        }
    }

    @Test
    void debrisOfACrashedBuildIsReplacedAndACompleteIndexIsNotRebuilt() throws Exception {
        importRows("alice", Set.of(Use.TRAIN), new String[] {"zebra", "stripes"});
        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        // A crash mid-build leaves a temp folder; a folder without a manifest (e.g. copied half) is not an index.
        Files.createDirectories(folder.resolveSibling("v.tmp-123"));
        Files.writeString(folder.resolveSibling("v.tmp-123").resolve("_0.cfs"), "half");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("segments_1"), "garbage");
        assertThat(RetrievalIndexBuilder.isComplete(folder, v.root())).isFalse();

        RetrievalIndexSummary first = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(first.built()).isTrue();
        assertThat(siblings()).isEmpty();
        assertThat(RetrievalIndexBuilder.isComplete(folder, v.root())).isTrue();
        assertThat(RetrievalIndexBuilder.isComplete(folder, "0".repeat(64))).isFalse();
        RetrievalIndexSummary again = RetrievalIndexBuilder.ensure(store, v, folder, ProgressListener.NONE, CancellationToken.NONE);
        assertThat(again.built()).isFalse();
        assertThat(again.rowsIndexed()).isEqualTo(1);
        try (RetrievalSearcher searcher = RetrievalSearcher.open(folder, v.root())) {
            assertThat(searcher.search("stripes", 5)).hasSize(1);
        }
    }

    private static double bm25Tf(int freq, int dl, double avgdl) {
        return freq / (freq + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl));
    }

    private List<Path> siblings() throws Exception {
        try (Stream<Path> s = Files.list(folder.getParent())) {
            return s.filter(p -> p.getFileName().toString().contains(".tmp-")).toList();
        }
    }

    private List<DatasetRow> allRows(DatasetVersion v) {
        return store.versionRows(v, null, 0, 100);
    }

    /** Imports chat rows (instruction, output) under one contributor and set of uses. */
    private void importRows(String contributor, Set<Use> uses, String[]... rows) throws Exception {
        Path file = Files.createTempFile(dir, "rows", ".jsonl");
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append("{\"instruction\":\"").append(r[0]).append("\",\"output\":\"").append(r[1]).append("\"}\n");
        }
        Files.writeString(file, sb);
        store.importFile(ds, file, ImportOptions.builder().contributor(contributor).allowedUses(uses).build(),
                ProgressListener.NONE, CancellationToken.NONE);
    }
}
