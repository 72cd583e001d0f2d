package dev.modelfactory.app.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.retrieval.RetrievalHit;
import dev.modelfactory.ledger.retrieval.RetrievalIndexSummary;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The app's retrieval API over a workspace: versions, index once, retrieve by root or prefix, bad input. */
class RetrievalServiceTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private RetrievalService service;
    private DatasetVersion v1;
    private DatasetVersion v2;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        DatasetStore store = new DatasetStore(ws);
        long ds = store.create("notes", "").id();
        importRow(store, ds, "alice", Set.of(Use.TRAIN), "What is a quokka?", "A quokka is a small marsupial.");
        v1 = store.freeze(ds, FreezeOptions.DEFAULT);
        importRow(store, ds, "bob", Set.of(Use.TRAIN, Use.EVAL), "What is a numbat?", "A numbat eats termites.");
        importRow(store, ds, "dave", Set.of(Use.EVAL), "What is a bilby?", "A bilby digs burrows.");
        v2 = store.freeze(ds, FreezeOptions.DEFAULT);
        service = new RetrievalService(ws);
    }

    @AfterEach
    void close() throws Exception {
        service.close();
        ws.close();
    }

    @Test
    void indexesOnceUnderTheWorkspaceAndRetrievesByRootOrPrefix() {
        assertThat(service.versions()).extracting(RetrievalVersion::root, RetrievalVersion::number, RetrievalVersion::indexed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(v1.root(), 1, false),
                        org.assertj.core.groups.Tuple.tuple(v2.root(), 2, false));
        assertThat(service.versions().get(1).displayName()).isEqualTo("notes v2 (" + v2.root().substring(0, 12) + ")");

        List<Long> progress = new ArrayList<>();
        RetrievalIndexSummary s = service.index(v2.root(), (done, total) -> progress.add(done), CancellationToken.NONE);
        assertThat(s.built()).isTrue();
        assertThat(s.rowsIndexed()).isEqualTo(2);
        assertThat(s.rowsExcluded()).isEqualTo(1); // dave allowed EVAL only
        assertThat(s.folder()).isEqualTo(ws.root().resolve("indexes/retrieval/" + v2.root()));
        assertThat(progress.getLast()).isEqualTo(3);
        assertThat(service.isIndexed(v2.root())).isTrue();
        assertThat(service.isIndexed(v1.root())).isFalse();
        assertThat(service.index(v2.root().substring(0, 10), ProgressListener.NONE, CancellationToken.NONE).built()).isFalse();

        List<RetrievalHit> hits = service.retrieve(v2.root().substring(0, 8), "what do numbats eat", 5);
        assertThat(hits).isNotEmpty();
        assertThat(hits.getFirst().contributor()).isEqualTo("bob");
        assertThat(hits.getFirst().text()).isEqualTo("What is a numbat?\nA numbat eats termites.");
        assertThat(service.retrieve(v2.root(), "bilby burrows", 5)).isEmpty();

        // retrieve builds a missing index itself; v1 does not hold v2's rows.
        assertThat(service.retrieve(v1.root(), "numbat", 5)).isEmpty();
        assertThat(service.retrieve(v1.root(), "quokka", 5)).extracting(RetrievalHit::contributor).containsExactly("alice");
        assertThat(Files.isDirectory(service.indexFolder(v1.root()))).isTrue();
    }

    @Test
    void anUnknownOrMalformedVersionIsACleanError() {
        assertThatThrownBy(() -> service.retrieve("0".repeat(64), "q", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dataset has a version");
        assertThatThrownBy(() -> service.index("not-hex", ProgressListener.NONE, CancellationToken.NONE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a version root");
        assertThatThrownBy(() -> service.retrieve(v2.root(), "q", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void importRow(DatasetStore store, long ds, String contributor, Set<Use> uses, String q, String a)
            throws Exception {
        Path file = Files.createTempFile("row", ".jsonl");
        try {
            Files.writeString(file, "{\"instruction\":\"" + q + "\",\"output\":\"" + a + "\"}\n");
            store.importFile(ds, file, ImportOptions.builder().contributor(contributor).allowedUses(uses).build(),
                    ProgressListener.NONE, CancellationToken.NONE);
        } finally {
            Files.delete(file);
        }
    }
}
