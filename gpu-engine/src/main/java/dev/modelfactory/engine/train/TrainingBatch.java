package dev.modelfactory.engine.train;

/**
 * B rows of T tokens, row-major [B, T]. {@code targets[i]} is the token to predict at i, or {@link #IGNORE}
 * where no loss is taken (prompt tokens, padding, the last token of a packed sample). Several samples may
 * be packed into one row: {@code positions} restart at 0 for each sample (RoPE position) and
 * {@code segments} give each sample its own id, so attention stays within the sample (a token attends to
 * earlier tokens of the same row and the same segment only). Padding uses segment -1.
 */
public record TrainingBatch(int batch, int seqLen, int[] tokens, int[] targets, int[] positions, int[] segments) {

    public static final int IGNORE = -1;

    public TrainingBatch {
        int n = Math.multiplyExact(batch, seqLen);
        if (batch < 1 || seqLen < 1) {
            throw new IllegalArgumentException("batch and seqLen must be >= 1, got " + batch + " x " + seqLen);
        }
        check("tokens", tokens, n);
        check("targets", targets, n);
        check("positions", positions, n);
        check("segments", segments, n);
    }

    private static void check(String field, int[] a, int n) {
        if (a == null || a.length != n) {
            throw new IllegalArgumentException(field + ": expected " + n + " entries, got "
                    + (a == null ? "null" : a.length));
        }
    }

    /** Tokens that carry a loss. */
    public int lossTokens() {
        int n = 0;
        for (int t : targets) {
            if (t != IGNORE) {
                n++;
            }
        }
        return n;
    }
}
