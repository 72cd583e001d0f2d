package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.KC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import jdk.incubator.vector.FloatVector;

/**
 * {@code c[M,N] = a[M,K] · Wᵀ} with W pre-packed ({@link CpuLinearWeight}): the linear layers of a model.
 * GEMM (M ≥ {@link CpuMatmul#MR}) runs {@link CpuMatmul}'s micro-kernel straight on the stored panels; the
 * decode path (small M) streams each panel once, broadcasting one x value per k against NR weights, two
 * panels at a time so four FMA chains hide the FMA latency. Threads take disjoint ranges of panels (or of
 * rows when there are few panels).
 */
final class CpuLinearMatmul {

    private CpuLinearMatmul() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuLinearWeight w, float[] c, int m) {
        int panels = w.panels();
        int threads = pool.threads();
        if (m < MR) {
            pool.parallelForBalanced(panels, 2, (p0, p1) -> gemv(a, w, c, m, p0, p1));
        } else if (m >= MC * threads || panels < 2 * threads) {
            // Tall x: each thread packs only its own rows of x; the packed W is shared read-only.
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, w, c, m, i0, i1, 0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> gemm(a, w, c, m, 0, m, p0, p1));
        }
    }

    /** Rows [i0, i1) x panels [p0, p1). */
    private static void gemm(float[] a, CpuLinearWeight w, float[] c, int m, int i0, int i1, int p0, int p1) {
        gemm(a, w.packed(), w.k(), w.n(), c, i0, i1, p0, p1);
    }

    /** Rows [i0, i1) x panels [p0, p1) of B [n, k] packed as {@link CpuLinearWeight} stores it, in {@code bp}. */
    static void gemm(float[] a, float[] bp, int k, int n, float[] c, int i0, int i1, int p0, int p1) {
        float[] packA = CpuMatmul.PACK_A.get();
        float[] edge = new float[NR];
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int ic = i0, mc; ic < i1; ic += mc) {
                mc = CpuGemmBlock.blockRows(ic, i1);
                CpuGemmBlock.block(a, k, ic, mc, pc, kc, packA, bp, p0 * k * NR + pc * NR, k * NR, p1 - p0, p0 * NR, n,
                        c, n, pc > 0, edge);
            }
        }
    }

    /** Each of the m (< MR) rows against panels [p0, p1), two panels per pass. */
    static void gemv(float[] a, CpuLinearWeight w, float[] c, int m, int p0, int p1) {
        int k = w.k();
        int n = w.n();
        float[] bp = w.packed();
        float[] tile = new float[2 * NR];
        for (int i = 0; i < m; i++) {
            int x = i * k;
            for (int p = p0; p < p1; p += 2) {
                boolean two = p + 1 < p1;
                int b0 = p * k * NR;
                int b1 = two ? b0 + k * NR : b0;
                FloatVector s00 = FloatVector.zero(S);
                FloatVector s01 = FloatVector.zero(S);
                FloatVector s10 = FloatVector.zero(S);
                FloatVector s11 = FloatVector.zero(S);
                for (int kk = 0; kk < k; kk++, b0 += NR, b1 += NR) {
                    FloatVector xv = FloatVector.broadcast(S, a[x + kk]);
                    s00 = xv.fma(FloatVector.fromArray(S, bp, b0), s00);
                    s01 = xv.fma(FloatVector.fromArray(S, bp, b0 + L), s01);
                    s10 = xv.fma(FloatVector.fromArray(S, bp, b1), s10);
                    s11 = xv.fma(FloatVector.fromArray(S, bp, b1 + L), s11);
                }
                s00.intoArray(tile, 0);
                s01.intoArray(tile, L);
                s10.intoArray(tile, NR);
                s11.intoArray(tile, NR + L);
                int cols = Math.min(two ? 2 * NR : NR, n - p * NR);
                System.arraycopy(tile, 0, c, i * n + p * NR, cols);
            }
        }
    }
}
