package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.ExportFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What an export wrote.
 *
 * @param file         the file written (complete: it appears only once fully written)
 * @param format       its format
 * @param source       what was exported: {@code version <root>} or {@code working set}
 * @param written      rows written
 * @param skippedCount rows the format cannot express, all of them
 * @param skipped      the first of those with the reason (at most {@link DatasetExporter#MAX_SKIPS_KEPT})
 * @param sha256       the file's sha256, lowercase hex
 * @param elapsed      wall time
 */
public record ExportSummary(Path file, ExportFormat format, String source, long written, long skippedCount,
                            List<SkippedRow> skipped, String sha256, Duration elapsed) {

    public ExportSummary {
        skipped = List.copyOf(skipped);
    }

    /**
     * A row left out of an export.
     *
     * @param rowId   its id
     * @param rowHash its row hash
     * @param reason  why the format cannot express it
     */
    public record SkippedRow(long rowId, String rowHash, String reason) {
    }
}
