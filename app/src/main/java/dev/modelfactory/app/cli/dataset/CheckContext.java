package dev.modelfactory.app.cli.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import dev.modelfactory.ledger.store.dataset.CheckOptions;
import dev.modelfactory.ledger.store.dataset.CheckSummary;
import dev.modelfactory.ledger.store.dataset.DatasetInfo;
import dev.modelfactory.ledger.store.dataset.DatasetStore;
import dev.modelfactory.ledger.task.CancellationToken;
import dev.modelfactory.ledger.task.ProgressListener;
import java.util.Map;

/**
 * What a {@link DatasetCheck} runs against: the store, the dataset, progress, and the store's curation
 * check pass ({@link DatasetStore#runChecks}), run once, on first use, for every flag-based check of this
 * {@code dataset check} (one pass over the rows computes text, PII and near-duplicate flags together).
 */
public final class CheckContext {

    private final DatasetStore store;
    private final DatasetInfo dataset;
    private final CheckOptions options;
    private final ProgressListener progress;
    private CheckSummary summary;
    private Map<RowFlag, Long> counts;

    /**
     * @param options the flag pass's options (which parts run, token limits, near-duplicate threshold)
     */
    public CheckContext(DatasetStore store, DatasetInfo dataset, CheckOptions options, ProgressListener progress) {
        this.store = store;
        this.dataset = dataset;
        this.options = options;
        this.progress = progress;
    }

    public DatasetStore store() {
        return store;
    }

    public DatasetInfo dataset() {
        return dataset;
    }

    public CheckOptions options() {
        return options;
    }

    public ProgressListener progress() {
        return progress;
    }

    /** The flag pass's summary, running it the first time. */
    public CheckSummary summary() {
        if (summary == null) {
            summary = store.runChecks(dataset.id(), options, progress, CancellationToken.NONE);
        }
        return summary;
    }

    /** Rows of the working set carrying {@code flag} after the flag pass. */
    public long flagged(RowFlag flag) {
        if (counts == null) {
            summary();
            counts = store.flagCounts(dataset.id(), dev.modelfactory.ledger.store.dataset.RowFilter.ALL);
        }
        return counts.getOrDefault(flag, 0L);
    }
}
