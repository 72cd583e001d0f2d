package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.NearDuplicateCluster;
import dev.modelfactory.ledger.store.dataset.PiiSpan;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.studio.task.BackgroundTask;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chosen dataset's curation history and checks, without a stage: what Undo and Redo would do (the
 * buttons say it), the latest history entries, undo/redo themselves, the "Run checks" task (progress,
 * cancel) with the flag counts it leaves, the near-duplicate clusters with a recorded "keep one" and the
 * rows of one cluster side by side.
 * Every change calls {@code changed} so the rows and insights are read again. Delivery thread only.
 */
public final class CurationViewModel {

    /** History entries listed. */
    static final int HISTORY_SHOWN = 50;
    /** Near-duplicate clusters listed. */
    static final int CLUSTERS_SHOWN = 20;
    /** Rows of a near-duplicate cluster shown side by side. */
    static final int COMPARED_ROWS = 4;

    private final DatasetCatalog catalog;
    private final TaskSubmitter tasks;
    private final Runnable changed;
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(this, "undoText", "");
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(this, "redoText", "");
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<NearDuplicateCluster> clusters = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> historyView = FXCollections.unmodifiableObservableList(history);
    private final ObservableList<NearDuplicateCluster> clustersView = FXCollections.unmodifiableObservableList(clusters);
    private final ReadOnlyObjectWrapper<Map<RowFlag, Long>> flagCounts = new ReadOnlyObjectWrapper<>(this, "flagCounts", Map.of());
    private final ReadOnlyObjectWrapper<BackgroundTask<CheckSummary>> checkTask = new ReadOnlyObjectWrapper<>(this, "checkTask");
    private final ObservableList<DatasetRow> compared = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<NearDuplicateCluster> comparedCluster = new ReadOnlyObjectWrapper<>(this, "comparedCluster");
    private DatasetSummary dataset;
    private long asked;
    private long comparesAsked;

