package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code assignSplits}, a freeze with a split and a delete of selected rows are recorded, and undo restores the state before. */
class SplitAndDeleteHistoryTest {

    private static final int ROWS = 200;

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("small", "").id();
        importQuestions(store, ds, dir, ROWS);
    }

    /** Imports {@code rows} Alpaca rows "Question i" / "Answer i" (distinct, untagged) into dataset {@code ds}. */
    static void importQuestions(DatasetStore store, long ds, Path dir, int rows) throws java.io.IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            lines.add("{\"instruction\":\"Question " + i + "\",\"output\":\"Answer " + i + "\"}");
        }
        Path file = Files.write(dir.resolve("rows.jsonl"), lines);
        store.importFile(ds, file, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void assignSplitsIsRecordedAndUndoRestoresTheSplitsBefore() {
        List<Long> first = ids(0, 10);
        store.setStatus(ds, RowSelection.ids(first), RowStatus.REJECTED, null).orElseThrow();
        Map<Long, Split> unsplit = splits();
        assertThat(unsplit.values()).containsOnlyNulls();

        assertThat(store.assignSplits(ds, new SplitSpec(0.5, 0.3, 0.2, 7))).isEqualTo(ROWS - first.size());
        HistoryEntry entry = store.history(ds).getFirst();
        assertThat(entry.kind()).isEqualTo(CurationKind.SPLIT);
        assertThat(entry.rowCount()).isEqualTo(ROWS - first.size());
        assertThat(entry.parameters()).containsEntry("seed", "7").containsEntry("stratifyByTag", "false");
        Map<Long, Split> split = splits();
        assertThat(first).allMatch(id -> split.get(id) == null);
        assertThat(split.values().stream().filter(s -> s != null).collect(Collectors.groupingBy(s -> s, Collectors.counting())))
                .containsOnlyKeys(Split.TRAIN, Split.VALIDATION, Split.TEST);

        // the same split again changes nothing and records nothing, but still answers how many rows it assigned
        assertThat(store.assignSplits(ds, new SplitSpec(0.5, 0.3, 0.2, 7))).isEqualTo(ROWS - first.size());
        assertThat(store.history(ds)).hasSize(2);

        assertThat(store.undo(ds).orElseThrow().kind()).isEqualTo(CurationKind.SPLIT);
        assertThat(splits()).isEqualTo(unsplit);
        store.redo(ds).orElseThrow();
        assertThat(splits()).isEqualTo(split);
    }

    @Test
    void aFreezeWithASplitRecordsTheSplitAndTheVersionKeepsItAfterUndo() {
        DatasetVersion v = store.freeze(ds, new FreezeOptions("split", new SplitSpec(0.8, 0.1, 0.1, 3)));
        assertThat(store.nextUndo(ds).orElseThrow().kind()).isEqualTo(CurationKind.SPLIT);
        Map<Long, Split> split = splits();

        store.undo(ds).orElseThrow();
        assertThat(splits().values()).containsOnlyNulls();
        List<DatasetRow> frozen = store.versionRows(v, null, 0, ROWS);
        assertThat(frozen).hasSize(ROWS).allMatch(r -> r.split() == split.get(r.id()) && r.split() != null);
        assertThat(store.verify(v)).isTrue();
    }

    @Test
    void deletingSelectedRowsIsRecordedAndUndoBringsThemBack() {
        List<Long> gone = ids(5, 8);
        HistoryEntry entry = store.delete(ds, RowSelection.ids(gone), "ada").orElseThrow();
        assertThat(entry.kind()).isEqualTo(CurationKind.DELETE);
        assertThat(entry.rowCount()).isEqualTo(gone.size());
        assertThat(entry.actor()).isEqualTo("ada");
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(ROWS - gone.size());
        assertThat(splits().keySet()).doesNotContainAnyElementsOf(gone);

        store.undo(ds).orElseThrow();
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(ROWS);
        assertThat(splits().keySet()).containsAll(gone);
    }

    /** Ids of rows {@code from..to-1} in import order. */
    private List<Long> ids(int from, int to) {
        return store.rows(ds, RowFilter.ALL, RowSort.INSERTION, from, to - from).stream().map(DatasetRow::id).toList();
    }

    private Map<Long, Split> splits() {
        Map<Long, Split> out = new java.util.HashMap<>();
        for (DatasetRow r : store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, ROWS)) {
            out.put(r.id(), r.split());
        }
        return out;
    }
}
