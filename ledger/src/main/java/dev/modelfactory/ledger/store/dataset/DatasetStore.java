package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Database;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The datasets of a workspace: what the Datasets page and the {@code dataset} CLI commands call.
 *
 * <p>Shape of the data: a dataset is a growing set of rows (each with content hashes, contributor,
 * licence, allowed uses, tags, split, curation status and source line); imports add rows in batches
 * and leave a report; freezing makes an immutable {@link DatasetVersion} named by a Merkle root.
 * Queries are paged: nothing here returns all rows of a dataset at once. Thread-safe: every call
 * borrows its own connection.
 *
 * <p>The curation operations with undo / redo are inherited from {@link CurationWithHistory}; the logic
 * behind each group of methods lives in package-private classes ({@link DatasetImporter}, {@link RowQueries},
 * {@link Versions}, {@link CheckRunner}, {@link DatasetStatistics}, {@link DatasetExporter}, ...).
 */
public final class DatasetStore extends CurationWithHistory {

    private final Database db;
    private final Versions versions;
    private final DatasetRecords records;

    /** The store over an open workspace. */
    public DatasetStore(Workspace workspace) {
        super(workspace.jdbc());
        this.db = workspace.jdbc();
        this.versions = new Versions(db);
        this.records = new DatasetRecords(db);
    }

    // ---- datasets ------------------------------------------------------------------------------

