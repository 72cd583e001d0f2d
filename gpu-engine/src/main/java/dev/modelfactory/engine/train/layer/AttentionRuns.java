package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@link Attention} when each segment is one contiguous run of a row's tokens (what packing produces): query
 * i of a run of n tokens sees exactly keys 0..i of that run, so one (run, head) is dense matrix work on the
 * calling thread's {@link Gemm#serial} kernel: {@code S = Q·Kᵀ} [n, n], the causal softmax row by row
 * (vectorised; entries above the diagonal set to 0), {@code O = P·V}. Backward recomputes P from the
 * log-sum-exp, then {@code dP = dO·Vᵀ}, {@code dS = scale·P ⊙ (dP − rowsum(dO ⊙ O))}, {@code dQ = dS·K},
 * {@code dK += dSᵀ·Q}, {@code dV += Pᵀ·dO}. The transposes are strides. The upper triangle is computed and
 * discarded: half the products, but at GEMM speed instead of one short dot per (query, key).
 */
final class AttentionRuns {

    private AttentionRuns() {
    }

    /** Runs of equal segments of each row: [start, end) pairs, rows never merged. */
    private static int[][] runs(int[] segments, int seqLen) {
        java.util.List<int[]> runs = new java.util.ArrayList<>();
        for (int r = 0; r < segments.length; r++) {
            if (r % seqLen == 0 || segments[r] != segments[r - 1]) {
                runs.add(new int[] {r, r + 1});
            } else {
                runs.getLast()[1] = r + 1;
            }
        }
        return runs.toArray(new int[0][]);
    }

