package dev.modelfactory.ledger.store.dataset;

/**
 * How two versions differ, compared by row hash (as sets: a row is "added" if its hash is in
 * {@code to} and not in {@code from}). An edited row shows as one removed and one added row.
 *
 * @param fromRoot the older version
 * @param toRoot   the newer version
 * @param added    rows of {@code to} whose hash {@code from} lacks
 * @param removed  rows of {@code from} whose hash {@code to} lacks
 * @param kept     rows of {@code to} whose hash {@code from} has too
 */
public record VersionDiff(String fromRoot, String toRoot, long added, long removed, long kept) {
}
