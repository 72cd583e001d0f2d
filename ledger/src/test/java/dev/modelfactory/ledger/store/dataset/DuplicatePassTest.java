package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The import pipeline's failure path and the exact-duplicate table's repair after a crash. */
class DuplicatePassTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("dups", "").id();
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private long query(String sql) {
        return ws.jdbc().withConnection("test query", c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aDuplicateTableLeftStaleByACrashIsRebuiltByTheNextQuery() throws Exception {
        Path file = DatasetImportTest.writeAlpaca(dir.resolve("a.jsonl"), 3_000);
        store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
        store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
        assertThat(query("SELECT COUNT(*) FROM dataset_dup")).isEqualTo(6_000);
        // what a crash after a committed batch leaves: rows the table does not know, marked stale
        ws.jdbc().inTransaction("simulate a crash", c -> {
            c.createStatement().executeUpdate("DELETE FROM dataset_dup");
            ExactDuplicates.markStale(c, ds);
            return null;
        });
        assertThat(store.count(ds, RowFilter.ALL.withExactDuplicatesOnly(true))).isEqualTo(6_000);
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(3_000, 3_000, 0));
        assertThat(query("SELECT COUNT(*) FROM dataset_state WHERE dups_current")).isEqualTo(1);
    }

    @Test
    void aFailingImportKeepsWholeBatchesMatchingItsReport() throws Exception {
        Path file = DatasetImportTest.writeAlpaca(dir.resolve("f.jsonl"), 20_000);
        ProgressListener failing = (done, total) -> {
            if (done > total / 2) {
                throw new IllegalStateException("listener broke");
            }
        };
        assertThatThrownBy(() -> store.importFile(ds, file, ImportOptions.builder().batchSize(1_000).build(), failing,
                CancellationToken.NONE)).isInstanceOf(IllegalStateException.class).hasMessage("listener broke");
        long rows = store.count(ds, RowFilter.ALL);
        assertThat(rows).isPositive().isLessThan(20_000).matches(n -> n % 1_000 == 0);
        assertThat(query("SELECT imported FROM import_report")).isEqualTo(rows);
        assertThat(query("SELECT COUNT(*) FROM import_report WHERE status = 'failed'")).isEqualTo(1);
        Path more = DatasetImportTest.writeAlpaca(dir.resolve("g.jsonl"), 10);
        assertThat(store.importFile(ds, more, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE)
                .imported()).as("the workspace still works").isEqualTo(10);
    }
}
