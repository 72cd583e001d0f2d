package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.task.ProgressListener;

/**
 * One check {@code dataset check} runs: flags rows of a dataset's working set and says how many.
 * A new check (near-duplicates, PII, token length, ...) plugs in by implementing this over its store
 * call and being listed in {@link DatasetChecks#all()}.
 */
public interface DatasetCheck {

    /** A stable id for JSON and {@code --only}, e.g. {@code exact-duplicates}. */
    String id();

    /** What it looks for, in a few words. */
    String title();

    /** Runs the check over the dataset's working set. */
    CheckResult run(DatasetStore store, DatasetInfo dataset, ProgressListener progress);
}
