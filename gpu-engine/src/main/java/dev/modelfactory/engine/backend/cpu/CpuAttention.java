package dev.modelfactory.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Causal grouped-query attention for the cpu backend. One task per (query row t, head h): scores
 * against cached keys 0..startPos+t, softmax, then the weighted sum of values accumulated as vector
 * AXPYs over the head dim. Shapes as in {@code Backend.attention}.
 */
final class CpuAttention {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /**
     * Below this many multiply-adds attention stays on the calling thread: decode over a short context
     * (12 heads x 80 positions x 64 dims is 123K) finishes before a parked worker would have woken up.
     */
    static final long PARALLEL_MIN = Long.getLong("modelfactory.cpu.attention.parallelMin", 1 << 18);

    private CpuAttention() {
    }

    static void attention(CpuThreads pool, float[] q, float[] k, float[] v, int tokens, int startPos, int heads,
            int kvHeads, int headDim, float[] out) {
        int group = heads / kvHeads;
        int kvCols = kvHeads * headDim;
        float scale = (float) (1.0 / Math.sqrt(headDim));
        int tasks = tokens * heads;
        int grain = Math.max(1, tasks / (pool.threads() * 4));
        CpuThreads.RangeBody body = (from, to) -> {
            float[] scores = new float[startPos + tokens];
            for (int task = from; task < to; task++) {
                int t = task / heads;
                int h = task % heads;
                one(q, k, v, t, h, startPos + t + 1, heads, headDim, kvCols, (h / group) * headDim, scale, scores, out);
            }
        };
        // Multiply-adds of the scores and the weighted sum (the causal triangle counted whole).
        long work = 2L * tasks * (startPos + tokens) * headDim;
        if (work < PARALLEL_MIN) {
            body.run(0, tasks);
        } else {
            pool.parallelForBalanced(tasks, grain, body);
        }
    }

    private static void one(float[] q, float[] k, float[] v, int t, int h, int visible, int heads, int headDim,
            int kvCols, int kvOff, float scale, float[] scores, float[] out) {
        int qOff = (t * heads + h) * headDim;
        for (int s = 0; s < visible; s++) {
            scores[s] = CpuMatmul.dot(q, qOff, k, s * kvCols + kvOff, headDim) * scale;
        }
        CpuKernels.softmaxRow(scores, 0, scores, 0, visible);
        int bound = S.loopBound(headDim);
        java.util.Arrays.fill(out, qOff, qOff + headDim, 0f);
        for (int s = 0; s < visible; s++) {
            float p = scores[s];
            int vOff = s * kvCols + kvOff;
            int d = 0;
            for (; d < bound; d += L) {
                FloatVector.fromArray(S, v, vOff + d).fma(FloatVector.broadcast(S, p), FloatVector.fromArray(S, out, qOff + d))
                        .intoArray(out, qOff + d);
            }
            for (; d < headDim; d++) {
                out[qOff + d] += p * v[vOff + d];
            }
        }
    }
}
