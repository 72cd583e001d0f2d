package dev.modelfactory.ledger.store.dataset;

import java.util.List;

/**
 * One set of exact duplicates.
 *
 * @param normalisedHash the shared duplicate key
 * @param rowIds         the rows, in import order (the first is the one "keep one" keeps)
 * @param contributors   distinct contributors among them
 */
public record DuplicateGroup(String normalisedHash, List<Long> rowIds, int contributors) {

    public DuplicateGroup {
        rowIds = List.copyOf(rowIds);
    }
}
