package dev.modelfactory.ledger.chain;

import java.util.List;
import java.util.Objects;

/**
 * A ledger entry's claim to be in a batch: its leaf hash and the Merkle siblings from the leaf up to the
 * root, as the ledger's batch builder produced them. This package does not interpret the siblings;
 * a {@link MerkleProofCheck} does.
 *
 * @param entry    the entry's position in the ledger (0-based, as in the batch's range)
 * @param leaf     the leaf hash of the entry
 * @param siblings proof path from the leaf's sibling up to the root's children
 */
public record EntryProof(long entry, Hash32 leaf, List<Hash32> siblings) {

    public EntryProof {
        Objects.requireNonNull(leaf, "leaf");
        siblings = List.copyOf(siblings);
        if (entry < 0) {
            throw new ChainException(ChainException.Reason.BAD_INPUT, "entry number must be >= 0, got " + entry);
        }
    }
}
