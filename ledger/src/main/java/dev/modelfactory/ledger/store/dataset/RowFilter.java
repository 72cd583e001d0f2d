package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.Split;
import dev.modelfactory.ledger.dataset.check.RowFlag;
import java.util.Set;

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
 * @param requiredFlags        rows carrying all these {@link RowFlag} bits (0 = any), as the last check set them
 * @param anyFlags             rows carrying at least one of these bits (0 = any)
 * @param nearDuplicateCluster rows of this near-duplicate cluster ({@link NearDuplicateCluster#clusterId()})
 * @param minTokens            rows with at least this many tokens (rows not counted yet never match)
 * @param maxTokens            rows with at most this many tokens (rows not counted yet never match)
 */
public record RowFilter(RowStatus status, String contributor, String tag, Split split, String search,
                        String normalisedHash, boolean exactDuplicatesOnly, long requiredFlags, long anyFlags,
                        Long nearDuplicateCluster, Integer minTokens, Integer maxTokens) {

    /** No criteria: every row. */
    public static final RowFilter ALL = new RowFilter(null, null, null, null, null, null, false, 0, 0, null, null, null);

    public RowFilter withStatus(RowStatus s) {
        return new RowFilter(s, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withContributor(String c) {
        return new RowFilter(status, c, tag, split, search, normalisedHash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withTag(String t) {
        return new RowFilter(status, contributor, t, split, search, normalisedHash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withSplit(Split s) {
        return new RowFilter(status, contributor, tag, s, search, normalisedHash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withSearch(String text) {
        return new RowFilter(status, contributor, tag, split, text, normalisedHash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withNormalisedHash(String hash) {
        return new RowFilter(status, contributor, tag, split, search, hash, exactDuplicatesOnly, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    public RowFilter withExactDuplicatesOnly(boolean only) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, only, requiredFlags, anyFlags,
                nearDuplicateCluster, minTokens, maxTokens);
    }

    /** Rows carrying {@code flag} (in addition to any flags required already). */
    public RowFilter withFlag(RowFlag flag) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly,
                requiredFlags | flag.mask(), anyFlags, nearDuplicateCluster, minTokens, maxTokens);
    }

    /** Rows carrying at least one of {@code flags}; an empty set clears the criterion. */
    public RowFilter withAnyFlag(Set<RowFlag> flags) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly,
                requiredFlags, RowFlag.mask(flags), nearDuplicateCluster, minTokens, maxTokens);
    }

    /** Rows of one near-duplicate cluster; null clears the criterion. */
    public RowFilter withNearDuplicateCluster(Long clusterId) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly,
                requiredFlags, anyFlags, clusterId, minTokens, maxTokens);
    }

    /** Rows whose token count lies in {@code min..max} (either may be null: unbounded). */
    public RowFilter withTokens(Integer min, Integer max) {
        return new RowFilter(status, contributor, tag, split, search, normalisedHash, exactDuplicatesOnly,
                requiredFlags, anyFlags, nearDuplicateCluster, min, max);
    }
}
