package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split and freeze report progress and can be cancelled part-way, leaving the dataset as it was. */
class SplitFreezeCancelTest {

    /** More than twice the 1,000 rows between cancel checks. */
    private static final int ROWS = 2_600;

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("cancel", "").id();
        SplitAndDeleteHistoryTest.importQuestions(store, ds, dir, ROWS);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void aSplitCancelledAfterItsFirstProgressChangesNothingAndRecordsNothing() {
        AtomicBoolean cancel = new AtomicBoolean();
        List<long[]> reports = new ArrayList<>();
        assertThatThrownBy(() -> store.split(ds, new SplitSpec(0.8, 0.1, 0.1, 1), false, null, (done, total) -> {
            reports.add(new long[] {done, total});
            cancel.set(true);
        }, cancel::get)).isInstanceOf(CancellationException.class).hasMessageContaining("nothing was changed");
        assertThat(reports).hasSize(1);
        assertThat(reports.getFirst()).containsExactly(1_000, 2L * ROWS);
        assertThat(store.history(ds)).isEmpty();
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, ROWS)).allMatch(r -> r.split() == null);
    }

    @Test
    void aSplitReportsRowsReadThenRowsRecordedUpToTwiceTheRows() {
        List<Long> done = new ArrayList<>();
        store.split(ds, new SplitSpec(0.8, 0.1, 0.1, 1), false, null, (d, total) -> {
            assertThat(total).isEqualTo(2L * ROWS);
            done.add(d);
        }, CancellationToken.NONE).orElseThrow();
        assertThat(done).isSorted().containsExactly(1_000L, 2_000L, 3_000L, 4_000L, 5_000L);
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, ROWS)).allMatch(r -> r.split() != null);
    }

    @Test
    void aFreezeCancelledWhileHashingMakesNoVersionAndAFreezeToTheEndReportsItsRows() {
        AtomicBoolean cancel = new AtomicBoolean();
        List<Long> done = new ArrayList<>();
        assertThatThrownBy(() -> store.freeze(ds, new FreezeOptions("v1", null), (d, total) -> {
            done.add(d);
            if (d > ROWS) {
                cancel.set(true); // the copy is done; cancel while the root is computed
            }
        }, cancel::get)).isInstanceOf(CancellationException.class).hasMessageContaining("no version was made");
        assertThat(store.versions(ds)).isEmpty();
        assertThat(done).first().isEqualTo((long) ROWS);

        List<long[]> reports = new ArrayList<>();
        DatasetVersion v = store.freeze(ds, new FreezeOptions("v1", null), (d, total) -> reports.add(new long[] {d, total}),
                CancellationToken.NONE);
        assertThat(v.rowCount()).isEqualTo(ROWS);
        assertThat(store.versions(ds)).extracting(DatasetVersion::root).containsExactly(v.root());
        assertThat(reports).allMatch(r -> r[1] == 2L * ROWS);
        assertThat(reports.stream().mapToLong(r -> r[0]).toArray()).isSorted().contains(ROWS, ROWS + 1_000L, ROWS + 2_000L);
        // the same freeze without progress gives the same version (a cancelled attempt left nothing behind)
        assertThat(store.freeze(ds, new FreezeOptions("v1", null)).root()).isEqualTo(v.root());
    }

    @Test
    void aFreezeCancelledBeforeItStartsMakesNoVersion() {
        assertThatThrownBy(() -> store.freeze(ds, new FreezeOptions(null, new SplitSpec(0.8, 0.1, 0.1, 1)),
                ProgressListener.NONE, () -> true)).isInstanceOf(CancellationException.class);
        assertThat(store.versions(ds)).isEmpty();
        assertThat(store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 10)).extracting(DatasetRow::split)
                .containsOnlyNulls();
    }
}
