package dev.modelfactory.ledger.dataset;

import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * The Merkle root that names a frozen dataset version, computed in one pass with O(log n) memory.
 *
 * <p>Tree shape and hashing are those of RFC 6962 (Certificate Transparency), section 2.1:
 * <pre>
 * MTH({})      = sha256()
 * MTH({d})     = sha256(0x00 || d)                              leaf
 * MTH(D[0:n])  = sha256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))     k = largest power of two &lt; n
 * </pre>
 * The 0x00/0x01 prefixes keep a leaf from ever passing for an inner node. Each leaf's data {@code d}
 * is 33 bytes: the row hash (32 raw bytes, see {@link RowHash}) followed by the row's
 * {@link Split#code()} (0 when unsplit), so a version id pins which rows are train and which test.
 *
 * <p>Leaf order: ascending by (row hash bytes, unsigned; then split code). Sorted rather than
 * insertion order because a version is a set of rows: the same rows imported in another order, or
 * by another machine, must give the same id, and anyone holding the rows can recompute it without
 * knowing the workspace's history. Identical rows (same hash) stay as separate leaves.
 */
public final class MerkleTree {

    private final Deque<Node> stack = new ArrayDeque<>();
    private long leaves;

    private record Node(byte[] hash, long size) {
    }

    /** Adds the next leaf; callers must add leaves in the documented order. */
    public void add(byte[] rowHash, Split split) {
        if (rowHash.length != 32) {
            throw new IllegalArgumentException("a row hash has 32 bytes, got " + rowHash.length);
        }
        MessageDigest d = RowHash.sha256();
        d.update((byte) 0x00);
        d.update(rowHash);
        d.update((byte) (split == null ? 0 : split.code()));
        stack.push(new Node(d.digest(), 1));
        leaves++;
        while (stack.size() >= 2) {
            Node right = stack.pop();
            Node left = stack.peek();
            if (left.size() != right.size()) {
                stack.push(right);
                break;
            }
            stack.pop();
            stack.push(new Node(node(left.hash(), right.hash()), left.size() * 2));
        }
    }

    /** Adds a leaf given the row hash in hex. */
    public void add(String rowHashHex, Split split) {
        add(HexFormat.of().parseHex(rowHashHex), split);
    }

    /** Leaves added so far. */
    public long size() {
        return leaves;
    }

    /** The root over the leaves added so far, lowercase hex; does not change the builder. */
    public String root() {
        if (stack.isEmpty()) {
            return HexFormat.of().formatHex(RowHash.sha256().digest());
        }
        byte[] acc = null;
        for (Node n : stack) { // from the smallest (rightmost) subtree to the largest
            acc = acc == null ? n.hash() : node(n.hash(), acc);
        }
        return HexFormat.of().formatHex(acc);
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest d = RowHash.sha256();
        d.update((byte) 0x01);
        d.update(left);
        d.update(right);
        return d.digest();
    }
}
