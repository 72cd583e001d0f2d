package dev.modelfactory.ledger.dataset.check;

/**
 * Locality-sensitive hashing over MinHash signatures: the signature is cut into {@code bands} bands
 * of {@code rows} values; two rows become candidates when any band is equal, which happens with
 * probability {@code 1 - (1 - s^rows)^bands} for Jaccard similarity s (an S-curve whose steep part
 * sits near {@code (1/bands)^(1/rows)}).
 *
 * <p>{@link #forThreshold} picks bands and rows (bands x rows at most the permutations) that minimise
 * the false-positive area below the threshold plus the false-negative area above it, the way
 * datasketch's {@code MinHashLSH} does (equal weights).
 *
 * @param bands how many bands
 * @param rows  signature values per band
 */
public record LshBands(int bands, int rows) {

    public LshBands {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be at least 1, got " + bands + " x " + rows);
        }
    }

    /** The banding for a Jaccard threshold in (0, 1) with a given number of permutations. */
    public static LshBands forThreshold(double threshold, int permutations) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("a similarity threshold lies in (0, 1), got " + threshold);
        }
        LshBands best = null;
        double bestError = Double.MAX_VALUE;
        for (int b = 1; b <= permutations; b++) {
            for (int r = 1; r * b <= permutations; r++) {
                LshBands candidate = new LshBands(b, r);
                double fp = integrate(candidate, 0, threshold, false);
                double fn = integrate(candidate, threshold, 1, true);
                double error = 0.5 * fp + 0.5 * fn;
                if (error < bestError) {
                    bestError = error;
                    best = candidate;
                }
            }
        }
        return best;
    }

    /** Probability that two rows of Jaccard similarity {@code s} share at least one band. */
    public double probability(double s) {
        return 1 - Math.pow(1 - Math.pow(s, rows), bands);
    }

    /** The key of each band of a signature (band index mixed in, so equal values in different bands differ). */
    public long[] keys(int[] signature) {
        if (signature.length < bands * rows) {
            throw new IllegalArgumentException("a signature of " + signature.length + " values has no room for "
                    + bands + " x " + rows);
        }
        long[] keys = new long[bands];
        for (int band = 0; band < bands; band++) {
            long h = 0x9e3779b97f4a7c15L * (band + 1);
            for (int i = band * rows; i < (band + 1) * rows; i++) {
                h = Shingles.mix(h ^ signature[i]) + i;
            }
            keys[band] = h;
        }
        return keys;
    }

    private static double integrate(LshBands lsh, double from, double to, boolean missed) {
        int steps = 100;
        double width = (to - from) / steps;
        double sum = 0;
        for (int i = 0; i < steps; i++) {
            double p = lsh.probability(from + (i + 0.5) * width);
            sum += (missed ? 1 - p : p) * width;
        }
        return sum;
    }
}
