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

    /**
     * A frozen version: root, rows in the train / validation / test splits, and the curation tags its rows
     * carry, most rows first.
     */
    public record Version(String root, long trainRows, long validationRows, long testRows, List<String> tags) {

        public Version {
            tags = List.copyOf(tags);
        }

        /** Without tags. */
        public Version(String root, long trainRows, long validationRows, long testRows) {
            this(root, trainRows, validationRows, testRows, List.of());
        }

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