    CurationViewModel(DatasetCatalog catalog, TaskSubmitter tasks, Runnable changed) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.tasks = tasks;
        this.changed = changed;
    }

    /** Shows the history and flags of another dataset (null: none). */
    void chosen(DatasetSummary now) {
        dataset = now;
        compare(null);
        refresh();
    }

    /** Reads what Undo/Redo would do, the history, the flag counts and the clusters again. */
    public void refresh() {
        long ask = ++asked;
        DatasetSummary of = dataset;
        if (of == null) {
            apply(new State(Optional.empty(), Optional.empty(), List.of(), Map.of(), List.of()));
            return;
        }
        tasks.submit("Read the history of " + of.name(), ctx -> new State(catalog.nextUndo(of.id()), catalog.nextRedo(of.id()),
                catalog.history(of.id(), 0, HISTORY_SHOWN), catalog.flagCounts(of.id(), RowFilter.ALL),
                catalog.nearDuplicateClusters(of.id(), 0, CLUSTERS_SHOWN)), state -> {
            if (ask == asked) {
                apply(state);
            }
        });
    }

    /** Undoes the latest operation (no-op when there is none). */
    public BackgroundTask<Optional<HistoryEntry>> undo() {
        return step("Undo", true);
    }

    /** Redoes the earliest undone operation (no-op when there is none). */
    public BackgroundTask<Optional<HistoryEntry>> redo() {
        return step("Redo", false);
    }

    /** Runs the checks in the background; {@link #checkTaskProperty()} has its progress and cancel. */
    public BackgroundTask<CheckSummary> runChecks() {
        DatasetSummary of = Objects.requireNonNull(dataset, "no dataset chosen");
        BackgroundTask<CheckSummary> task = tasks.submit("Check " + of.name(), ctx -> catalog.runChecks(of.id(),
                (done, total) -> ctx.updateProgress(done, total), ctx::isCancelled), summary -> {
            checkTask.set(null);
            done();
        }, error -> checkTask.set(null), () -> {
            checkTask.set(null);
            done();
        });
        checkTask.set(task);
        return task;
    }

    /** Keeps one row of a near-duplicate cluster, rejecting the others (undoable). */
    public BackgroundTask<Optional<HistoryEntry>> keepOne(NearDuplicateCluster cluster, long rowId) {
        DatasetSummary of = Objects.requireNonNull(dataset, "no dataset chosen");
        return tasks.submit("Keep row " + rowId, ctx -> catalog.keepOneNear(of.id(), cluster.clusterId(), rowId),
                entry -> done());
    }

    /**
     * Shows the first {@link #COMPARED_ROWS} rows of a near-duplicate cluster side by side (null: none);
     * read again after every change, so their statuses stay current.
     */
    public BackgroundTask<List<DatasetRow>> compare(NearDuplicateCluster cluster) {
        long mine = ++comparesAsked;
        comparedCluster.set(cluster);
        DatasetSummary of = dataset;
        if (cluster == null || of == null) {
            compared.clear();
            return null;
        }
        return tasks.submit("Compare near-duplicates", ctx -> catalog.rows(of.id(),
                RowFilter.ALL.withNearDuplicateCluster(cluster.clusterId()), RowSort.INSERTION, 0, COMPARED_ROWS), rows -> {
            if (mine == comparesAsked) {
                compared.setAll(rows);
            }
        });
    }

    /** Looks up a row's PII spans in the background; {@code then} gets them on the delivery thread. */
    void piiSpans(long rowId, java.util.function.Consumer<List<PiiSpan>> then) {
        tasks.submit("Read PII spans of row " + rowId, ctx -> catalog.piiSpans(rowId), then);
    }

    /** Something changed the rows: refresh this and tell the page. */
    void done() {
        refresh();
        if (comparedCluster.get() != null) {
            compare(comparedCluster.get());
        }
        changed.run();
    }

    private BackgroundTask<Optional<HistoryEntry>> step(String title, boolean undo) {
        DatasetSummary of = Objects.requireNonNull(dataset, "no dataset chosen");
        return tasks.submit(title, ctx -> undo ? catalog.undo(of.id()) : catalog.redo(of.id()), entry -> done());
    }

    private void apply(State s) {
        undoText.set(s.undo().map(HistoryEntry::description).orElse(""));
        redoText.set(s.redo().map(HistoryEntry::description).orElse(""));
        history.setAll(s.history());
        flagCounts.set(s.flags());
        clusters.setAll(s.clusters());
    }

    /** What {@link #refresh} reads, in one background call. */
    private record State(Optional<HistoryEntry> undo, Optional<HistoryEntry> redo, List<HistoryEntry> history,
                         Map<RowFlag, Long> flags, List<NearDuplicateCluster> clusters) {
    }

    /** What Undo would undo ("" when nothing). */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** What Redo would redo ("" when nothing). */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** The latest operations, newest first. */
    public ObservableList<HistoryEntry> history() {
        return historyView;
    }

    /** The last check's near-duplicate clusters, largest first. */
    public ObservableList<NearDuplicateCluster> clusters() {
        return clustersView;
    }

    /** Rows per flag, as the last check left them (empty before any check). */
    public ReadOnlyObjectProperty<Map<RowFlag, Long>> flagCountsProperty() {
        return flagCounts.getReadOnlyProperty();
    }

    /** The rows of {@link #comparedClusterProperty()} shown side by side. */
    public ObservableList<DatasetRow> compared() {
        return compared;
    }

    /** The near-duplicate cluster shown side by side, or null. */
    public ReadOnlyObjectProperty<NearDuplicateCluster> comparedClusterProperty() {
        return comparedCluster.getReadOnlyProperty();
    }

    /** The running check, or null. */
    public ReadOnlyObjectProperty<BackgroundTask<CheckSummary>> checkTaskProperty() {
        return checkTask.getReadOnlyProperty();
    }
}
