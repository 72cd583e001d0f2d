package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.List;
import java.util.Optional;

/**
 * The curation operations of {@link DatasetStore} that are recorded in a dataset's history, and undo /
 * redo over it (ADR 0010): the half of the store's API that changes rows. Logic in {@link CurationOps},
 * {@link CurationSplits} and {@link CurationHistory}; this class only names the operations.
 */
abstract sealed class CurationWithHistory permits DatasetStore {

    private final Database db;

    CurationWithHistory(Database db) {
        this.db = db;
    }

    /**
     * Replaces a row's content (messages, text, tools; tags in {@code content} are ignored). The row keeps
     * its id, contributor, licence, uses, source, split, status and tags; its hashes change. A frozen
     * version that holds the row keeps the old content.
     *
     * @param actor who edits (wallet address or name), or null
     * @return the history entry, or empty if the content is unchanged
     * @throws IllegalArgumentException if the row is not in the dataset's working set, or the content is empty or too large
     */
    public Optional<HistoryEntry> editRow(long datasetId, long rowId, dev.modelfactory.ledger.dataset.Conversation content,
                                          String actor) {
        return new CurationOps(db).edit(datasetId, rowId, content, actor);
    }

    /** Sets the curation status of the selected rows, recorded; empty if no row changes. */
    public Optional<HistoryEntry> setStatus(long datasetId, RowSelection rows, RowStatus status, String actor) {
        return new CurationOps(db).setStatus(datasetId, rows, status, actor);
    }

    /** Adds a tag to the selected rows lacking it, recorded; empty if no row changes. */
    public Optional<HistoryEntry> addTag(long datasetId, RowSelection rows, String tag, String actor) {
        return new CurationOps(db).addTag(datasetId, rows, tag, actor);
    }

    /** Removes a tag from the selected rows carrying it, recorded; empty if no row changes. */
    public Optional<HistoryEntry> removeTag(long datasetId, RowSelection rows, String tag, String actor) {
        return new CurationOps(db).removeTag(datasetId, rows, tag, actor);
    }

    /** Takes the selected rows out of the working set (undo brings them back; versions keep them); recorded. */
    public Optional<HistoryEntry> delete(long datasetId, RowSelection rows, String actor) {
        return new CurationOps(db).delete(datasetId, rows, actor);
    }

    /** Rejects every exact duplicate but the first (or last) of each group, recorded; empty if there is none. */
    public Optional<HistoryEntry> rejectDuplicates(long datasetId, boolean keepFirst, String actor) {
        return new CurationOps(db).rejectDuplicates(datasetId, keepFirst, actor);
    }

    /** Keeps one row of its exact-duplicate group and rejects the others, recorded; empty if none to reject. */
    public Optional<HistoryEntry> keepOne(long datasetId, long rowId, String actor) {
        return new CurationOps(db).keepOne(datasetId, rowId, actor);
    }

    /**
     * Rejects every member of the last check's near-duplicate clusters that has an earlier member not
     * rejected (one row per cluster stays), recorded; empty if there is none.
     */
    public Optional<HistoryEntry> rejectNearDuplicates(long datasetId, String actor) {
        return new CurationOps(db).rejectNearDuplicates(datasetId, actor);
    }

    /**
     * "Keep one" for a near-duplicate cluster, recorded (undoable): rejects the cluster's other members not
     * rejected yet; empty if none to reject.
     *
     * @throws IllegalArgumentException if the row is not in the cluster
     */
    public Optional<HistoryEntry> keepOneNear(long datasetId, long clusterId, long rowId, String actor) {
        return new CurationOps(db).keepOneNear(datasetId, clusterId, rowId, actor);
    }

    /**
     * Assigns train/validation/test to the rows not rejected, as {@link DatasetStore#assignSplits} does, optionally
     * stratified by tag (each set of tags split by the same ratios), recorded; empty if no split changes.
     */
    public Optional<HistoryEntry> split(long datasetId, SplitSpec spec, boolean stratifyByTag, String actor) {
        return split(datasetId, spec, stratifyByTag, actor, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * {@link #split(long, SplitSpec, boolean, String)} with progress (rows read, then rows recorded: twice the
     * dataset's rows) and a cancel that rolls the whole split back.
     *
     * @throws java.util.concurrent.CancellationException if cancelled; nothing was changed
     */
    public Optional<HistoryEntry> split(long datasetId, SplitSpec spec, boolean stratifyByTag, String actor,
                                        ProgressListener progress, CancellationToken cancel) {
        return new CurationSplits(db).split(datasetId, spec, stratifyByTag, actor, progress, cancel);
    }

    /** The dataset's curation history, newest first (undone operations included, flagged). */
    public List<HistoryEntry> history(long datasetId) {
        return history(datasetId, 0, 10_000);
    }

    /** A page of the dataset's curation history, newest first. */
    public List<HistoryEntry> history(long datasetId, long offset, int limit) {
        return new CurationHistory(db).list(datasetId, offset, limit);
    }

    /** A page of the ids of the rows a history entry changed. */
    public List<Long> historyRows(long entryId, long offset, int limit) {
        return new CurationHistory(db).rows(entryId, offset, limit);
    }

    /** What {@link #undo} would undo, if anything. */
    public Optional<HistoryEntry> nextUndo(long datasetId) {
        return new CurationHistory(db).nextUndo(datasetId);
    }

    /** What {@link #redo} would redo, if anything. */
    public Optional<HistoryEntry> nextRedo(long datasetId) {
        return new CurationHistory(db).nextRedo(datasetId);
    }

    public boolean canUndo(long datasetId) {
        return nextUndo(datasetId).isPresent();
    }

    public boolean canRedo(long datasetId) {
        return nextRedo(datasetId).isPresent();
    }

    /**
     * Undoes the newest operation of the dataset's history, restoring exactly the state it found.
     *
     * @return what was undone, or empty if nothing is left to undo
     * @throws IllegalStateException if rows it changed were changed since outside the history
     */
    public Optional<HistoryEntry> undo(long datasetId) {
        return new CurationHistory(db).undo(datasetId);
    }

    /** Redoes the oldest undone operation; see {@link #undo}. */
    public Optional<HistoryEntry> redo(long datasetId) {
        return new CurationHistory(db).redo(datasetId);
    }
}