    static void forward(TrainPool pool, float[] q, float[] k, float[] v, int[] segments, int batch, int seqLen,
            int heads, int kvHeads, int headDim, float[] o, float[] lse) {
        int group = heads / kvHeads;
        int qCols = heads * headDim;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int[][] runs = runs(segments, seqLen);
        pool.parallelFor(runs.length * heads, 1, (from, to) -> {
            float[] p = new float[maxRun(runs) * maxRun(runs)];
            for (int task = from; task < to; task++) {
                int[] run = runs[task / heads];
                int h = task % heads;
                int r0 = run[0];
                int n = run[1] - r0;
                int qOff = r0 * qCols + h * headDim;
                int kvOff = r0 * kvCols + (h / group) * headDim;
                Gemm.serial(n, n, headDim, q, qOff, qCols, 1, k, kvOff, 1, kvCols, p, 0, n, false);
                for (int i = 0; i < n; i++) {
                    lse[(r0 + i) * heads + h] = softmaxRow(p, i * n, i + 1, n, scale);
                }
                Gemm.serial(n, headDim, n, p, 0, n, 1, v, kvOff, kvCols, 1, o, qOff, qCols, false);
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
        int[][] runs = runs(segments, seqLen);
        pool.parallelFor(runs.length * kvHeads, 1, (from, to) -> {
            int max = maxRun(runs);
            float[] p = new float[max * max];
            float[] ds = new float[max * max];
            for (int task = from; task < to; task++) {
                int[] run = runs[task / kvHeads];
                int kvh = task % kvHeads;
                int r0 = run[0];
                int n = run[1] - r0;
                int kvOff = r0 * kvCols + kvh * headDim;
                for (int h = kvh * group; h < (kvh + 1) * group; h++) {
                    int qOff = r0 * qCols + h * headDim;
                    Gemm.serial(n, n, headDim, q, qOff, qCols, 1, k, kvOff, 1, kvCols, p, 0, n, false);
                    Gemm.serial(n, n, headDim, dO, qOff, qCols, 1, v, kvOff, 1, kvCols, ds, 0, n, false);
                    for (int i = 0; i < n; i++) {
                        int row = r0 + i;
                        float di = Vec.dot(dO, row * qCols + h * headDim, o, row * qCols + h * headDim, headDim);
                        gradRow(p, ds, i * n, i + 1, n, scale, lse[row * heads + h], di);
                    }
                    boolean first = h == kvh * group;
                    Gemm.serial(n, headDim, n, ds, 0, n, 1, k, kvOff, kvCols, 1, dq, qOff, qCols, false);
                    Gemm.serial(n, headDim, n, ds, 0, 1, n, q, qOff, qCols, 1, dk, kvOff, kvCols, !first);
                    Gemm.serial(n, headDim, n, p, 0, 1, n, dO, qOff, qCols, 1, dv, kvOff, kvCols, !first);
                }
            }
        });
    }

    private static int maxRun(int[][] runs) {
        int max = 1;
        for (int[] r : runs) {
            max = Math.max(max, r[1] - r[0]);
        }
        return max;
    }

    /**
     * Row of S at {@code off}: the first {@code visible} entries become softmax(scale·s), the rest of the n
     * entries 0. Returns the row's log-sum-exp of the scaled scores.
     */
    private static float softmaxRow(float[] s, int off, int visible, int n, float scale) {
        int bound = Vec.S.loopBound(visible);
        float max = Float.NEGATIVE_INFINITY;
        int j = 0;
        if (bound > 0) {
            FloatVector m = FloatVector.broadcast(Vec.S, Float.NEGATIVE_INFINITY);
            for (; j < bound; j += Vec.L) {
                FloatVector x = FloatVector.fromArray(Vec.S, s, off + j).mul(scale);
                x.intoArray(s, off + j);
                m = m.max(x);
            }
            max = m.reduceLanes(VectorOperators.MAX); // exact in any lane order
        }
        for (; j < visible; j++) {
            s[off + j] *= scale;
            max = Math.max(max, s[off + j]);
        }
        double sum = expShift(s, off, visible, max);
        float inv = (float) (1.0 / sum);
        j = 0;
        for (; j < bound; j += Vec.L) {
            FloatVector.fromArray(Vec.S, s, off + j).mul(inv).intoArray(s, off + j);
        }
        for (; j < visible; j++) {
            s[off + j] *= inv;
        }
        java.util.Arrays.fill(s, off + visible, off + n, 0f);
        return (float) (max + StrictMath.log(sum));
    }

    /**
     * Turns row {@code off} of S into P = exp(scale·s − lse) and row {@code off} of dP into
     * dS = scale·P·(dP − di), both zero past the first {@code visible} entries.
     */
    private static void gradRow(float[] p, float[] ds, int off, int visible, int n, float scale, float lse, float di) {
        int bound = Vec.S.loopBound(visible);
        int j = 0;
        for (; j < bound; j += Vec.L) {
            FloatVector pv = Vec.exp(FloatVector.fromArray(Vec.S, p, off + j).mul(scale).sub(lse));
            pv.intoArray(p, off + j);
            FloatVector.fromArray(Vec.S, ds, off + j).sub(di).mul(pv).mul(scale).intoArray(ds, off + j);
        }
        for (; j < visible; j++) {
            float pj = Vec.exp(p[off + j] * scale - lse);
            p[off + j] = pj;
            ds[off + j] = (ds[off + j] - di) * pj * scale;
        }
        java.util.Arrays.fill(p, off + visible, off + n, 0f);
        java.util.Arrays.fill(ds, off + visible, off + n, 0f);
    }

    /** s[off + j] = exp(s[off + j] − shift) for j < n; returns their sum (vector lanes, then lane order, then the tail). */
    private static double expShift(float[] s, int off, int n, float shift) {
        int bound = Vec.S.loopBound(n);
        FloatVector acc = FloatVector.zero(Vec.S);
        int j = 0;
        for (; j < bound; j += Vec.L) {
            FloatVector e = Vec.exp(FloatVector.fromArray(Vec.S, s, off + j).sub(shift));
            e.intoArray(s, off + j);
            acc = acc.add(e);
        }
        double sum = Vec.sumDouble(acc);
        for (; j < n; j++) {
            s[off + j] = Vec.exp(s[off + j] - shift);
            sum += s[off + j];
        }
        return sum;
    }
}
