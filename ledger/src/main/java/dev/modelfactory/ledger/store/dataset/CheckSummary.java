package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.check.RowFlag;
import java.time.Duration;
import java.util.Map;

/**
 * What {@link DatasetStore#runChecks} found.
 *
 * @param rowsChecked            rows streamed (all statuses; near-duplicates and exact duplicates
 *                               consider rows not rejected only)
 * @param rowsChanged            rows whose flags or token count changed
 * @param flagCounts             rows carrying each flag after the check (all statuses), every flag present
 * @param nearDuplicateClusters  clusters of two rows or more
 * @param elapsed                wall time of the whole check
 * @param nearDuplicateTime      time spent on MinHash signatures (summed over the threads that computed
 *                               them), LSH clustering and writing the clusters
 */
public record CheckSummary(long rowsChecked, long rowsChanged, Map<RowFlag, Long> flagCounts, long nearDuplicateClusters,
                           Duration elapsed, Duration nearDuplicateTime) {

    public CheckSummary {
        flagCounts = Map.copyOf(flagCounts);
    }
}
