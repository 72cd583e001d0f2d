package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.KC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;

import dev.modelfactory.engine.backend.Q8_0;

/**
 * Prefill's {@code c[M,N] = a[M,K] · Wᵀ} with W in Q8_0 ({@link CpuQ8Weight}) through {@link CpuMatmul}'s
 * fp32 micro-kernel. With many x rows the product is compute bound, and the per-row int8 dot product
 * ({@link CpuQ8Matmul}) spends its time widening quants it then uses once per x row; here each KC x NR
 * piece of a weight panel is dequantised once per MC block of x rows into a per-thread buffer in the layout
 * {@link CpuLinearWeight} pre-packs ({@code buf[kk·NR + j] = W[p·NR + j, pc + kk]}, padded rows zero), and
 * the 4 x 2-vector kernel then runs every row sliver of the packed x block against it. The buffer is 16 KB
 * for AVX2 (KC = 256, NR = 16), so it stays in L1 while the packed x block streams from L2; the
 * dequantisation is one scalar pass over the piece, amortised over MC rows' FMAs.
 */
final class CpuQ8PanelGemm {

    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * NR]);

    private CpuQ8PanelGemm() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuQ8Weight w, float[] c, int m) {
        int panels = (w.n() + NR - 1) / NR;
        int threads = pool.threads();
        if (m >= MC * threads || panels < 2 * threads) {
            // Tall x or narrow W: split x rows; each thread dequantises all of W for its own rows.
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, w, c, i0, i1, 0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> gemm(a, w, c, 0, m, p0, p1));
        }
    }

    /** x rows [i0, i1) x panels [p0, p1) of NR output columns. */
    static void gemm(float[] a, CpuQ8Weight w, float[] c, int i0, int i1, int p0, int p1) {
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
                    dequantise(w, col, nr, pc, kc, panel);
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
     * W rows [col, col + nr) x columns [pc, pc + kc) dequantised into {@code panel[kk·NR + j]}; rows j ≥ nr
     * are zero. Row-outer so each source row's quants and scales are read in order; the scattered writes
     * land in the 16 KB buffer, which is in L1.
     */
    static void dequantise(CpuQ8Weight w, int col, int nr, int pc, int kc, float[] panel) {
        int k = w.k();
        byte[] q = w.quants();
        float[] d = w.scales();
        int blocks = k / Q8_0.BLOCK;
        for (int j = 0; j < nr; j++) {
            int row = col + j;
            int qo = row * k + pc;
            int so = row * blocks;
            for (int t = 0; t < kc;) {
                // Up to the end of the block holding column pc + t: one scale per run (a custom KC need
                // not be a multiple of 32, so runs are cut by the absolute column).
                int b = (pc + t) / Q8_0.BLOCK;
                int end = Math.min(kc, (b + 1) * Q8_0.BLOCK - pc);
                float s = d[so + b];
                for (; t < end; t++) {
                    panel[t * NR + j] = q[qo + t] * s;
                }
            }
        }
        if (nr < NR) {
            for (int t = 0; t < kc; t++) {
                java.util.Arrays.fill(panel, t * NR + nr, (t + 1) * NR, 0f);
            }
        }
    }
}
