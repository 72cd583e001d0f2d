package dev.modelfactory.ledger.chain;

import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A small positional keccak256 Merkle tree for the tests (the ledger's log package has the real one):
 * parent = keccak(left || right), an odd node is carried up unchanged, and a leaf's index in the batch
 * decides at each level whether its sibling is on the left or the right. It stands in for the log's
 * tree to show that {@link Anchoring#verifyEntry} passes the batch position through to the check.
 */
final class PositionalKeccakMerkle {

    private final List<List<Hash32>> levels = new ArrayList<>();

    PositionalKeccakMerkle(List<Hash32> leaves) {
        List<Hash32> level = List.copyOf(leaves);
        levels.add(level);
        while (level.size() > 1) {
            List<Hash32> up = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? parent(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = up;
            levels.add(level);
        }
    }

    Hash32 root() {
        return levels.getLast().getFirst();
    }

    /** Siblings of leaf {@code index} from the bottom up (levels where it has none are skipped). */
    List<Hash32> proof(int index) {
        List<Hash32> out = new ArrayList<>();
        int i = index;
        for (int l = 0; l < levels.size() - 1; l++) {
            List<Hash32> level = levels.get(l);
            int sibling = i ^ 1;
            if (sibling < level.size()) {
                out.add(level.get(sibling));
            }
            i /= 2;
        }
        return out;
    }

    /** The check for {@link MerkleProofCheck}: replays the path given the leaf's index and the batch size. */
    static MerkleProofCheck check(int batchSize) {
        return (root, firstEntry, proof) -> {
            long index = proof.entry() - firstEntry;
            Hash32 acc = proof.leaf();
            int next = 0;
            long i = index;
            for (int size = batchSize; size > 1; size = (size + 1) / 2) {
                long sibling = i ^ 1;
                if (sibling < size) {
                    if (next >= proof.siblings().size()) {
                        return false;
                    }
                    Hash32 s = proof.siblings().get(next++);
                    acc = (i % 2 == 0) ? parent(acc, s) : parent(s, acc);
                }
                i /= 2;
            }
            return next == proof.siblings().size() && acc.equals(root);
        };
    }

    static Hash32 leaf(String content) {
        return Hash32.of(Hash.sha3(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static Hash32 parent(Hash32 left, Hash32 right) {
        byte[] both = new byte[64];
        System.arraycopy(left.bytes(), 0, both, 0, 32);
        System.arraycopy(right.bytes(), 0, both, 32, 32);
        return Hash32.of(Hash.sha3(both));
    }
}
