package dev.modelfactory.ledger.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void emptyTreeIsTheHashOfNothing() throws Exception {
        assertThat(new MerkleTree().root()).isEqualTo(HEX.formatHex(sha256()));
    }

    @Test
    void knownAnswerForThreeLeavesComputedByHandFromRfc6962() throws Exception {
        byte[] r1 = sha256("row one".getBytes());
        byte[] r2 = sha256("row two".getBytes());
        byte[] r3 = sha256("row three".getBytes());
        byte[] l1 = sha256(new byte[] {0}, r1, new byte[] {1}); // train
        byte[] l2 = sha256(new byte[] {0}, r2, new byte[] {0}); // no split
        byte[] l3 = sha256(new byte[] {0}, r3, new byte[] {3}); // test
        byte[] left = sha256(new byte[] {1}, l1, l2);
        byte[] root = sha256(new byte[] {1}, left, l3);

        MerkleTree tree = new MerkleTree();
        tree.add(r1, Split.TRAIN);
        assertThat(tree.root()).isEqualTo(HEX.formatHex(l1));
        tree.add(HEX.formatHex(r2), null);
        assertThat(tree.root()).isEqualTo(HEX.formatHex(left));
        tree.add(r3, Split.TEST);
        assertThat(tree.root()).isEqualTo(HEX.formatHex(root));
        assertThat(tree.size()).isEqualTo(3);
    }

    @Test
    void sevenLeavesSplitAtFourThenTwo() throws Exception {
        byte[][] leaves = new byte[7][];
        MerkleTree tree = new MerkleTree();
        for (int i = 0; i < 7; i++) {
            byte[] row = sha256(new byte[] {(byte) i});
            leaves[i] = sha256(new byte[] {0}, row, new byte[] {0});
            tree.add(row, null);
        }
        byte[] abcd = node(node(leaves[0], leaves[1]), node(leaves[2], leaves[3]));
        byte[] efg = node(node(leaves[4], leaves[5]), leaves[6]);
        assertThat(tree.root()).isEqualTo(HEX.formatHex(node(abcd, efg)));
    }

    private static byte[] node(byte[] l, byte[] r) throws Exception {
        return sha256(new byte[] {1}, l, r);
    }

    private static byte[] sha256(byte[]... parts) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        for (byte[] p : parts) {
            d.update(p);
        }
        return d.digest();
    }
}
