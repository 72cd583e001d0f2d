package dev.modelfactory.ledger.store.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfactory.ledger.dataset.Conversation;
import dev.modelfactory.ledger.dataset.Message;
import dev.modelfactory.ledger.dataset.RowHash;
import dev.modelfactory.ledger.dataset.Role;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Workspace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurationHistoryTest {

    @TempDir
    Path dir;
    private Workspace ws;
    private DatasetStore store;
    private long ds;

    @BeforeEach
    void open() throws Exception {
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
        ds = store.create("demo", "").id();
        DatasetVersionTest.importRows(store, ds, "a", "b", "c", "d", "a", "A ");
    }

    @AfterEach
    void close() throws Exception {
        ws.close();
    }

    @Test
    void everyOperationUndoesAndRedoesToTheExactStateAcrossReopen() throws Exception {
        long a = id("question a"), b = id("question b");
        long sixth = all().get(5).id(); // "A ": an exact duplicate of "a"
        List<Supplier<Optional<HistoryEntry>>> ops = List.of(
                () -> store.setStatus(ds, RowSelection.ids(List.of(a, b)), RowStatus.REJECTED, "alice"),
                () -> store.setStatus(ds, RowSelection.matching(RowFilter.ALL.withSearch("question c")), RowStatus.ACCEPTED, null),
                () -> store.addTag(ds, RowSelection.matching(RowFilter.ALL), "math", "bob"),
                () -> store.addTag(ds, RowSelection.ids(List.of(a)), "hard", null),
                () -> store.removeTag(ds, RowSelection.matching(RowFilter.ALL.withTag("hard")), "math", null),
                () -> store.delete(ds, RowSelection.ids(List.of(b)), null),
                () -> store.editRow(ds, a, chat("Question a, better", "Answer a, better"), "carol"),
                () -> store.split(ds, new SplitSpec(0.5, 0.25, 0.25, 3), false, null),
                () -> store.split(ds, new SplitSpec(0.5, 0.5, 0, 4), true, null),
                () -> store.rejectDuplicates(ds, true, null),
                () -> store.keepOne(ds, sixth, "dave"));
        List<List<DatasetRow>> states = new ArrayList<>(List.of(all()));
        for (Supplier<Optional<HistoryEntry>> op : ops) {
            Optional<HistoryEntry> done = op.get();
            assertThat(done).as("each operation changes something").isPresent();
            assertThat(all()).isNotEqualTo(states.getLast());
            states.add(all());
        }
        assertThat(store.history(ds)).hasSize(ops.size()).allMatch(e -> !e.undone());
        assertThat(store.history(ds).getFirst().kind()).isEqualTo(CurationKind.KEEP_ONE);
        assertThat(store.history(ds).getFirst().actor()).isEqualTo("dave");
        HistoryEntry accept = store.history(ds).get(ops.size() - 2);
        assertThat(accept.parameters()).containsEntry("status", "accepted").containsEntry("selection", "rows with search=question c");
        assertThat(accept.description()).isEqualTo("accept 1 row");
        assertThat(store.history(ds).getLast().parameters()).containsEntry("selection", "2 row ids");

        for (int i = ops.size() - 1; i >= 0; i--) {
            assertThat(store.undo(ds)).isPresent();
            assertThat(all()).as("undo of operation " + i).isEqualTo(states.get(i));
            if (i == ops.size() / 2) {
                reopen();
            }
        }
        assertThat(store.canUndo(ds)).isFalse();
        assertThat(store.undo(ds)).isEmpty();
        reopen();
        for (int i = 1; i <= ops.size(); i++) {
            assertThat(store.redo(ds)).isPresent();
            assertThat(all()).as("redo of operation " + i).isEqualTo(states.get(i));
        }
        assertThat(store.canRedo(ds)).isFalse();
    }

    @Test
    void aNewOperationAfterUndoDropsTheRedoBranchButANoOpDoesNot() {
        long a = id("question a");
        store.addTag(ds, RowSelection.ids(List.of(a)), "x", null);
        store.addTag(ds, RowSelection.ids(List.of(a)), "y", null);
        HistoryEntry undone = store.undo(ds).orElseThrow();
        assertThat(undone.description()).isEqualTo("tag 1 row with 'y'");
        assertThat(store.nextRedo(ds)).hasValueSatisfying(e -> assertThat(e.id()).isEqualTo(undone.id()));
        assertThat(store.nextUndo(ds).orElseThrow().description()).isEqualTo("tag 1 row with 'x'");

        assertThat(store.addTag(ds, RowSelection.ids(List.of(a)), "x", null)).as("already tagged: nothing to do").isEmpty();
        assertThat(store.canRedo(ds)).isTrue();

        store.addTag(ds, RowSelection.ids(List.of(a)), "z", null);
        assertThat(store.canRedo(ds)).isFalse();
        assertThat(store.history(ds)).extracting(HistoryEntry::description).containsExactly("tag 1 row with 'z'", "tag 1 row with 'x'");
        assertThat(store.historyRows(store.history(ds).getFirst().id(), 0, 10)).containsExactly(a);
    }

    @Test
    void editingARowOfAFrozenVersionLeavesTheVersionAsItWas() {
        long a = id("question a");
        DatasetRow before = store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 1).getFirst();
        DatasetVersion v1 = store.freeze(ds, FreezeOptions.DEFAULT);
        List<DatasetRow> frozen = store.versionRows(v1, null, 0, 100);

        HistoryEntry edit = store.editRow(ds, a, chat("Edited", "Yes"), "carol").orElseThrow();
        assertThat(edit.actor()).isEqualTo("carol");
        DatasetRow after = row(a);
        assertThat(after.rowHash()).isEqualTo(RowHash.of(chat("Edited", "Yes"))).isNotEqualTo(before.rowHash());
        assertThat(after.source()).isEqualTo(before.source());
        assertThat(after.contributor()).isEqualTo(before.contributor());
        assertThat(store.count(ds, RowFilter.ALL)).as("the archived copy is not in the working set").isEqualTo(6);

        assertThat(store.verify(v1)).isTrue();
        assertThat(versionContent(v1)).isEqualTo(frozen.stream().map(r -> r.rowHash() + r.content()).sorted().toList());
        assertThat(store.versionRows(v1, null, 0, 100)).allMatch(r -> r.datasetId() == ds);

        DatasetVersion v2 = store.freeze(ds, FreezeOptions.DEFAULT);
        store.undo(ds);
        assertThat(row(a)).isEqualTo(before);
        assertThat(store.verify(v1)).isTrue();
        assertThat(store.verify(v2)).as("the undo did not change the row v2 froze either").isTrue();
        store.redo(ds);
        assertThat(row(a)).isEqualTo(after);
        // diff compares hashes as sets: the other row "a" still carries the old hash, so nothing is removed
        assertThat(store.diff(v1, v2)).isEqualTo(new VersionDiff(v1.root(), v2.root(), 1, 0, 5));
    }

    @Test
    void deletedRowsLeaveTheWorkingSetAndComeBackOnUndo() {
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(1, 2, 0));
        HistoryEntry e = store.delete(ds, RowSelection.matching(RowFilter.ALL.withExactDuplicatesOnly(true)), null).orElseThrow();
        assertThat(e.rowCount()).isEqualTo(3);
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(3);
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(0, 0, 0));
        assertThat(store.freeze(ds, FreezeOptions.DEFAULT).rowCount()).isEqualTo(3);
        store.undo(ds);
        assertThat(store.count(ds, RowFilter.ALL)).isEqualTo(6);
        assertThat(store.duplicates(ds)).isEqualTo(new DuplicateSummary(1, 2, 0));
    }

    @Test
    void keepOneAndRejectDuplicates() {
        List<Long> group = store.rows(ds, RowFilter.ALL.withExactDuplicatesOnly(true), RowSort.INSERTION, 0, 10)
                .stream().map(DatasetRow::id).toList();
        assertThat(group).hasSize(3);
        HistoryEntry kept = store.keepOne(ds, group.get(1), null).orElseThrow();
        assertThat(kept.rowCount()).isEqualTo(2);
        assertThat(row(group.get(1)).status()).isEqualTo(RowStatus.PENDING);
        assertThat(row(group.get(0)).status()).isEqualTo(RowStatus.REJECTED);
        assertThat(store.rejectDuplicates(ds, true, null)).as("none left").isEmpty();
        store.undo(ds);
        HistoryEntry last = store.rejectDuplicates(ds, false, null).orElseThrow();
        assertThat(last.description()).isEqualTo("reject 2 rows duplicating a later row");
        assertThat(row(group.get(2)).status()).isEqualTo(RowStatus.PENDING);
    }

    @Test
    void undoRefusesWhenRowsChangedOutsideTheHistory() {
        long a = id("question a");
        store.setStatus(ds, RowSelection.ids(List.of(a)), RowStatus.ACCEPTED, null);
        store.setStatus(ds, List.of(a), RowStatus.REJECTED); // the unrecorded API
        List<DatasetRow> state = all();
        assertThatThrownBy(() -> store.undo(ds)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot undo 'accept 1 row'").hasMessageContaining("1 of its 1 rows");
        assertThat(all()).isEqualTo(state);
        assertThat(store.canUndo(ds)).isTrue();
    }

    @Test
    void badArgumentsAreRefusedAndRecordNothing() {
        long a = id("question a");
        assertThatThrownBy(() -> store.editRow(ds, a, chat(" ", ""), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> store.editRow(ds, 999_999, chat("x", "y"), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no row 999999");
        assertThatThrownBy(() -> store.addTag(ds, RowSelection.ids(List.of(a)), " ", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(12345, RowSelection.ids(List.of(a)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no dataset");
        assertThat(store.history(ds)).isEmpty();
    }

    private static Conversation chat(String user, String assistant) {
        return Conversation.of(List.of(Message.of(Role.USER, user), Message.of(Role.ASSISTANT, assistant)));
    }

    private List<String> versionContent(DatasetVersion v) {
        return store.versionRows(v, null, 0, 100).stream().map(r -> r.rowHash() + r.content()).sorted().toList();
    }

    private long id(String search) {
        return store.rows(ds, RowFilter.ALL.withSearch(search), RowSort.INSERTION, 0, 1).getFirst().id();
    }

    private DatasetRow row(long id) {
        return store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 100).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    private List<DatasetRow> all() {
        return store.rows(ds, RowFilter.ALL, RowSort.INSERTION, 0, 100);
    }

    private void reopen() throws Exception {
        ws.close();
        ws = Workspace.open(dir.resolve("ws"));
        store = new DatasetStore(ws);
    }
}
