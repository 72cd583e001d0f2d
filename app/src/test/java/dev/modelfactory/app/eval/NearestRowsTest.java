package dev.modelfactory.app.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.app.training.TrainingTestData;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.studio.benchmarks.BenchmarksBackend.NearRow;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearestRowsTest {

    @TempDir
    Path dir;

    @Test
    void theNearestTrainRowsComeBestFirstFromContributorsWhoAllowTraining() throws Exception {
        Path wsDir = dir.resolve("ws");
        TrainingTestData.skillDataset(wsDir, dir);
        try (Workspace ws = Workspace.open(wsDir)) {
            DatasetStore store = new DatasetStore(ws);
            DatasetVersion v = store.versions(store.findByName("skills").orElseThrow().id()).getLast();
            List<NearRow> rows = NearestRows.find(store, "skills", v.root(), "Tell me: tiger, animal or plant?", 5);
            assertThat(rows).hasSize(5);
            assertThat(rows).extracting(NearRow::overlap).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            assertThat(rows).allSatisfy(r -> {
                assertThat(r.contributor()).isEqualTo("alice"); // bob allows EVAL only
                assertThat(r.dataset()).isEqualTo("skills");
                assertThat(r.version()).isEqualTo(1);
                assertThat(r.overlap()).isBetween(0.0, 1.0);
            });
            // The same question form shares far more n-grams than the other forms do.
            assertThat(rows.getFirst().preview()).startsWith("Tell me:");
            // A text sharing no word with any row finds nothing; the bob marker is never a TRAIN row.
            assertThat(NearestRows.find(store, "skills", v.root(), "zzz qqq", 3)).isEmpty();
            assertThat(NearestRows.find(store, "skills", v.root(), "bobsecret number", 3)).isEmpty();
        }
    }
}
