package dev.modelfactory.ledger.store.dataset;

/**
 * Exact duplicates in a dataset (same normalised hash), among rows not rejected.
 *
 * @param groups                  normalised hashes that occur more than once
 * @param redundantRows           rows beyond the first of each group (what "keep one" would reject)
 * @param crossContributorGroups  groups whose rows come from more than one contributor (these matter
 *                                for attribution: who contributed the row first?)
 */
public record DuplicateSummary(long groups, long redundantRows, long crossContributorGroups) {
}
