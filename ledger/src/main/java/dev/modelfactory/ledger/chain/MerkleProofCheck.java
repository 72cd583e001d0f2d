package dev.modelfactory.ledger.chain;

/**
 * Checks a Merkle proof against a root, the way the ledger built the tree. The ledger's log package
 * provides the implementation; keeping it a function here leaves this package free of the ledger's
 * hashing rules (leaf prefixing, pair order).
 */
@FunctionalInterface
public interface MerkleProofCheck {

    /**
     * @param root   the batch root (as anchored)
     * @param batchFirstEntry the batch's first entry (a proof's position in the tree is {@code proof.entry() - firstEntry})
     * @param proof  the entry's leaf and siblings
     * @return true when the proof leads from the leaf to {@code root}
     */
    boolean holds(Hash32 root, long batchFirstEntry, EntryProof proof);
}
