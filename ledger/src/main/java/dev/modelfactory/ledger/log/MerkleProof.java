package dev.modelfactory.ledger.log;

import java.util.HexFormat;
import java.util.List;

/**
 * The inclusion proof of one entry in a batch: siblings from the leaf up to the root.
 *
 * <p>To verify (in Java with {@link #verify}, or on chain):
 * <pre>
 * h = keccak256(0x00 || entryHash)
 * for i in 0..siblings.length-1:
 *     h = siblingOnLeft[i] ? keccak256(0x01 || siblings[i] || h) : keccak256(0x01 || h || siblings[i])
 * valid iff h == root
 * </pre>
 * In Solidity: {@code keccak256(abi.encodePacked(bytes1(0x01), a, b))}, with {@link #leftBits()} as a
 * {@code uint256} bit mask (bit i set = sibling i on the left).
 *
 * @param seq           the entry's seq
 * @param index         its leaf index in the batch (seq - firstSeq)
 * @param leafCount     how many leaves the batch has
 * @param entryHash     the entry hash, {@code 0x} + 64 hex
 * @param siblings      sibling hashes, leaf level first, {@code 0x} + 64 hex each
 * @param siblingOnLeft for each sibling, whether it is the left operand
 */
public record MerkleProof(long seq, int index, int leafCount, String entryHash, List<String> siblings,
                          List<Boolean> siblingOnLeft) {

    public MerkleProof {
        siblings = List.copyOf(siblings);
        siblingOnLeft = List.copyOf(siblingOnLeft);
        if (siblings.size() != siblingOnLeft.size()) {
            throw new IllegalArgumentException("a proof has one side per sibling");
        }
    }

    /** The sides as a bit mask (bit i set = sibling i is on the left); at most 63 levels. */
    public long leftBits() {
        long bits = 0;
        for (int i = 0; i < siblingOnLeft.size(); i++) {
            if (siblingOnLeft.get(i)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    /** The root this proof leads to from {@link #entryHash()}, {@code 0x} + 64 hex. */
    public String computeRoot() {
        byte[] h = MerkleBatch.leaf(EntryHash.hex(entryHash, 32, "entryHash"));
        for (int i = 0; i < siblings.size(); i++) {
            byte[] s = EntryHash.hex(siblings.get(i), 32, "siblings[" + i + "]");
            h = siblingOnLeft.get(i) ? MerkleBatch.node(s, h) : MerkleBatch.node(h, s);
        }
        return "0x" + HexFormat.of().formatHex(h);
    }

    /** Whether this proof puts {@link #entryHash()} under {@code root}. */
    public boolean verify(String root) {
        try {
            return computeRoot().equalsIgnoreCase(root);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

}
