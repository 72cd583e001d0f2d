package dev.modelfactory.ledger.store.pipeline;

import java.util.Objects;

/**
 * One named output of a step, as a typed reference into the workspace (see {@link OutputKind} for the shape
 * of {@code ref}) with the content hash a later step's inputs hash is built from.
 *
 * @param name  the output's name, as later steps refer to it: {@code ${step.name}}
 * @param kind  what it refers to
 * @param ref   where to find it
 * @param hash  its content hash (64 hex characters), or of its description when it has no content of its own
 * @param label a few words for lists ("numbers@3f2a9c1b2d4e", "run 7")
 */
public record OutputRef(String name, OutputKind kind, String ref, String hash, String label) {

    public OutputRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(hash, "hash");
        label = label == null ? ref : label;
    }
}
