package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Split;

/**
 * Which rows a paged query returns; every criterion is optional (null or false = any) and all given
 * ones must hold. Build with {@link #ALL} and the {@code with...} methods.
 *
 * @param status               curation state
 * @param contributor          exact contributor
 * @param tag                  rows carrying this tag
 * @param split                rows in this split
 * @param search               case-insensitive substring of the row's payload (a plain scan; full-text
 *                             indexing is a later step)
 * @param normalisedHash       rows with this duplicate key (one duplicate group)
 * @param exactDuplicatesOnly  rows whose normalised hash occurs more than once in the dataset
 */
public record RowFilter(RowStatus status, String contributor, String tag, Split split, String search,
                        String normalisedHash, boolean exactDuplicatesOnly) {

    /** No criteria: every row. */
    public static final RowFilter ALL = new RowFilter(null, null, null, null, null, null, false);

    public RowFilter withStatus(RowStatus s) {
        return new RowFilter(s, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly);
    }

    public RowFilter withContributor(String c) {
        return new RowFilter(status, c, tag, split, search, normalisedHash, exactDuplicatesOnly);
    }

    public RowFilter withTag(String t) {
        return new RowFilter(status, contributor, t, split, search, normalisedHash, exactDuplicatesOnly);
    }

    public RowFilter withSplit(Split s) {
        return new RowFilter(status, contributor, tag, s, search, normalisedHash, exactDuplicatesOnly);
    }

    public RowFilter withSearch(String text) {
        return new RowFilter(status, contributor, tag, split, text, normalisedHash, exactDuplicatesOnly);
    }

    public RowFilter withNormalisedHash(String hash) {
        return new RowFilter(status, contributor, tag, split, search, hash, exactDuplicatesOnly);
    }

    public RowFilter withExactDuplicatesOnly(boolean only) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, only);
    }
}
