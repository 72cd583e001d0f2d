package dev.modelfactory.ledger.log;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A Merkle root over a range of consecutive log entries, with an inclusion proof per entry: what the chain
 * anchoring registers ({@link #rootBytes()}, a {@code bytes32}) and what a bundle carries.
 *
 * <p>Hashing: {@code leaf = keccak256(0x00 || entryHash)}, {@code node = keccak256(0x01 || left || right)};
 * shape as RFC 6962 (a tree of n leaves splits into a left subtree of the largest power of two below n and
 * a right subtree of the rest; no leaf is duplicated). keccak256 so that a contract can check a proof with
 * the EVM's own hash.
 *
 * @param firstSeq first entry's seq
 * @param lastSeq  last entry's seq (inclusive)
 * @param root     {@code 0x} + 64 hex
 * @param proofs   one per entry, in seq order
 */
public record MerkleBatch(long firstSeq, long lastSeq, String root, List<MerkleProof> proofs) {

    public MerkleBatch {
        proofs = List.copyOf(proofs);
    }

    /**
     * Builds the batch over {@code entryHashes} (of entries {@code firstSeq, firstSeq+1, ...}).
     *
     * @throws IllegalArgumentException if there is no entry
     */
    public static MerkleBatch build(long firstSeq, List<String> entryHashes) {
        int n = entryHashes.size();
        if (n == 0) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
        byte[][] leaves = new byte[n][];
        List<List<String>> siblings = new ArrayList<>();
        List<List<Boolean>> sides = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leaves[i] = leaf(EntryHash.hex(entryHashes.get(i), 32, "entry " + (firstSeq + i) + " hash"));
            siblings.add(new ArrayList<>());
            sides.add(new ArrayList<>());
        }
        byte[] root = subtree(leaves, 0, n, siblings, sides);
        List<MerkleProof> proofs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            proofs.add(new MerkleProof(firstSeq + i, i, n, entryHashes.get(i), siblings.get(i), sides.get(i)));
        }
        return new MerkleBatch(firstSeq, firstSeq + n - 1, hex(root), proofs);
    }

    /** The root as 32 bytes, for the registry contract's {@code bytes32}. */
    public byte[] rootBytes() {
        return EntryHash.hex(root, 32, "root");
    }

    /** The proof of entry {@code seq}. */
    public MerkleProof proof(long seq) {
        if (seq < firstSeq || seq > lastSeq) {
            throw new IllegalArgumentException("entry " + seq + " is not in batch " + firstSeq + ".." + lastSeq);
        }
        return proofs.get((int) (seq - firstSeq));
    }

    private static byte[] subtree(byte[][] leaves, int lo, int hi, List<List<String>> siblings, List<List<Boolean>> sides) {
        if (hi - lo == 1) {
            return leaves[lo];
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        byte[] left = subtree(leaves, lo, lo + k, siblings, sides);
        byte[] right = subtree(leaves, lo + k, hi, siblings, sides);
        String l = hex(left);
        String r = hex(right);
        for (int i = lo; i < lo + k; i++) {
            siblings.get(i).add(r);
            sides.get(i).add(false);
        }
        for (int i = lo + k; i < hi; i++) {
            siblings.get(i).add(l);
            sides.get(i).add(true);
        }
        return node(left, right);
    }

    static byte[] leaf(byte[] entryHash) {
        byte[] b = new byte[33];
        System.arraycopy(entryHash, 0, b, 1, 32);
        return Hash.sha3(b);
    }

    static byte[] node(byte[] left, byte[] right) {
        byte[] b = new byte[65];
        b[0] = 0x01;
        System.arraycopy(left, 0, b, 1, 32);
        System.arraycopy(right, 0, b, 33, 32);
        return Hash.sha3(b);
    }

    private static String hex(byte[] b) {
        return "0x" + HexFormat.of().formatHex(b);
    }
}