    /**
     * @throws IllegalArgumentException if the name is blank, longer than 200 characters or taken
     */
    public DatasetInfo create(String name, String description) {
        String n = Objects.requireNonNull(name, "name").strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new IllegalArgumentException("a dataset name has 1..200 characters, got '" + name + "'");
        }
        if (findByName(n).isPresent()) {
            throw new IllegalArgumentException("a dataset named '" + n + "' already exists");
        }
        return get(records.insert(n, description)).orElseThrow();
    }

    public Optional<DatasetInfo> get(long id) {
        return records.get(id);
    }

    public Optional<DatasetInfo> findByName(String name) {
        return records.findByName(name);
    }

    /** Every dataset, by name. */
    public List<DatasetInfo> list() {
        return records.list();
    }

    // ---- import --------------------------------------------------------------------------------

    /**
     * Imports a file (or a folder, for text) into a dataset, committing every
     * {@link ImportOptions#batchSize()} rows.
     *
     * @param progress bytes read out of the source's size (rows per second come with the summary); called
     *                 on the import's parsing thread
     * @throws ImportCancelledException if cancelled; the rows of committed batches stay
     * @throws IllegalArgumentException if the dataset does not exist or the format cannot be detected
     * @throws IOException              if the source cannot be read
     */
    public ImportSummary importFile(long datasetId, Path source, ImportOptions options, ProgressListener progress,
                                    CancellationToken cancel) throws IOException {
        requireDataset(datasetId);
        return new DatasetImporter(db).run(datasetId, source, options, progress, cancel);
    }

    // ---- rows ----------------------------------------------------------------------------------

    /**
     * One page of rows matching {@code filter}, in {@code sort} order; {@code limit} at most 10,000.
     *
     * <p>Shape: the page's row ids are found first (a query that reads no payload and joins nothing, so the rows
     * an OFFSET skips cost an index entry each), then those rows are read by primary key. Reading whole rows
     * while skipping made a page at row 900,000 of a million take 3 s instead of 0.2 s.
     */
    public List<DatasetRow> rows(long datasetId, RowFilter filter, RowSort sort, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        RowQueries.Where where = currentWhere(datasetId, filter);
        return db.withConnection("list rows of dataset " + datasetId, c -> RowQueries.list(c, "SELECT "
                + RowQueries.ROW_COLUMNS + RowQueries.FROM_ROWS + " WHERE r.id IN (SELECT r.id" + sort.idsFrom()
                + where.sql() + " ORDER BY " + sort.sql + " LIMIT ? OFFSET ?) ORDER BY " + sort.sql, where, limit, offset));
    }

    /** How many rows match {@code filter}. */
    public long count(long datasetId, RowFilter filter) {
        RowQueries.Where where = currentWhere(datasetId, filter);
        return db.withConnection("count rows of dataset " + datasetId, c -> RowQueries.count(c, where));
    }

    /** Sets the curation status of rows of a dataset; returns how many rows changed. */
    public int setStatus(long datasetId, Collection<Long> rowIds, RowStatus status) {
        Objects.requireNonNull(status, "status");
        return Curation.setStatusUnrecorded(db, datasetId, rowIds, status);
    }

    // ---- exact duplicates ----------------------------------------------------------------------

    /** Exact-duplicate counts (same normalised hash) among rows not rejected. */
    public DuplicateSummary duplicates(long datasetId) {
        new ExactDuplicates(db).ensureCurrent(datasetId);
        return DuplicateGroups.summary(db, datasetId);
    }

    /** A page of duplicate groups, largest first; the rows of a group come from {@link RowFilter#withNormalisedHash}. */
    public List<DuplicateGroup> duplicateGroups(long datasetId, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        new ExactDuplicates(db).ensureCurrent(datasetId);
        return DuplicateGroups.groups(db, datasetId, offset, limit);
    }

    // ---- splits, versions ----------------------------------------------------------------------

    /**
     * Assigns train/validation/test to the rows not rejected (deterministic, see {@code Splitter}); rejected
     * rows lose their split. Recorded in the curation history like {@link #split} (undoable); returns how
     * many rows were assigned a split, changed or not.
     */
    public int assignSplits(long datasetId, SplitSpec spec) {
        requireDataset(datasetId);
        return new CurationSplits(db).splitCounting(datasetId, Objects.requireNonNull(spec, "spec"), false, null,
                ProgressListener.NONE, CancellationToken.NONE).assigned();
    }

    /**
     * Freezes the rows not rejected into an immutable version (after assigning {@link FreezeOptions#split()}
     * if given). Freezing the same rows with the same splits again returns the existing version.
     *
     * @throws IllegalStateException if there is no row to freeze
     */
    public DatasetVersion freeze(long datasetId, FreezeOptions options) {
        return freeze(datasetId, options, ProgressListener.NONE, CancellationToken.NONE);
    }

    /**
     * {@link #freeze(long, FreezeOptions)} with progress (rows copied into the version, then rows hashed into its
     * root) and a cancel, checked every thousand rows, that rolls the freeze back (a split it asked for stays:
     * that was its own recorded operation).
     *
     * @throws java.util.concurrent.CancellationException if cancelled; no version was made
     */
    public DatasetVersion freeze(long datasetId, FreezeOptions options, ProgressListener progress, CancellationToken cancel) {
        requireDataset(datasetId);
        if (options.split() != null) {
            new CurationSplits(db).splitCounting(datasetId, options.split(), false, null, ProgressListener.NONE, cancel);
        }
        return versions.freeze(datasetId, options, progress, cancel);
    }

    /** The dataset's versions, oldest first. */
    public List<DatasetVersion> versions(long datasetId) {
        return versions.list(datasetId);
    }

    /**
     * A version by root or unique root prefix (at least 6 hex characters).
     *
     * @throws dev.modelfactory.ledger.store.AmbiguousReferenceException if the prefix matches several
     */
    public Optional<DatasetVersion> version(long datasetId, String rootOrPrefix) {
        return versions.find(datasetId, rootOrPrefix);
    }

    /** A page of a version's rows (all, or one split), with the split and terms frozen with them. */
    public List<DatasetRow> versionRows(DatasetVersion version, Split split, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        return versions.rows(version, split, offset, limit);
    }

    /**
     * The next page of a version's rows after row id {@code afterRowId} (start at 0: row ids are positive),
     * in row id order; pass the last row's id for the next page. The way to read a whole version: one pass,
     * where {@link #versionRows} with growing offsets re-reads every earlier row for each page.
     */
    public List<DatasetRow> versionRowsAfter(DatasetVersion version, Split split, long afterRowId, int limit) {
        RowQueries.checkPage(0, limit);
        return versions.rowsAfter(version, split, afterRowId, limit);
    }

    /** Rows added and removed between two versions, by row hash. */
    public VersionDiff diff(DatasetVersion from, DatasetVersion to) {
        return versions.diff(from, to);
    }

    /** A page of the rows of {@code to} that {@code from} lacks (swap them for removed rows). */
    public List<DatasetRow> addedRows(DatasetVersion from, DatasetVersion to, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        return versions.missingRows(to, from, offset, limit);
    }

    /** Re-hashes the version's stored rows and checks they still give its root. */
    public boolean verify(DatasetVersion version) {
        return versions.verify(version);
    }

    // ---- permissions ---------------------------------------------------------------------------

    /** Rows not rejected whose contributor did not allow {@code use}, grouped by contributor. */
    public UseExclusions exclusions(long datasetId, Use use) {
        return db.withConnection("count rows excluded from " + use, c -> UseExclusionQueries.exclusions(c, use,
                "SELECT contributor, COUNT(*) FROM dataset_row WHERE dataset_id = ? AND status <> 'rejected'"
                        + " AND BITAND(allowed_uses, CAST(? AS INTEGER)) = 0 GROUP BY contributor ORDER BY COUNT(*) DESC, contributor",
                datasetId));
    }

    /** Rows of a version whose contributor (as frozen) did not allow {@code use}, grouped by contributor. */
    public UseExclusions exclusions(DatasetVersion version, Use use) {
        return db.withConnection("count version rows excluded from " + use, c -> UseExclusionQueries.exclusions(c, use,
                "SELECT contributor, COUNT(*) FROM version_row WHERE version_id = ? AND BITAND(allowed_uses, CAST(? AS INTEGER)) = 0"
                        + " GROUP BY contributor ORDER BY COUNT(*) DESC, contributor", Versions.id(c, version)));
    }

    private void requireDataset(long datasetId) {
        if (get(datasetId).isEmpty()) {
            throw new IllegalArgumentException("no dataset with id " + datasetId);
        }
    }

    // ---- curation checks, statistics, import speed (ds-core) --------------------------------------

    /** The WHERE clause of a filter, after bringing the duplicate table up to date if the filter reads it. */
    private RowQueries.Where currentWhere(long datasetId, RowFilter filter) {
        if (RowQueries.needsDuplicates(filter)) {
            new ExactDuplicates(db).ensureCurrent(datasetId);
        }
        return RowQueries.where(datasetId, filter);
    }

    /**
     * Runs the curation checks over every row of a dataset, page by page, and stores the flags, token
     * counts, PII spans and near-duplicate clusters they find (see {@link CheckRunner}).
     *
     * @param progress rows checked out of the dataset's rows
     * @throws java.util.concurrent.CancellationException if cancelled (checked between pages; pages
     *                                                    written keep their new flags)
     */
    public CheckSummary runChecks(long datasetId, CheckOptions options, ProgressListener progress, CancellationToken cancel) {
        requireDataset(datasetId);
        return new CheckRunner(db, Objects.requireNonNull(options, "options")).run(datasetId, progress, cancel);
    }

    /** Rows matching {@code filter} that carry each flag, as the last check left them (every flag present). */
    public java.util.Map<dev.modelfactory.ledger.dataset.check.RowFlag, Long> flagCounts(long datasetId, RowFilter filter) {
        return DatasetStatistics.flagCounts(db, datasetId, filter);
    }

    /** The PII spans the last check found in a row, by field then position. */
    public List<PiiSpan> piiSpans(long rowId) {
        return Curation.piiSpans(db, rowId);
    }

    /** A page of the last check's near-duplicate clusters, largest first. */
    public List<NearDuplicateCluster> nearDuplicateClusters(long datasetId, long offset, int limit) {
        RowQueries.checkPage(offset, limit);
        return Curation.clusters(db, datasetId, offset, limit);
    }

    /**
     * Each member of a near-duplicate cluster (at most 10,000) with its exact Jaccard similarity to the
     * cluster's first row over word shingles of {@code shingleWords} words (as the check compared them).
     */
    public java.util.Map<Long, Double> nearDuplicateSimilarities(long datasetId, long clusterId, int shingleWords) {
        return Curation.similarities(db, datasetId, clusterId, shingleWords);
    }

    /**
     * "Keep one" for a near-duplicate cluster: rejects every other member not rejected yet (through
     * {@link #setStatus}) and makes a rejected {@code keepRowId} pending again; returns rows rejected.
     *
     * @throws IllegalArgumentException if the row is not in the cluster
     */
    public int keepOneOfCluster(long datasetId, long clusterId, long keepRowId) {
        List<Long> others = Curation.otherMembers(db, RowQueries.where(datasetId, RowFilter.ALL.withNearDuplicateCluster(clusterId)), keepRowId,
                "near-duplicate cluster " + clusterId);
        return Curation.keepOneUnrecorded(db, datasetId, keepRowId, others);
    }

    /** "Keep one" for an exact-duplicate group (a normalised hash), as {@link #keepOneOfCluster}. */
    public int keepOneOfDuplicates(long datasetId, String normalisedHash, long keepRowId) {
        List<Long> others = Curation.otherMembers(db, currentWhere(datasetId,
                RowFilter.ALL.withNormalisedHash(normalisedHash)), keepRowId, "duplicate group " + normalisedHash);
        return Curation.keepOneUnrecorded(db, datasetId, keepRowId, others);
    }

    /** Token counts of the rows matching {@code filter} in {@code bins} equal bins (1..1000). */
    public TokenHistogram tokenHistogram(long datasetId, RowFilter filter, int bins) {
        return DatasetStatistics.tokenHistogram(db, datasetId, filter, bins);
    }

    /** Rows per contributor (null: none given), most first, at most {@code limit}. */
    public List<CategoryCount> rowsPerContributor(long datasetId, RowFilter filter, int limit) {
        return DatasetStatistics.perColumn(db, datasetId, filter, "contributor", limit);
    }

    /** Rows per split ({@code train}, {@code validation}, {@code test}; null: unsplit), most first. */
    public List<CategoryCount> rowsPerSplit(long datasetId, RowFilter filter) {
        return DatasetStatistics.perColumn(db, datasetId, filter, "split", 4);
    }

    /** Rows per tag (null: untagged), most first, at most {@code limit}. */
    public List<CategoryCount> rowsPerTag(long datasetId, RowFilter filter, int limit) {
        return DatasetStatistics.perTag(db, datasetId, filter, limit);
    }

    // ---- export, overview, empty rows (ds-ops; logic in DatasetExporter, DatasetOverviews) ----------------

    /**
     * Writes a frozen version's rows (optionally one split) to {@code out} in a format, streaming and
     * atomically (temp file + rename). Rows the format cannot express are skipped and listed, or with
     * {@link ExportOptions#strict()} fail the export.
     *
     * @throws IllegalArgumentException in strict mode, naming the first row that cannot be expressed
     * @throws java.util.concurrent.CancellationException if cancelled (no file is left behind)
     */
    public ExportSummary exportVersion(DatasetVersion version, Path out, ExportOptions options, ProgressListener progress,
                                       CancellationToken cancel) throws IOException {
        return new DatasetExporter(db).exportVersion(version, out, options, progress, cancel);
    }

    /** Writes the working set's rows that are not rejected, with their tags; otherwise as {@link #exportVersion}. */
    public ExportSummary exportWorkingSet(long datasetId, Path out, ExportOptions options, ProgressListener progress,
                                          CancellationToken cancel) throws IOException {
        requireDataset(datasetId);
        return new DatasetExporter(db).exportWorkingSet(datasetId, out, options, progress, cancel);
    }

    /** Rows of the working set by status, split and contributor. */
    public DatasetOverview overview(long datasetId) {
        requireDataset(datasetId);
        return new DatasetOverviews(db).overview(datasetId);
    }

    /** Scans the working set for rows with nothing to train on (a full read of the payloads, a page at a time). */
    public EmptyRows emptyRows(long datasetId, ProgressListener progress, CancellationToken cancel) {
        requireDataset(datasetId);
        return new DatasetOverviews(db).emptyRows(datasetId, progress, cancel);
    }
}
