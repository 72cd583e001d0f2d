package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.HostTensors.F32_LE;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.KC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;

import java.lang.foreign.MemorySegment;

/**
 * Prefill's {@code c[M,N] = a[M,K] · Wᵀ} with W fp32 in place ({@link CpuMappedWeight}) through
 * {@link CpuMatmul}'s 4 x 2-vector micro-kernel: each KC x NR piece of a W panel is packed, once per MC block
 * of x rows, from the mapping into a per-thread 16 KB buffer in {@link CpuLinearWeight}'s layout
 * ({@code buf[kk·NR + j] = W[p·NR + j, pc + kk]}), which stays in L1 while the packed x block streams from
 * L2. This is the packing that {@link CpuLinearWeight} does once at load, done per call instead: it costs one
 * pass over W per MC rows of x (measured 10-25 % of a 128-row prefill, under load), and in exchange loading costs
 * nothing and W is never held twice. Dot-product tiles straight on the rows reached only half the
 * micro-kernel's speed here (x rows stream from L2 at 4 loads per 12 FMAs), so they serve only short
 * batches ({@link CpuMappedMatmul}).
 */
final class CpuMappedPanelGemm {

    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * NR]);

    private CpuMappedPanelGemm() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuMappedWeight w, float[] c, int m) {
        int panels = (w.n() + NR - 1) / NR;
        int threads = pool.threads();
        if (m >= MC * threads || panels < 2 * threads) {
            // Tall x or narrow W: split x rows; each thread packs all of W for its own rows.
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, w, c, i0, i1, 0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> gemm(a, w, c, 0, m, p0, p1));
        }
    }

    /** x rows [i0, i1) x panels [p0, p1) of NR output columns. */
    private static void gemm(float[] a, CpuMappedWeight w, float[] c, int i0, int i1, int p0, int p1) {
        int k = w.k();
        int n = w.n();
        MemorySegment seg = w.data();
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
                    pack(seg, k, col, nr, pc, kc, panel);
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
     * W rows [col, col + nr) x columns [pc, pc + kc) into {@code panel[kk·NR + j]}; rows j ≥ nr are zero.
     * Row-outer so each row's run is read in order from the mapping; the strided writes land in L1.
     */
    static void pack(MemorySegment w, int k, int col, int nr, int pc, int kc, float[] panel) {
        for (int j = 0; j < nr; j++) {
            long at = ((long) (col + j) * k + pc) * Float.BYTES;
            for (int t = 0; t < kc; t++) {
                panel[t * NR + j] = w.get(F32_LE, at + (long) t * Float.BYTES);
            }
        }
        if (nr < NR) {
            for (int t = 0; t < kc; t++) {
                java.util.Arrays.fill(panel, t * NR + nr, (t + 1) * NR, 0f);
            }
        }
    }
}
