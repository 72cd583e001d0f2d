package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.SplitSpec;

/**
 * How to freeze a version.
 *
 * @param label a user label, or null
 * @param split a split to assign to the rows before freezing, or null to freeze the rows' current splits
 */
public record FreezeOptions(String label, SplitSpec split) {

    /** No label, current splits. */
    public static final FreezeOptions DEFAULT = new FreezeOptions(null, null);
}
