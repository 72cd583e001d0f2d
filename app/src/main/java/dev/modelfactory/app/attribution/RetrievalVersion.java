package dev.modelfactory.app.attribution;

import java.util.Objects;

/**
 * A dataset version that can be indexed for retrieval, as pickers list it.
 *
 * @param dataset  the dataset's name
 * @param number   the version's number within its dataset, 1 for the oldest
 * @param root     the version's Merkle root (what indexes and attributions name)
 * @param label    the user's label, or null
 * @param rowCount rows in the version (before leaving out rows whose use is not allowed)
 * @param indexed  whether a complete retrieval index of it exists
 */
public record RetrievalVersion(String dataset, int number, String root, String label, long rowCount, boolean indexed) {

    public RetrievalVersion {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(root, "root");
    }

    /** "support v2 (3f2a9c1d0b4e)" or "support v2 · label (3f2a9c1d0b4e)". */
    public String displayName() {
        return dataset + " v" + number + (label == null || label.isBlank() ? "" : " · " + label)
                + " (" + root.substring(0, Math.min(12, root.length())) + ")";
    }
}
