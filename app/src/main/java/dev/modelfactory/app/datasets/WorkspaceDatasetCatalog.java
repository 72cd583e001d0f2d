package dev.modelfactory.app.datasets;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.Detection;
import dev.modelfactory.ledger.dataset.FormatDetector;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.ParsedRow;
import dev.modelfactory.ledger.dataset.RejectedRow;
import dev.modelfactory.ledger.dataset.RowParser;
import dev.modelfactory.ledger.dataset.RowSink;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.Workspace;
import dev.modelfactory.ledger.dataset.check.ApproximateTokenCounter;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.dataset.check.TokenCounter;
import dev.modelfactory.ledger.store.dataset.CategoryCount;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.ExportOptions;
import dev.modelfactory.ledger.store.dataset.ExportSummary;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.HistoryEntry;
import dev.modelfactory.ledger.store.dataset.ImportCancelledException;
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
import dev.modelfactory.studio.datasets.DatasetCatalog;
import dev.modelfactory.studio.datasets.DatasetSummary;
import dev.modelfactory.studio.datasets.ImportPreview;
import dev.modelfactory.studio.datasets.ImportProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The Datasets page's catalog: the workspace's {@link DatasetStore}, plus what the page needs around it
 * (row and version counts for the list, a CSV header for the mapping, rows committed during an import).
 */
public final class WorkspaceDatasetCatalog implements DatasetCatalog {

    /** How often a running import counts the rows committed so far (for rows/s). */
    static final long COUNT_INTERVAL_NANOS = 1_000_000_000L;

    private final DatasetStore store;
    private final TokenCounter tokens;

    public WorkspaceDatasetCatalog(Workspace workspace) {
        this(new DatasetStore(workspace));
    }

    public WorkspaceDatasetCatalog(DatasetStore store) {
        this(store, ApproximateTokenCounter.INSTANCE);
    }

    /**
     * @param tokens counts tokens for the length checks and histogram: a model's tokenizer when the studio has
     *               one loaded, else {@link ApproximateTokenCounter}
     */
    public WorkspaceDatasetCatalog(DatasetStore store, TokenCounter tokens) {
        this.store = store;
        this.tokens = java.util.Objects.requireNonNull(tokens, "tokens");
    }

    @Override
    public List<DatasetSummary> datasets() {
        List<DatasetSummary> out = new ArrayList<>();
        for (DatasetInfo d : store.list()) {
            out.add(summary(d));
        }
        return out;
    }

    @Override
    public DatasetSummary create(String name, String description) {
        return summary(store.create(name, description));
    }

    @Override
    public ImportPreview preview(Path source, DatasetFormat format, ParseOptions parse, int rows) throws IOException {
        DatasetFormat csv = format != null ? format : byExtension(source);
        List<String> columns = csv == DatasetFormat.CSV || csv == DatasetFormat.TSV
                ? CsvHeader.read(source, csv == DatasetFormat.TSV ? '\t' : ',') : List.of();
        Detection detection = format == null ? new FormatDetector(parse).detect(source, rows)
                : sample(source, format, parse, rows);
        if (format == null && columns.isEmpty() && detection.format().filter(f -> f == DatasetFormat.CSV
                || f == DatasetFormat.TSV).isPresent()) {
            columns = CsvHeader.read(source, detection.format().get() == DatasetFormat.TSV ? '\t' : ',');
        }
        return new ImportPreview(detection, columns);
    }

    @Override
    public ImportSummary importFile(long datasetId, Path source, ImportOptions options, ImportProgress progress,
                                    BooleanSupplier cancelled) throws IOException {
        long before = store.count(datasetId, RowFilter.ALL);
        ProgressListener bytes = new ProgressListener() {
            private long lastCount = System.nanoTime();
            private long rows;

            @Override
            public void onProgress(long done, long total) {
                long now = System.nanoTime();
                if (now - lastCount >= COUNT_INTERVAL_NANOS || done == total) {
                    lastCount = now;
                    rows = store.count(datasetId, RowFilter.ALL) - before;
                }
                progress.update(done, total, Math.max(0, rows));
            }
        };
        try {
            return store.importFile(datasetId, source, options, bytes, cancelled::getAsBoolean);
        } catch (ImportCancelledException e) {
            return e.summary();
        }
    }

    @Override
    public long count(long datasetId, RowFilter filter) {
        return store.count(datasetId, filter);
    }

    @Override
    public List<DatasetRow> rows(long datasetId, RowFilter filter, RowSort sort, long offset, int limit) {
        return store.rows(datasetId, filter, sort, offset, limit);
    }

    @Override
    public int setStatus(long datasetId, Collection<Long> rowIds, RowStatus status) {
        return (int) store.setStatus(datasetId, RowSelection.ids(rowIds), status, null).map(HistoryEntry::rowCount).orElse(0L)
                .longValue();
    }

    @Override
    public Optional<HistoryEntry> addTag(long datasetId, RowSelection rows, String tag) {
        return store.addTag(datasetId, rows, tag, null);
    }

    @Override
    public Optional<HistoryEntry> removeTag(long datasetId, RowSelection rows, String tag) {
        return store.removeTag(datasetId, rows, tag, null);
    }

    @Override
    public Optional<HistoryEntry> editRow(long datasetId, long rowId, dev.modelfactory.ledger.dataset.Conversation content) {
        return store.editRow(datasetId, rowId, content, null);
    }

    @Override
    public Optional<HistoryEntry> keepOne(long datasetId, long rowId) {
        return store.keepOne(datasetId, rowId, null);
    }

    @Override
    public Optional<HistoryEntry> rejectDuplicates(long datasetId) {
        return store.rejectDuplicates(datasetId, true, null);
    }

