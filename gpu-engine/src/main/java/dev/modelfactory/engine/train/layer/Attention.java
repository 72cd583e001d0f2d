package dev.modelfactory.engine.train.layer;

/**
 * Causal grouped-query attention with segment masking, over a batch of B rows of T tokens (M = B·T). Token i
 * of a row attends to tokens j ≤ i of the same row whose segment equals its own, so packed samples never see
 * each other ({@code TrainingBatch}). Query head h reads kv head h / (H / Hkv).
 *
 * <p>Shapes: q, o, dO, dq [M, H·D]; k, v, dk, dv [M, Hkv·D]; segments [M]; lse [M, H]. Forward keeps only the
 * log-sum-exp of each score row (not the [B, H, T, T] probabilities); backward recomputes the probabilities
 * from it, as flash attention does, so memory stays linear in T:
 * {@code P = exp(S − lse)}, {@code dV += Pᵀ·dO}, {@code dS = P ⊙ (dO·Vᵀ − rowsum(dO ⊙ O))},
 * {@code dQ = scale·dS·K}, {@code dK += scale·dSᵀ·Q}. Tasks are (row, head) in forward and (row, kv head) in
 * backward, so every task owns the gradient rows it writes.
 *
 * <p>When every segment is one contiguous run of tokens (what packing produces) {@link AttentionRuns} does the
 * work with vectorised score rows; otherwise the general loops here, which test each key's segment.
 */
public final class Attention {

    private Attention() {
    }

    public static void forward(TrainPool pool, float[] q, float[] k, float[] v, int[] segments, int batch, int seqLen,
            int heads, int kvHeads, int headDim, float[] o, float[] lse) {
        if (contiguous(segments, seqLen)) {
            AttentionRuns.forward(pool, q, k, v, segments, batch, seqLen, heads, kvHeads, headDim, o, lse);
        } else {
            forwardGeneral(pool, q, k, v, segments, batch, seqLen, heads, kvHeads, headDim, o, lse);
        }
    }

    /** Writes dq, dk and dv (overwritten, not accumulated). */
    public static void backward(TrainPool pool, float[] dO, float[] q, float[] k, float[] v, float[] o, float[] lse,
            int[] segments, int batch, int seqLen, int heads, int kvHeads, int headDim, float[] dq, float[] dk,
            float[] dv) {
        if (contiguous(segments, seqLen)) {
            AttentionRuns.backward(pool, dO, q, k, v, o, lse, segments, batch, seqLen, heads, kvHeads, headDim, dq, dk,
                    dv);
        } else {
            backwardGeneral(pool, dO, q, k, v, o, lse, segments, batch, seqLen, heads, kvHeads, headDim, dq, dk, dv);
        }
    }

    /** Whether, within each row of T tokens, no segment id comes back after another one began. */
    static boolean contiguous(int[] segments, int seqLen) {
        java.util.Set<Integer> closed = new java.util.HashSet<>();
        for (int i = 1; i < segments.length; i++) {
            if (i % seqLen == 0) {
                closed.clear();
            } else if (segments[i] != segments[i - 1]) {
                closed.add(segments[i - 1]);
                if (closed.contains(segments[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    static void forwardGeneral(TrainPool pool, float[] q, float[] k, float[] v, int[] segments, int batch, int seqLen,
            int heads, int kvHeads, int headDim, float[] o, float[] lse) {
        int group = heads / kvHeads;
        int qCols = heads * headDim;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        pool.parallelFor(batch * heads, 1, (from, to) -> {
            float[] p = new float[seqLen];
            for (int task = from; task < to; task++) {
                int b = task / heads;
                int h = task % heads;
                int kvOff = (h / group) * headDim;
                int row0 = b * seqLen;
                for (int i = 0; i < seqLen; i++) {
                    int row = row0 + i;
                    int seg = segments[row];
                    int qOff = row * qCols + h * headDim;
                    float max = Float.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        if (segments[row0 + j] == seg) {
                            float s = Vec.dot(q, qOff, k, (row0 + j) * kvCols + kvOff, headDim) * scale;
                            p[j] = s;
                            max = Math.max(max, s);
                        }
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        if (segments[row0 + j] == seg) {
                            float e = Vec.exp(p[j] - max);
                            p[j] = e;
                            sum += e;
                        }
                    }
                    java.util.Arrays.fill(o, qOff, qOff + headDim, 0f);
                    float inv = (float) (1.0 / sum);
                    for (int j = 0; j <= i; j++) {
                        if (segments[row0 + j] == seg) {
                            Vec.axpy(p[j] * inv, v, (row0 + j) * kvCols + kvOff, o, qOff, headDim);
                        }
                    }
                    lse[row * heads + h] = (float) (max + StrictMath.log(sum));
                }
            }
        });
    }

    static void backwardGeneral(TrainPool pool, float[] dO, float[] q, float[] k, float[] v, float[] o, float[] lse,
            int[] segments, int batch, int seqLen, int heads, int kvHeads, int headDim, float[] dq, float[] dk,
            float[] dv) {
        int group = heads / kvHeads;
        int qCols = heads * headDim;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        pool.parallelFor(batch * kvHeads, 1, (from, to) -> {
            for (int task = from; task < to; task++) {
                int b = task / kvHeads;
                int kvh = task % kvHeads;
                int kvOff = kvh * headDim;
                int row0 = b * seqLen;
                for (int i = 0; i < seqLen; i++) {
                    int at = (row0 + i) * kvCols + kvOff;
                    java.util.Arrays.fill(dk, at, at + headDim, 0f);
                    java.util.Arrays.fill(dv, at, at + headDim, 0f);
                }
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    for (int i = 0; i < seqLen; i++) {
                        int row = row0 + i;
                        int seg = segments[row];
                        int qOff = row * qCols + h * headDim;
                        java.util.Arrays.fill(dq, qOff, qOff + headDim, 0f);
                        float di = Vec.dot(dO, qOff, o, qOff, headDim);
                        float rowLse = lse[row * heads + h];
                        for (int j = 0; j <= i; j++) {
                            if (segments[row0 + j] != seg) {
                                continue;
                            }
                            int kv = (row0 + j) * kvCols + kvOff;
                            float p = Vec.exp(Vec.dot(q, qOff, k, kv, headDim) * scale - rowLse);
                            float dp = Vec.dot(dO, qOff, v, kv, headDim);
                            float ds = p * (dp - di) * scale;
                            Vec.axpy(p, dO, qOff, dv, kv, headDim);
                            Vec.axpy(ds, k, kv, dq, qOff, headDim);
                            Vec.axpy(ds, q, qOff, dk, kv, headDim);
                        }
                    }
                }
            }
        });
    }
}
