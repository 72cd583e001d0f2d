package dev.modelfactory.ledger.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.attribution.AttributionRecord;
import dev.modelfactory.ledger.attribution.DataContribution;
import dev.modelfactory.ledger.attribution.DatasetVersionRecord;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetAttestationsTest {

    @TempDir
    Path dir;

    static final String CURATOR = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

    /** Imports rows "Question n / Answer n" for the given n, as {@code contributor}. */
    static void rows(DatasetStore store, long ds, Path dir, String contributor, Set<Use> uses, int... ns) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (int n : ns) {
            sb.append("{\"instruction\":\"Question ").append(n).append("\",\"output\":\"Answer ").append(n).append("\"}\n");
        }
        Path file = Files.writeString(dir.resolve(contributor + ns[0] + ".jsonl"), sb);
        store.importFile(ds, file, ImportOptions.builder().contributor(contributor).licence("CC-BY-4.0").allowedUses(uses).build(),
                ProgressListener.NONE, CancellationToken.NONE);
    }

    @Test
    void oneContributionPerContributorAndAVersionRecord() throws Exception {
        try (Workspace ws = Workspace.open(dir.resolve("ws"))) {
            DatasetStore store = new DatasetStore(ws);
            DatasetInfo ds = store.create("recipes", "");
            rows(store, ds.id(), dir, "alice", Set.of(Use.TRAIN, Use.EVAL), 1, 2, 3);
            rows(store, ds.id(), dir, "bob", Set.of(Use.TRAIN), 4, 5);
            DatasetVersion v = store.freeze(ds.id(), FreezeOptions.DEFAULT);
            List<AttributionRecord> records = DatasetAttestations.forVersion(store, ds, v, CURATOR, ProgressListener.NONE,
                    CancellationToken.NONE);
            assertThat(records).hasSize(3);
            DataContribution alice = (DataContribution) records.get(0);
            DataContribution bob = (DataContribution) records.get(1);
            assertThat(alice.contributor()).isEqualTo("alice");
            assertThat(alice.rowCount()).isEqualTo(3);
            assertThat(alice.allowedUses()).containsExactly("train", "eval");
            assertThat(alice.datasetVersion()).isEqualTo("0x" + v.root());
            assertThat(bob.rowCount()).isEqualTo(2);
            assertThat(alice.rowsRoot()).isNotEqualTo(bob.rowsRoot());
            assertThat(records.get(2)).isEqualTo(new DatasetVersionRecord("recipes", v.root(), null, CURATOR, null));

            // A single-contributor dataset: the contributor's rows root is the version root itself.
            DatasetInfo solo = store.create("solo", "");
            rows(store, solo.id(), dir, "carol", Set.of(Use.TRAIN), 7, 8, 9, 10);
            DatasetVersion sv = store.freeze(solo.id(), FreezeOptions.DEFAULT);
            DataContribution carol = (DataContribution) DatasetAttestations.forVersion(store, solo, sv, CURATOR,
                    ProgressListener.NONE, CancellationToken.NONE).getFirst();
            assertThat(carol.rowsRoot()).isEqualTo("0x" + sv.root());
        }
    }
}
