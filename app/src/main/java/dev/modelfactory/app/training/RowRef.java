package dev.modelfactory.app.training;

import dev.modelfactory.ledger.store.dataset.DatasetRow;
import java.util.Objects;

/**
 * Which dataset row a training or validation conversation came from, and whose it is: how per-example
 * results (per-contributor losses, gradient sketches, influence scores) are credited back to rows and
 * contributors.
 *
 * @param rowId       the row's id in the workspace store
 * @param rowHash     the row's content hash (stable across workspaces)
 * @param contributor the row's contributor (wallet address or name)
 */
public record RowRef(long rowId, String rowHash, String contributor) {

    public RowRef {
        Objects.requireNonNull(rowHash, "rowHash");
        Objects.requireNonNull(contributor, "contributor");
    }

    static RowRef of(DatasetRow row) {
        return new RowRef(row.id(), row.rowHash(), row.contributor() == null ? "" : row.contributor());
    }
}
