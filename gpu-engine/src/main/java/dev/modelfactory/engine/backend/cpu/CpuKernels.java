package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.RopeStyle;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Row kernels of the cpu backend, each fused into one or two passes over a row. They work on a range of
 * rows so the backend can spread rows over threads; every row is {@code cols} long at {@code r·cols}.
 */
final class CpuKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private CpuKernels() {
    }

    /** o[i] = x[i] + y[i % y.length] (y is a full tensor or one row) for i in [from, to). */
    static void add(float[] x, float[] y, float[] o, int from, int to, int cols) {
        binary(x, y, o, from, to, cols, true);
    }

    static void mul(float[] x, float[] y, float[] o, int from, int to, int cols) {
        binary(x, y, o, from, to, cols, false);
    }

    /** Rows [r0, r1) of x combined with y, where y is either whole or one row of {@code cols}. */
    private static void binary(float[] x, float[] y, float[] o, int r0, int r1, int cols, boolean add) {
        boolean row = y.length == cols && x.length != cols;
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int off = r * cols;
            int yOff = row ? 0 : off;
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector a = FloatVector.fromArray(S, x, off + c);
                FloatVector b = FloatVector.fromArray(S, y, yOff + c);
                (add ? a.add(b) : a.mul(b)).intoArray(o, off + c);
            }
            for (; c < cols; c++) {
                o[off + c] = add ? x[off + c] + y[yOff + c] : x[off + c] * y[yOff + c];
            }
        }
    }

    static void scale(float[] x, float s, float[] o, int from, int to) {
        int c = from;
        for (int bound = from + S.loopBound(to - from); c < bound; c += L) {
            FloatVector.fromArray(S, x, c).mul(s).intoArray(o, c);
        }
        for (; c < to; c++) {
            o[c] = s * x[c];
        }
    }

    /** Fused RMSNorm: one pass for the sum of squares, one to scale by the inverse rms and the weight. */
    static void rmsNorm(float[] x, float[] w, float eps, float[] o, int r0, int r1, int cols) {
        int bound = S.loopBound(cols);
        for (int r = r0; r < r1; r++) {
            int off = r * cols;
            FloatVector acc = FloatVector.zero(S);
            int c = 0;
            for (; c < bound; c += L) {
                FloatVector v = FloatVector.fromArray(S, x, off + c);
                acc = v.fma(v, acc);
            }
            float ss = acc.reduceLanes(VectorOperators.ADD);
            for (; c < cols; c++) {
                ss += x[off + c] * x[off + c];
            }
            float inv = (float) (1.0 / Math.sqrt(ss / cols + eps));
            c = 0;
            for (; c < bound; c += L) {
                FloatVector.fromArray(S, x, off + c).mul(inv).mul(FloatVector.fromArray(S, w, c)).intoArray(o, off + c);
            }
            for (; c < cols; c++) {
                o[off + c] = x[off + c] * inv * w[c];
            }
        }
    }

    /**
     * RoPE over rows [r0, r1) of x [T, heads·D], with per-row angle tables cos/sin [T, D/2] precomputed.
     * Rotate-half pairs are contiguous half-rows, so they vectorise; interleaved pairs run scalar.
     */
    static void rope(float[] x, float[] cos, float[] sin, int heads, int headDim, RopeStyle style, int r0, int r1) {
        int half = headDim / 2;
        int bound = S.loopBound(half);
        for (int t = r0; t < r1; t++) {
            int tab = t * half;
            for (int h = 0; h < heads; h++) {
                int base = (t * heads + h) * headDim;
                if (style == RopeStyle.ROTATE_HALF) {
                    int i = 0;
                    for (; i < bound; i += L) {
                        FloatVector a = FloatVector.fromArray(S, x, base + i);
                        FloatVector b = FloatVector.fromArray(S, x, base + half + i);
                        FloatVector cv = FloatVector.fromArray(S, cos, tab + i);
                        FloatVector sv = FloatVector.fromArray(S, sin, tab + i);
                        a.mul(cv).sub(b.mul(sv)).intoArray(x, base + i);
                        b.mul(cv).add(a.mul(sv)).intoArray(x, base + half + i);
                    }
                    for (; i < half; i++) {
                        rotate(x, base + i, base + half + i, cos[tab + i], sin[tab + i]);
                    }
                } else {
                    for (int i = 0; i < half; i++) {
                        rotate(x, base + 2 * i, base + 2 * i + 1, cos[tab + i], sin[tab + i]);
                    }
                }
            }
        }
    }

    private static void rotate(float[] x, int i0, int i1, float cos, float sin) {
        float a = x[i0];
        float b = x[i1];
        x[i0] = a * cos - b * sin;
        x[i1] = b * cos + a * sin;
    }

    /** o = silu(g) · u over [from, to); u == null means plain SiLU. */
    static void swiglu(float[] g, float[] u, float[] o, int from, int to) {
        int c = from;
        for (int bound = from + S.loopBound(to - from); c < bound; c += L) {
            FloatVector gv = FloatVector.fromArray(S, g, c);
            FloatVector s = gv.div(gv.neg().lanewise(VectorOperators.EXP).add(1f));
            (u == null ? s : s.mul(FloatVector.fromArray(S, u, c))).intoArray(o, c);
        }
        for (; c < to; c++) {
            float s = (float) (g[c] / (1.0 + Math.exp(-g[c])));
            o[c] = u == null ? s : s * u[c];
        }
    }

    /** Stable softmax of rows [r0, r1): max, exp and sum in one pass, then scale. */
    static void softmax(float[] x, float[] o, int r0, int r1, int cols) {
        for (int r = r0; r < r1; r++) {
            softmaxRow(x, r * cols, o, r * cols, cols);
        }
    }

    static void softmaxRow(float[] x, int off, float[] o, int outOff, int n) {
        int bound = S.loopBound(n);
        float max = Float.NEGATIVE_INFINITY;
        int c = 0;
        if (bound > 0) {
            FloatVector m = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; c < bound; c += L) {
                m = m.max(FloatVector.fromArray(S, x, off + c));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; c < n; c++) {
            max = Math.max(max, x[off + c]);
        }
        FloatVector sum = FloatVector.zero(S);
        c = 0;
        for (; c < bound; c += L) {
            FloatVector e = FloatVector.fromArray(S, x, off + c).sub(max).lanewise(VectorOperators.EXP);
            e.intoArray(o, outOff + c);
            sum = sum.add(e);
        }
        float total = sum.reduceLanes(VectorOperators.ADD);
        for (; c < n; c++) {
            float e = (float) Math.exp(x[off + c] - max);
            o[outOff + c] = e;
            total += e;
        }
        scale(o, 1f / total, o, outOff, outOff + n);
    }
}
