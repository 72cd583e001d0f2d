package dev.modelfactory.ledger.store.dataset;

import java.util.concurrent.CancellationException;

/**
 * An import was cancelled. The rows of the batches committed before the cancel stay (a consistent
 * dataset, and a report marked cancelled); {@link #summary()} says how many.
 */
public final class ImportCancelledException extends CancellationException {

    private final transient ImportSummary summary;

    ImportCancelledException(ImportSummary summary) {
        super("import cancelled after " + summary.imported() + " rows");
        this.summary = summary;
    }

    /** What was committed before the cancel. */
    public ImportSummary summary() {
        return summary;
    }
}