    @Override
    public Optional<HistoryEntry> nextUndo(long datasetId) {
        return store.nextUndo(datasetId);
    }

    @Override
    public Optional<HistoryEntry> nextRedo(long datasetId) {
        return store.nextRedo(datasetId);
    }

    @Override
    public Optional<HistoryEntry> undo(long datasetId) {
        return store.undo(datasetId);
    }

    @Override
    public Optional<HistoryEntry> redo(long datasetId) {
        return store.redo(datasetId);
    }

    @Override
    public List<HistoryEntry> history(long datasetId, long offset, int limit) {
        return store.history(datasetId, offset, limit);
    }

    @Override
    public CheckSummary runChecks(long datasetId, ProgressListener progress, CancellationToken cancel) {
        return store.runChecks(datasetId, CheckOptions.builder().tokenCounter(tokens).build(), progress, cancel);
    }

    @Override
    public Map<RowFlag, Long> flagCounts(long datasetId, RowFilter filter) {
        return store.flagCounts(datasetId, filter);
    }

    @Override
    public List<NearDuplicateCluster> nearDuplicateClusters(long datasetId, long offset, int limit) {
        return store.nearDuplicateClusters(datasetId, offset, limit);
    }

    @Override
    public Optional<HistoryEntry> keepOneNear(long datasetId, long clusterId, long rowId) {
        return store.keepOneNear(datasetId, clusterId, rowId, null);
    }

    @Override
    public DuplicateSummary duplicates(long datasetId) {
        return store.duplicates(datasetId);
    }

    @Override
    public List<DuplicateGroup> duplicateGroups(long datasetId, long offset, int limit) {
        return store.duplicateGroups(datasetId, offset, limit);
    }

    @Override
    public List<PiiSpan> piiSpans(long rowId) {
        return store.piiSpans(rowId);
    }

    @Override
    public Optional<HistoryEntry> delete(long datasetId, RowSelection rows) {
        return store.delete(datasetId, rows, null);
    }

    @Override
    public Optional<HistoryEntry> split(long datasetId, SplitSpec spec, boolean stratifyByTag, ProgressListener progress,
                                        CancellationToken cancel) {
        return store.split(datasetId, spec, stratifyByTag, null, progress, cancel);
    }

    @Override
    public ExportSummary export(long datasetId, DatasetVersion version, Path out, ExportOptions options,
                                ProgressListener progress, CancellationToken cancel) throws IOException {
        return version == null ? store.exportWorkingSet(datasetId, out, options, progress, cancel)
                : store.exportVersion(version, out, options, progress, cancel);
    }

    @Override
    public TokenHistogram tokenHistogram(long datasetId, RowFilter filter, int bins) {
        return store.tokenHistogram(datasetId, filter, bins);
    }

    @Override
    public List<CategoryCount> rowsPerContributor(long datasetId, RowFilter filter, int limit) {
        return store.rowsPerContributor(datasetId, filter, limit);
    }

    @Override
    public List<CategoryCount> rowsPerTag(long datasetId, RowFilter filter, int limit) {
        return store.rowsPerTag(datasetId, filter, limit);
    }

    @Override
    public int assignSplits(long datasetId, SplitSpec spec) {
        return store.assignSplits(datasetId, spec);
    }

    @Override
    public DatasetVersion freeze(long datasetId, FreezeOptions options, ProgressListener progress,
                                 CancellationToken cancel) {
        return store.freeze(datasetId, options, progress, cancel);
    }

    @Override
    public List<DatasetVersion> versions(long datasetId) {
        return store.versions(datasetId);
    }

    @Override
    public VersionDiff diff(DatasetVersion from, DatasetVersion to) {
        return store.diff(from, to);
    }

    @Override
    public UseExclusions exclusions(long datasetId, Use use) {
        return store.exclusions(datasetId, use);
    }

    private DatasetSummary summary(DatasetInfo d) {
        return new DatasetSummary(d.id(), d.name(), d.description(), store.count(d.id(), RowFilter.ALL),
                store.versions(d.id()).size(), d.createdAt());
    }

    private static DatasetFormat byExtension(Path source) {
        String name = Optional.ofNullable(source.getFileName()).map(Path::toString).orElse("").toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".csv") ? DatasetFormat.CSV : name.endsWith(".tsv") || name.endsWith(".tab")
                ? DatasetFormat.TSV : null;
    }

    /** Reads the first records with a given format, as detection would for that format. */
    private static Detection sample(Path source, DatasetFormat format, ParseOptions parse, int previewRows)
            throws IOException {
        int sample = Math.max(FormatDetector.SAMPLE, previewRows);
        List<ParsedRow> rows = new ArrayList<>();
        List<RejectedRow> rejects = new ArrayList<>();
        try {
            RowParser.of(format, parse).parse(source, new RowSink() {
                @Override
                public void accept(ParsedRow row) {
                    rows.add(row);
                    stop();
                }

                @Override
                public void reject(RejectedRow rejected) {
                    rejects.add(rejected);
                    stop();
                }

                private void stop() {
                    if (rows.size() + rejects.size() >= sample) {
                        throw new Enough();
                    }
                }
            }, ProgressListener.NONE);
        } catch (Enough enough) {
            // sampled enough
        }
        int sampled = rows.size() + rejects.size();
        return new Detection(rows.isEmpty() ? Optional.empty() : Optional.of(format),
                sampled == 0 ? 0 : (double) rows.size() / sampled, sampled,
                rows.subList(0, Math.min(previewRows, rows.size())), rejects,
                rows.size() + " of " + sampled + " sampled records read as " + format.cliName());
    }

    /** Stops a sampling parse; carries no stack trace. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }
}
