package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.DatasetFormat;
import dev.modelfactory.ledger.dataset.RejectedRow;
import java.time.Duration;
import java.util.List;

/**
 * What an import did; also stored as an import report.
 *
 * @param reportId         the stored import report
 * @param datasetId        the dataset imported into
 * @param format           the format read (detected or given)
 * @param imported         rows committed
 * @param rejectedCount    records rejected, all of them
 * @param rejected         the first rejects with file, line and reason (at most {@link DatasetImporter#MAX_REJECTS_KEPT})
 * @param duplicatesInFile rows whose normalised hash occurred earlier in the same file (imported unless
 *                         {@link ImportOptions#skipDuplicatesInFile()})
 * @param elapsed          wall time of the import
 * @param rowsPerSecond    records (imported + rejected + skipped) per second of {@code elapsed}
 * @param completed        false if the import was cancelled: then only whole batches were committed
 */
public record ImportSummary(long reportId, long datasetId, DatasetFormat format, long imported, long rejectedCount,
                            List<RejectedRow> rejected, long duplicatesInFile, Duration elapsed,
                            double rowsPerSecond, boolean completed) {

    public ImportSummary {
        rejected = List.copyOf(rejected);
    }
}
