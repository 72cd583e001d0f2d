package dev.modelfactory.ledger.store.dataset;

import java.util.List;

/**
 * Rows of the working set with nothing to train on ({@link dev.modelfactory.ledger.dataset.Conversation#isEmpty()}).
 *
 * @param scanned rows looked at
 * @param count   empty rows found
 * @param rowIds  the first of them (at most {@link DatasetOverviews#MAX_IDS})
 */
public record EmptyRows(long scanned, long count, List<Long> rowIds) {

    public EmptyRows {
        rowIds = List.copyOf(rowIds);
    }
}
