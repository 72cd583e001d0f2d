package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.RejectedRow;
import java.util.List;

/**
 * What the parsing thread of an import hands to the committing thread: one batch of encoded rows and
 * the rejects met while reading them, with the file-wide counters as they stood at its end; or the end
 * of the stream ({@code last}), possibly because the parse stopped ({@code stop}: a cancel or a failure).
 *
 * @param rows       rows ready to insert, in file order
 * @param rejects    rejects met since the previous batch, in file order
 * @param rejected   all rejects so far (also those beyond the kept ones)
 * @param duplicates rows so far whose normalised hash occurred earlier in the file
 * @param skipped    of those, rows left out ({@link ImportOptions#skipDuplicatesInFile()})
 * @param last       true for the final batch of the stream
 * @param stop       why the parse ended early (a {@link RowEncoder.Cancelled} for a cancel), or null
 */
record ImportBatch(List<EncodedRow> rows, List<RejectedRow> rejects, long rejected, long duplicates, long skipped,
                   boolean last, Throwable stop) {
}
