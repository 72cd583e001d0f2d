package dev.modelfactory.ledger.store.dataset;

/**
 * One near-duplicate cluster of the last check, for the side-by-side view; its rows come from
 * {@link RowFilter#withNearDuplicateCluster}, and {@link DatasetStore#nearDuplicateSimilarities} gives each
 * member's similarity to the first.
 *
 * @param clusterId    the smallest row id in the cluster (stable while the rows are)
 * @param size         rows in the cluster
 * @param contributors distinct contributors among them (rows without one count as one)
 */
public record NearDuplicateCluster(long clusterId, int size, int contributors) {
}
