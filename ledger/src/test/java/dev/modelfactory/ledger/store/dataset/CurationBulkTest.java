package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.BufferedWriter;
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

/** Bulk operations by filter on 12,000 rows, and stratified splits. */
class CurationBulkTest {

    private static final int ROWS = 12_000;

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("big", "").id();
        importTagged(ds, false);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void bulkOperationsByFilterOn12000RowsUndoAndRedoExactly() throws Exception {
        List<DatasetRow> s0 = all();
        assertThat(s0).hasSize(ROWS);
        long tagged = store.addTag(ds, RowSelection.matching(RowFilter.ALL), "reviewed", "alice").orElseThrow().rowCount();
        assertThat(tagged).isEqualTo(ROWS);
        List<DatasetRow> s1 = all();
        assertThat(store.setStatus(ds, RowSelection.matching(RowFilter.ALL.withTag("small")), RowStatus.REJECTED, null)
                .orElseThrow().rowCount()).isEqualTo(ROWS / 4);
        List<DatasetRow> s2 = all();
        assertThat(store.split(ds, new SplitSpec(0.8, 0.1, 0.1, 42), true, null)).isPresent();
        List<DatasetRow> s3 = all();
        assertThat(store.removeTag(ds, RowSelection.matching(RowFilter.ALL.withSplit(Split.TRAIN)), "reviewed", null)).isPresent();
        List<DatasetRow> s4 = all();
        // 1,000 rows repeat earlier ones; 250 of them are tagged "small" and were rejected above
        assertThat(store.rejectDuplicates(ds, true, null).orElseThrow().rowCount()).isEqualTo(750);
        List<DatasetRow> s5 = all();
        assertThat(store.delete(ds, RowSelection.matching(RowFilter.ALL.withSearch("question 1")), null)).isPresent();
        List<DatasetRow> s6 = all();
        assertThat(s6.size()).isLessThan(ROWS);

        List<List<DatasetRow>> states = List.of(s0, s1, s2, s3, s4, s5, s6);
        for (int i = states.size() - 2; i >= 0; i--) {
            store.undo(ds).orElseThrow();
            assertThat(all()).as("after undoing to state " + i).isEqualTo(states.get(i));
        }
        ws.close();
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        for (int i = 1; i < states.size(); i++) {
            store.redo(ds).orElseThrow();
            assertThat(all()).as("after redoing to state " + i).isEqualTo(states.get(i));
        }
    }

    @Test
    void stratifiedSplitDividesEachTagByTheRatiosDeterministicallyAndVersionsKeepTheirSplits() throws Exception {
        store.split(ds, new SplitSpec(0.8, 0.1, 0.1, 7), true, null).orElseThrow();
        Map<String, Long> counts = countsByTagAndSplit();
        // tags: "small" 3000 rows, "large" 9000 rows (incl. 1000 exact duplicates of earlier rows)
        assertThat(counts).containsEntry("small/train", 2400L).containsEntry("small/validation", 300L)
                .containsEntry("small/test", 300L).containsEntry("large/train", 7200L)
                .containsEntry("large/validation", 900L).containsEntry("large/test", 900L);

        long other = store.create("reversed", "").id();
        importTagged(other, true);
        store.split(other, new SplitSpec(0.8, 0.1, 0.1, 7), true, null).orElseThrow();
        assertThat(splitByHash(other)).as("same rows and seed, any import order: same split").isEqualTo(splitByHash(ds));

        DatasetVersion v = store.freeze(ds, FreezeOptions.DEFAULT);
        Map<String, Split> frozen = store.versionRows(v, null, 0, 10_000).stream()
                .collect(Collectors.toMap(DatasetRow::rowHash, DatasetRow::split, (x, y) -> x));
        store.split(ds, new SplitSpec(0.5, 0.5, 0, 8), false, null).orElseThrow();
        assertThat(splitByHash(ds)).isNotEqualTo(splitByHash(other));
        Map<String, Split> still = store.versionRows(v, null, 0, 10_000).stream()
                .collect(Collectors.toMap(DatasetRow::rowHash, DatasetRow::split, (x, y) -> x));
        assertThat(still).isEqualTo(frozen);
        assertThat(store.verify(v)).isTrue();
    }

    @Test
    void theRecordedSplitWithoutStrataEqualsAssignSplits() {
        long other = store.create("copy", "").id();
        try {
            importTagged(other, true);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        store.assignSplits(other, new SplitSpec(0.7, 0.2, 0.1, 99));
        store.split(ds, new SplitSpec(0.7, 0.2, 0.1, 99), false, null).orElseThrow();
        assertThat(splitByHash(ds)).isEqualTo(splitByHash(other));
    }

    private Map<String, Long> countsByTagAndSplit() {
        return all().stream().collect(Collectors.groupingBy(r -> r.content().tags().getFirst() + "/" + r.split().wire(),
                Collectors.counting()));
    }

    private Map<String, List<String>> splitByHash(long dataset) {
        List<DatasetRow> rows = new ArrayList<>();
        for (long offset = 0; ; offset += 10_000) {
            List<DatasetRow> page = store.rows(dataset, RowFilter.ALL, RowSort.INSERTION, offset, 10_000);
            rows.addAll(page);
            if (page.size() < 10_000) {
                break;
            }
        }
        // rows with equal content and tags are interchangeable: compare the sorted splits of each such group
        return rows.stream().collect(Collectors.groupingBy(r -> r.rowHash() + r.content().tags(), java.util.TreeMap::new,
                Collectors.mapping(r -> String.valueOf(r.split()), Collectors.collectingAndThen(Collectors.toList(),
                        l -> l.stream().sorted().toList()))));
    }

    private List<DatasetRow> all() {
        List<DatasetRow> out = new ArrayList<>();
        for (long offset = 0; ; offset += 10_000) {
            List<DatasetRow> page = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, offset, 10_000);
            out.addAll(page);
            if (page.size() < 10_000) {
                return out;
            }
        }
    }

    /** 12,000 rows: every 4th tagged "small", the others "large"; rows 11,000.. repeat rows 0..999 ("large" ones' text). */
    private void importTagged(long dataset, boolean reversed) throws Exception {
        Path file = dir.resolve("rows-" + dataset + ".jsonl");
        List<String> lines = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            int text = i >= 11_000 ? (i - 11_000) * 4 + 1 : i;
            String tag = i % 4 == 0 ? "small" : "large";
            lines.add("{\"instruction\":\"Question " + text + "\",\"output\":\"Answer " + text + "\",\"tags\":[\"" + tag + "\"]}");
        }
        if (reversed) {
            java.util.Collections.reverse(lines);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (String l : lines) {
                w.write(l);
                w.newLine();
            }
        }
        store.importFile(dataset, file, ImportOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
    }
}
