package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Attention} when each segment is one contiguous run of a row's tokens: query i then sees exactly the
 * keys [start(i), i], so a whole score row is one contiguous vector. Keys and values of a (row, kv head) are
 * transposed once into [D, T] so that the scores {@code s[j] = Σ_d q[d]·Kᵀ[d, j]} (and in backward
 * {@code dp[j] = Σ_d dO[d]·Vᵀ[d, j]}) are D vector AXPYs over j instead of one reduction per key; the softmax
 * exp is vectorised over the row. Same shapes and results as the general loops.
 */
final class AttentionRuns {

    private AttentionRuns() {
    }

    /** start[r] = the first token of the run of equal segments that holds token r, within its row. */
    private static int[] starts(int[] segments, int seqLen) {
        int[] start = new int[segments.length];
        for (int r = 0; r < segments.length; r++) {
            boolean fresh = r % seqLen == 0 || segments[r] != segments[r - 1];
            start[r] = fresh ? r : start[r - 1];
        }
        return start;
    }

    static void forward(TrainPool pool, float[] q, float[] k, float[] v, int[] segments, int batch, int seqLen,
            int heads, int kvHeads, int headDim, float[] o, float[] lse) {
        int group = heads / kvHeads;
        int qCols = heads * headDim;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] start = starts(segments, seqLen);
        pool.parallelFor(batch * heads, 1, (from, to) -> {
            float[] s = new float[seqLen];
            float[] kt = new float[headDim * seqLen];
            for (int task = from; task < to; task++) {
                int b = task / heads;
                int h = task % heads;
                int kvOff = (h / group) * headDim;
                int row0 = b * seqLen;
                transpose(k, row0, kvCols, kvOff, headDim, seqLen, kt);
                for (int i = 0; i < seqLen; i++) {
                    int row = row0 + i;
                    int j0 = start[row] - row0;
                    int n = i - j0 + 1;
                    int qOff = row * qCols + h * headDim;
                    scores(q, qOff, scale, kt, seqLen, j0, n, headDim, s);
                    float max = max(s, n);
                    double sum = expShift(s, n, max);
                    java.util.Arrays.fill(o, qOff, qOff + headDim, 0f);
                    float inv = (float) (1.0 / sum);
                    for (int j = 0; j < n; j++) {
                        Vec.axpy(s[j] * inv, v, (row0 + j0 + j) * kvCols + kvOff, o, qOff, headDim);
                    }
                    lse[row * heads + h] = (float) (max + Math.log(sum));
                }
            }
        });
    }

    static void backward(TrainPool pool, float[] dO, float[] q, float[] k, float[] v, float[] o, float[] lse,
            int[] segments, int batch, int seqLen, int heads, int kvHeads, int headDim, float[] dq, float[] dk,
            float[] dv) {
        int group = heads / kvHeads;
        int qCols = heads * headDim;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[] start = starts(segments, seqLen);
        pool.parallelFor(batch * kvHeads, 1, (from, to) -> {
            float[] p = new float[seqLen];
            float[] dp = new float[seqLen];
            float[] kt = new float[headDim * seqLen];
            float[] vt = new float[headDim * seqLen];
            for (int task = from; task < to; task++) {
                int b = task / kvHeads;
                int kvOff = (task % kvHeads) * headDim;
                int row0 = b * seqLen;
                transpose(k, row0, kvCols, kvOff, headDim, seqLen, kt);
                transpose(v, row0, kvCols, kvOff, headDim, seqLen, vt);
                for (int i = 0; i < seqLen; i++) {
                    int at = (row0 + i) * kvCols + kvOff;
                    java.util.Arrays.fill(dk, at, at + headDim, 0f);
                    java.util.Arrays.fill(dv, at, at + headDim, 0f);
                }
                for (int h = (task % kvHeads) * group; h < (task % kvHeads + 1) * group; h++) {
                    for (int i = 0; i < seqLen; i++) {
                        int row = row0 + i;
                        int j0 = start[row] - row0;
                        int n = i - j0 + 1;
                        int qOff = row * qCols + h * headDim;
                        scores(q, qOff, scale, kt, seqLen, j0, n, headDim, p);
                        expShift(p, n, lse[row * heads + h]);
                        scores(dO, qOff, 1f, vt, seqLen, j0, n, headDim, dp);
                        float di = Vec.dot(dO, qOff, o, qOff, headDim);
                        java.util.Arrays.fill(dq, qOff, qOff + headDim, 0f);
                        for (int j = 0; j < n; j++) {
                            int kv = (row0 + j0 + j) * kvCols + kvOff;
                            float ds = p[j] * (dp[j] - di) * scale;
                            Vec.axpy(p[j], dO, qOff, dv, kv, headDim);
                            Vec.axpy(ds, k, kv, dq, qOff, headDim);
                            Vec.axpy(ds, q, qOff, dk, kv, headDim);
                        }
                    }
                }
            }
        });
    }

    /** xt[d·T + t] = x[(row0 + t)·cols + off + d]. */
    private static void transpose(float[] x, int row0, int cols, int off, int headDim, int seqLen, float[] xt) {
        for (int t = 0; t < seqLen; t++) {
            int src = (row0 + t) * cols + off;
            for (int d = 0; d < headDim; d++) {
                xt[d * seqLen + t] = x[src + d];
            }
        }
    }

    /** s[j] = scale · Σ_d x[xOff + d] · xt[d·T + j0 + j] for j < n. */
    private static void scores(float[] x, int xOff, float scale, float[] xt, int seqLen, int j0, int n, int headDim,
            float[] s) {
        java.util.Arrays.fill(s, 0, n, 0f);
        for (int d = 0; d < headDim; d++) {
            Vec.axpy(x[xOff + d] * scale, xt, d * seqLen + j0, s, 0, n);
        }
    }

    private static float max(float[] s, int n) {
        int bound = Vec.S.loopBound(n);
        float max = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (bound > 0) {
            FloatVector m = FloatVector.fromArray(Vec.S, s, 0);
            for (j = Vec.L; j < bound; j += Vec.L) {
                m = m.max(FloatVector.fromArray(Vec.S, s, j));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; j < n; j++) {
            max = Math.max(max, s[j]);
        }
        return max;
    }

    /** s[j] = exp(s[j] − shift) for j < n; returns their sum. */
    private static double expShift(float[] s, int n, float shift) {
        int bound = Vec.S.loopBound(n);
        FloatVector acc = FloatVector.zero(Vec.S);
        int j = 0;
        for (; j < bound; j += Vec.L) {
            FloatVector e = FloatVector.fromArray(Vec.S, s, j).sub(shift).lanewise(VectorOperators.EXP);
            e.intoArray(s, j);
            acc = acc.add(e);
        }
        double sum = acc.reduceLanes(VectorOperators.ADD);
        for (; j < n; j++) {
            s[j] = (float) Math.exp(s[j] - shift);
            sum += s[j];
        }
        return sum;
    }
}
