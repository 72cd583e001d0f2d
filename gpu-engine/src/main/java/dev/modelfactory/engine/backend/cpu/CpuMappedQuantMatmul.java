package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.KC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code c[M,N] = a[M,K] · Wᵀ} with W as Q4_0 / Q4_K / Q6_K blocks in place ({@link CpuMappedQuantWeight}).
 * Activations stay fp32 and W's integers and scales are the reference dequantiser's, so the result differs
 * from "dequantise W, fp32 matmul" only by rounding order. (llama.cpp instead quantises x to 8 bits and uses
 * integer dot products; emulated with int16 lanes here it measured 1.25x faster than the fused fp32 kernel
 * for Q4_0, at the price of x's quantisation error in every result, so it is not used: ADR 0008 addendum.)
 * Three strategies, the last two as for Q8_0 ({@link CpuMappedQ8Matmul}):
 * <ul>
 * <li>one x row (decode) on a machine with 256-bit vectors: threads split W rows and each output is one
 *     fused unpack-and-dot over the row's blocks ({@link CpuQuantDot}), no buffer;</li>
 * <li>otherwise below {@link CpuQ8Matmul#GEMM_ROWS} x rows (short batches): threads split W rows; each W row
 *     is decoded ({@link CpuQuantDecode}, bit-exact) once into a per-thread K-float buffer (≤ 64 KB for
 *     K ≤ 16384, L1/L2) and dotted with every x row, so W is read from memory once per call whatever M is;</li>
 * <li>from there on (prefill, compute bound): each KC x NR piece of a W panel is decoded once per MC block
 *     of x rows into a per-thread L1 buffer in {@link CpuLinearWeight}'s packed layout, and
 *     {@link CpuMatmul}'s 4 x 2-vector micro-kernel runs on it.</li>
 * </ul>
 */
final class CpuMappedQuantMatmul {

    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * NR]);

    private CpuMappedQuantMatmul() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuMappedQuantWeight w, float[] c, int m) {
        if (m >= CpuQ8Matmul.GEMM_ROWS) {
            panelGemm(pool, a, w, c, m);
        } else if (m == 1 && CpuQuantDot.SUPPORTED) {
            fused(pool, a, w, c);
        } else {
            perRow(pool, a, w, c, m);
        }
    }

    /** A per-thread scratch of at least {@code size} floats (grown, never shrunk). */
    private static float[] scratch(int size) {
        float[][] holder = ROW.get();
        if (holder[0].length < size) {
            holder[0] = new float[size];
        }
        return holder[0];
    }

    /**
     * One x row (decode): threads split W rows, each a fused unpack-and-dot ({@link CpuQuantDot}) with no
     * buffer. With 2+ x rows the buffered kernel wins, as it unpacks a W row once for all of them.
     */
    static void fused(CpuThreads pool, float[] a, CpuMappedQuantWeight w, float[] c) {
        float[] xsum = CpuQuantDot.sums32(a, 0, w.k());
        pool.parallelForBalanced(w.n(), 4, (r0, r1) -> CpuQuantDot.rows(w, a, 0, xsum, c, r0, r1));
    }

    /** The decode-a-row-then-dot kernel for any m (tests reach it past the threshold). */
    static void perRow(CpuThreads pool, float[] a, CpuMappedQuantWeight w, float[] c, int m) {
        pool.parallelForBalanced(w.n(), 4, (r0, r1) -> rows(a, w, c, m, r0, r1));
    }

    /** Output rows [r0, r1) for all m x rows: each W row decoded once into a per-thread buffer. */
    static void rows(float[] a, CpuMappedQuantWeight w, float[] c, int m, int r0, int r1) {
        int n = w.n();
        int k = w.k();
        float[] row = scratch(k);
        for (int r = r0; r < r1; r++) {
            w.decodeRow(r, row, 0);
            for (int i = 0; i < m; i++) {
                c[i * n + r] = dot(row, a, i * k, k);
            }
        }
    }

    /** {@code Σ w[j] · a[xo + j]} over j < k, four accumulator chains (the FMA latency). */
    private static float dot(float[] w, float[] a, int xo, int k) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        FloatVector acc2 = acc0;
        FloatVector acc3 = acc0;
        int j = 0;
        for (; j + 4 * L <= k; j += 4 * L) {
            acc0 = FloatVector.fromArray(S, w, j).fma(FloatVector.fromArray(S, a, xo + j), acc0);
            acc1 = FloatVector.fromArray(S, w, j + L).fma(FloatVector.fromArray(S, a, xo + j + L), acc1);
            acc2 = FloatVector.fromArray(S, w, j + 2 * L).fma(FloatVector.fromArray(S, a, xo + j + 2 * L), acc2);
            acc3 = FloatVector.fromArray(S, w, j + 3 * L).fma(FloatVector.fromArray(S, a, xo + j + 3 * L), acc3);
        }
        for (; j + L <= k; j += L) {
            acc0 = FloatVector.fromArray(S, w, j).fma(FloatVector.fromArray(S, a, xo + j), acc0);
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; j < k; j++) {
            s += w[j] * a[xo + j];
        }
        return s;
    }

    /** Prefill through decoded panels; the thread split follows {@link CpuQ8PanelGemm}. */
    static void panelGemm(CpuThreads pool, float[] a, CpuMappedQuantWeight w, float[] c, int m) {
        int panels = (w.n() + NR - 1) / NR;
        int threads = pool.threads();
        if (m >= MC * threads || panels < 2 * threads) {
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, w, c, i0, i1, 0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> gemm(a, w, c, 0, m, p0, p1));
        }
    }

    /** x rows [i0, i1) x panels [p0, p1) of NR output columns. */
    private static void gemm(float[] a, CpuMappedQuantWeight w, float[] c, int i0, int i1, int p0, int p1) {
        int k = w.k();
        int n = w.n();
        float[] packA = CpuMatmul.PACK_A.get();
        float[] panel = PANEL.get();
        float[] edge = new float[NR];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            boolean acc = pc > 0;
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                int full = mc / MR * MR;
                CpuMatmul.packA(a, k, ic, full, pc, kc, packA);
                for (int p = p0; p < p1; p++) {
                    int col = p * NR;
                    int nr = Math.min(NR, n - col);
                    decodePanel(w, col, nr, pc, kc, panel);
                    int i = ic;
                    if (nr == NR) {
                        for (; i < ic + full; i += MR) {
                            CpuMatmul.kernel4x2(packA, (i - ic) * kc, panel, 0, kc, c, i * n + col, n, acc);
                        }
                    }
                    for (; i < ic + mc; i++) {
                        CpuMatmul.kernel1x2(a, i * k + pc, panel, 0, kc, c, i * n + col, nr, acc, edge);
                    }
                }
            }
        }
    }

    /**
     * W rows [col, col + nr) x columns [pc, pc + kc) into {@code panel[t·NR + j]}; rows j ≥ nr are zero.
     * Each row's blocks covering the columns are decoded into a scratch (KC need not be whole blocks), then
     * transposed into the panel.
     */
    static void decodePanel(CpuMappedQuantWeight w, int col, int nr, int pc, int kc, float[] panel) {
        int bs = w.format().block();
        int b0 = pc / bs;
        int b1 = (pc + kc + bs - 1) / bs;
        int skip = pc - b0 * bs;
        float[] row = scratch((b1 - b0) * bs);
        for (int j = 0; j < nr; j++) {
            w.decode(col + j, b0, b1, row, 0);
            for (int t = 0; t < kc; t++) {
                panel[t * NR + j] = row[skip + t];
            }
        }
        if (nr < NR) {
            for (int t = 0; t < kc; t++) {
                java.util.Arrays.fill(panel, t * NR + nr, (t + 1) * NR, 0f);
            }
        }
    }
}
