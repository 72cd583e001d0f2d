package dev.modelfactory.ledger.store;

/**
 * How a model's files came into the workspace.
 *
 * <p>Why both: a copy survives the user moving or deleting the original and is verifiable by hash,
 * but doubles disk use for multi-gigabyte weights; a reference costs nothing but breaks if the
 * original moves. The registry records which, so the studio can say so and re-verify.
 */
public enum ImportMode {
    /** The files were copied into the workspace's blob store; the location is inside {@code blobs/}. */
    COPY,
    /** The files stay where the user keeps them; the location is the original path. */
    REFERENCE
}
