package dev.modelfactory.studio.training;

import java.util.List;

/**
 * A dataset and its frozen versions, newest last.
 *
 * @param versions each version's Merkle root with its row counts per split
 */
public record DatasetChoice(String name, List<Version> versions) {

    public DatasetChoice {
        versions = List.copyOf(versions);
    }

    /** A frozen version: root, and rows in the train / validation / test splits. */
    public record Version(String root, long trainRows, long validationRows, long testRows) {

        public String shortRoot() {
            return root.length() > 12 ? root.substring(0, 12) : root;
        }

        @Override
        public String toString() {
            return shortRoot() + " \u00b7 " + trainRows + " train / " + validationRows + " val / " + testRows + " test";
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
