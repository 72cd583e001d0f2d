package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.CategoryCount;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.ExportOptions;
import dev.modelfactory.ledger.store.dataset.ExportSummary;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.store.dataset.NearDuplicateCluster;
import dev.modelfactory.ledger.store.dataset.PiiSpan;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSelection;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.dataset.TokenHistogram;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.ledger.store.dataset.VersionDiff;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The workspace's datasets as the Datasets page sees them; the app implements it over the ledger's dataset
 * store. The page calls every method off the FX thread; implementations may block and should name the file,
 * line or field in any exception. Queries are paged: nothing here returns all rows of a dataset at once.
 */
public interface DatasetCatalog {

    /** Every dataset with its row and version counts, by name. */
    List<DatasetSummary> datasets();

    /** Creates an empty dataset; {@link IllegalArgumentException} if the name is blank or taken. */
    DatasetSummary create(String name, String description);

    /**
     * What an import of {@code source} would read: the detected (or given, when {@code format} is not null)
     * format, the first {@code rows} parsed rows and the sampled rejects, plus the header of a CSV/TSV file.
     */
    ImportPreview preview(Path source, DatasetFormat format, ParseOptions parse, int rows) throws IOException;

    /**
     * Imports {@code source} into the dataset, committing rows in batches. Reports bytes read and rows
     * committed so far; stops (keeping whole batches) once {@code cancelled} answers true, then returns the
     * partial summary with {@link ImportSummary#completed()} false.
     */
    ImportSummary importFile(long datasetId, Path source, ImportOptions options, ImportProgress progress,
                             BooleanSupplier cancelled) throws IOException;

    /** How many rows match. */
    long count(long datasetId, RowFilter filter);

    /** One page of rows, {@code limit} at most 10,000. */
    List<DatasetRow> rows(long datasetId, RowFilter filter, RowSort sort, long offset, int limit);

    /** Sets the curation status of rows, recorded in the history (undoable); returns how many changed. */
    int setStatus(long datasetId, Collection<Long> rowIds, RowStatus status);

    // ---- curation with history (every change here is undoable) ----

    /** Adds a tag to the selected rows lacking it; empty if no row changes. */
    Optional<HistoryEntry> addTag(long datasetId, RowSelection rows, String tag);

    /** Removes a tag from the selected rows carrying it; empty if no row changes. */
    Optional<HistoryEntry> removeTag(long datasetId, RowSelection rows, String tag);

    /** Replaces a row's content (messages, text), recorded; empty if unchanged. Bad content: {@link IllegalArgumentException}. */
    Optional<HistoryEntry> editRow(long datasetId, long rowId, dev.modelfactory.ledger.dataset.Conversation content);

    /** Keeps a row and rejects the others of its exact-duplicate group, recorded; empty if none to reject. */
    Optional<HistoryEntry> keepOne(long datasetId, long rowId);

    /** Rejects every exact duplicate but the first of its group, recorded; empty if there is none. */
    Optional<HistoryEntry> rejectDuplicates(long datasetId);

    /** The operation {@link #undo} would undo, if any. */
    Optional<HistoryEntry> nextUndo(long datasetId);

    /** The operation {@link #redo} would redo, if any. */
    Optional<HistoryEntry> nextRedo(long datasetId);

    /** Undoes the latest operation not undone; empty if there is none. */
    Optional<HistoryEntry> undo(long datasetId);

    /** Redoes the earliest undone operation; empty if there is none. */
    Optional<HistoryEntry> redo(long datasetId);

    /** A page of the curation history, newest first. */
    List<HistoryEntry> history(long datasetId, long offset, int limit);

    // ---- checks ----

    /**
     * Runs the curation checks (text, PII, near-duplicates) over the dataset and stores their flags. The
     * implementation picks the token counter (a model's tokenizer when it has one, else an approximate one).
     *
     * @throws java.util.concurrent.CancellationException once {@code cancel} answers true (between pages)
     */
    CheckSummary runChecks(long datasetId, ProgressListener progress, CancellationToken cancel);

    /** Rows matching {@code filter} that carry each flag, as the last check left them. */
    Map<RowFlag, Long> flagCounts(long datasetId, RowFilter filter);

    /** A page of the last check's near-duplicate clusters, largest first. */
    List<NearDuplicateCluster> nearDuplicateClusters(long datasetId, long offset, int limit);

    /** Keeps one row of a near-duplicate cluster and rejects the others, recorded; empty if none to reject. */
    Optional<HistoryEntry> keepOneNear(long datasetId, long clusterId, long rowId);

    /** The PII spans the last check found in a row, by field then position (empty before a check). */
    List<PiiSpan> piiSpans(long rowId);

    /** Exact-duplicate counts among rows not rejected. */
    DuplicateSummary duplicates(long datasetId);

    /** A page of exact-duplicate groups, largest first. */
    List<DuplicateGroup> duplicateGroups(long datasetId, long offset, int limit);

    /** Takes the selected rows out of the working set (versions keep them), recorded; empty if none. */
    Optional<HistoryEntry> delete(long datasetId, RowSelection rows);

    /**
     * Assigns train/validation/test to the rows not rejected, optionally stratified by tag, recorded; empty if no split
     * changes. Progress counts rows read, then rows recorded.
     *
     * @throws java.util.concurrent.CancellationException once {@code cancel} answers true; nothing was changed
     */
    Optional<HistoryEntry> split(long datasetId, SplitSpec spec, boolean stratifyByTag, ProgressListener progress,
                                 CancellationToken cancel);

    /**
     * Writes a version's rows ({@code version} not null) or the working set's rows not rejected to {@code out},
     * atomically (nothing is left behind when cancelled or failing).
     *
     * @throws java.util.concurrent.CancellationException once {@code cancel} answers true
     */
    ExportSummary export(long datasetId, DatasetVersion version, Path out, ExportOptions options, ProgressListener progress,
                         CancellationToken cancel) throws IOException;

    // ---- charts and filter choices ----

    /** Token counts of the rows matching {@code filter} in at most {@code bins} equal bins. */
    TokenHistogram tokenHistogram(long datasetId, RowFilter filter, int bins);

    /** Rows per contributor (name null: none given), most first, at most {@code limit}. */
    List<CategoryCount> rowsPerContributor(long datasetId, RowFilter filter, int limit);

    /** Rows per tag (name null: untagged), most first, at most {@code limit}. */
    List<CategoryCount> rowsPerTag(long datasetId, RowFilter filter, int limit);

    /** Assigns train/validation/test to the rows not rejected (recorded, like {@link #split}); returns how many. */
    int assignSplits(long datasetId, SplitSpec spec);

    /**
     * Freezes the rows not rejected into an immutable version. Progress counts rows copied, then rows hashed.
     *
     * @throws java.util.concurrent.CancellationException once {@code cancel} answers true; no version was made
     */
    DatasetVersion freeze(long datasetId, FreezeOptions options, ProgressListener progress, CancellationToken cancel);

    /** The dataset's versions, oldest first. */
    List<DatasetVersion> versions(long datasetId);

    /** Rows added, removed and kept between two versions. */
    VersionDiff diff(DatasetVersion from, DatasetVersion to);

    /** Rows not rejected whose contributor did not allow {@code use}, and whose they are. */
    UseExclusions exclusions(long datasetId, Use use);
}
