package dev.modelfactory.studio.playground;

import java.util.Objects;

/**
 * A dataset version the playground can ground answers in.
 *
 * @param root    the version's Merkle root
 * @param name    how pickers show it ("support v2 (3f2a9c1d0b4e)")
 * @param indexed whether its retrieval index is built already
 */
public record GroundingVersion(String root, String name, boolean indexed) {

    public GroundingVersion {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return name;
    }
}
