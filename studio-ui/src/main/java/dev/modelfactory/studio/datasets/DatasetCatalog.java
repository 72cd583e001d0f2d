package dev.modelfactory.studio.datasets;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.ParseOptions;
import dev.modelfactory.ledger.dataset.SplitSpec;
import dev.modelfactory.ledger.dataset.Use;
import dev.modelfactory.ledger.store.dataset.DatasetRow;
import dev.modelfactory.ledger.store.dataset.DatasetVersion;
import dev.modelfactory.ledger.store.dataset.DuplicateGroup;
import dev.modelfactory.ledger.store.dataset.DuplicateSummary;
import dev.modelfactory.ledger.store.dataset.FreezeOptions;
import dev.modelfactory.ledger.store.dataset.ImportOptions;
import dev.modelfactory.ledger.store.dataset.ImportSummary;
import dev.modelfactory.ledger.store.dataset.RowFilter;
import dev.modelfactory.ledger.store.dataset.RowSort;
import dev.modelfactory.ledger.store.dataset.RowStatus;
import dev.modelfactory.ledger.store.dataset.UseExclusions;
import dev.modelfactory.ledger.store.dataset.VersionDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
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

    /** Sets the curation status of rows; returns how many changed. */
    int setStatus(long datasetId, Collection<Long> rowIds, RowStatus status);

    /** Exact-duplicate counts among rows not rejected. */
    DuplicateSummary duplicates(long datasetId);

    /** A page of exact-duplicate groups, largest first. */
    List<DuplicateGroup> duplicateGroups(long datasetId, long offset, int limit);

    /** Assigns train/validation/test to the rows not rejected; returns how many. */
    int assignSplits(long datasetId, SplitSpec spec);

    /** Freezes the rows not rejected into an immutable version. */
    DatasetVersion freeze(long datasetId, FreezeOptions options);

    /** The dataset's versions, oldest first. */
    List<DatasetVersion> versions(long datasetId);

    /** Rows added, removed and kept between two versions. */
    VersionDiff diff(DatasetVersion from, DatasetVersion to);

    /** Rows not rejected whose contributor did not allow {@code use}, and whose they are. */
    UseExclusions exclusions(long datasetId, Use use);
}
