package dev.modelfactory.ledger.dataset.check;

import java.util.SplittableRandom;

/**
 * MinHash signatures: for each of k hash functions {@code h_i(x) = (a_i * x + b_i) >>> 33} (a_i odd,
 * 64-bit arithmetic; the shingles are already well-mixed 64-bit hashes, so multiply-shift gives
 * independent-enough permutations), the minimum over the set. The fraction of equal positions of two
 * signatures is an unbiased estimate of the sets' Jaccard similarity, with standard error
 * {@code sqrt(J(1-J)/k)} (0.035 at J = 0.5 for k = 128).
 */
public final class MinHasher {

    /** Permutations unless told otherwise. */
    public static final int DEFAULT_PERMUTATIONS = 128;

    private final long[] a;
    private final long[] b;

    /** {@code permutations} hash functions drawn from {@code seed}: the same seed gives the same signatures. */
    public MinHasher(int permutations, long seed) {
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be at least 1, got " + permutations);
        }
        SplittableRandom r = new SplittableRandom(seed);
        a = new long[permutations];
        b = new long[permutations];
        for (int i = 0; i < permutations; i++) {
            a[i] = r.nextLong() | 1;
            b[i] = r.nextLong();
        }
    }

    public int permutations() {
        return a.length;
    }

    /** The signature of a shingle set; an empty set gives all {@link Integer#MAX_VALUE}. */
    public int[] signature(long[] shingles) {
        int k = a.length;
        int[] sig = new int[k];
        java.util.Arrays.fill(sig, Integer.MAX_VALUE);
        for (long x : shingles) {
            for (int i = 0; i < k; i++) {
                int h = (int) ((a[i] * x + b[i]) >>> 33);
                if (h < sig[i]) {
                    sig[i] = h;
                }
            }
        }
        return sig;
    }

    /** The estimated Jaccard similarity: the fraction of positions where two signatures agree. */
    public static double estimate(int[] s, int[] t) {
        if (s.length != t.length) {
            throw new IllegalArgumentException("signatures of different lengths: " + s.length + " and " + t.length);
        }
        int equal = 0;
        for (int i = 0; i < s.length; i++) {
            equal += s[i] == t[i] ? 1 : 0;
        }
        return (double) equal / s.length;
    }
}
