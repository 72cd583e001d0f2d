package dev.modelfactory.studio.attribution;

/**
 * A frozen dataset version that can be attested.
 *
 * @param datasetId the dataset
 * @param dataset   its name
 * @param root      the version's Merkle root
 * @param rows      how many rows it holds
 */
public record FrozenVersion(long datasetId, String dataset, String root, long rows) {

    @Override
    public String toString() {
        return dataset + "@" + root.substring(0, Math.min(12, root.length())) + " (" + rows + " rows)";
    }
}
