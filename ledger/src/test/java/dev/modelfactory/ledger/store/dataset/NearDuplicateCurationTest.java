package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Near-duplicate curation through the history: reject all but one per cluster, keep one of a cluster; undo/redo. */
class NearDuplicateCurationTest {

    private static final String LONG = "The committee met on Tuesday to review the annual budget and agreed that the new library"
            + " should open in the spring after the final inspection of the building by the city engineers";

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("near", "").id();
        Path file = Files.writeString(dir.resolve("rows.jsonl"), """
                {"instruction":"Summarise the meeting","output":"%1$s."}
                {"instruction":"Hi","output":"Hello there, how are you today?"}
                {"instruction":"Summarise the meeting","output":"%1$s, as planned."}
                {"instruction":"Summarise the meeting please","output":"%1$s, as planned."}
                """.formatted(LONG));
        store.importFile(ds, file, ImportOptions.builder().contributor("alice").build(), ProgressListener.NONE,
                CancellationToken.NONE);
        store.runChecks(ds, CheckOptions.builder().build(), ProgressListener.NONE, CancellationToken.NONE);
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    private List<Long> rejected() {
        return store.rows(ds, RowFilter.ALL.withStatus(RowStatus.REJECTED), RowSort.INSERTION, 0, 10).stream()
                .map(DatasetRow::id).toList();
    }

    private List<Long> meetingRows() {
        long cluster = store.nearDuplicateClusters(ds, 0, 10).getFirst().clusterId();
        return store.rows(ds, RowFilter.ALL.withNearDuplicateCluster(cluster), RowSort.INSERTION, 0, 10).stream()
                .map(DatasetRow::id).toList();
    }

    @Test
    void rejectNearDuplicatesKeepsTheFirstOfEachClusterAndUndoes() {
        assertThat(store.nearDuplicateClusters(ds, 0, 10)).hasSize(1);
        List<Long> members = meetingRows();
        assertThat(members).hasSize(3);

        HistoryEntry e = store.rejectNearDuplicates(ds, "tester").orElseThrow();
        assertThat(e.rowCount()).isEqualTo(2);
        assertThat(rejected()).containsExactlyElementsOf(members.subList(1, 3));
        assertThat(store.rejectNearDuplicates(ds, "tester")).as("nothing left to reject").isEmpty();

        assertThat(store.undo(ds)).isPresent();
        assertThat(rejected()).isEmpty();
        assertThat(store.redo(ds)).isPresent();
        assertThat(rejected()).containsExactlyElementsOf(members.subList(1, 3));
    }

    @Test
    void keepOneNearRejectsTheOtherMembersAndIsUndoable() {
        List<Long> members = meetingRows();
        long cluster = members.getFirst();
        HistoryEntry e = store.keepOneNear(ds, cluster, members.get(2), null).orElseThrow();
        assertThat(e.rowCount()).isEqualTo(2);
        assertThat(rejected()).containsExactly(members.get(0), members.get(1));
        assertThat(store.nextUndo(ds)).map(HistoryEntry::description).hasValueSatisfying(d -> assertThat(d).contains("keep row"));
        assertThat(store.keepOneNear(ds, cluster, members.get(2), null)).isEmpty();
        store.undo(ds);
        assertThat(rejected()).isEmpty();
        long other = store.rows(ds, RowFilter.ALL.withSearch("Hello there"), RowSort.INSERTION, 0, 1).getFirst().id();
        assertThatThrownBy(() -> store.keepOneNear(ds, cluster, other, null)).hasMessageContaining("not in near-duplicate cluster");
    }
}
