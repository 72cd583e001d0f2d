package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import jdk.incubator.vector.FloatVector;

/**
 * The fp32 GEMM macro-kernel shared by {@link CpuMatmul} (B packed per call) and {@link CpuLinearMatmul} (B
 * stored packed): one MC x KC block of A packed into 5-row slivers, run against a row of packed B panels by the
 * 5 x 2-vector micro-kernel, with 4-row slivers and single rows for what a multiple of 5 leaves.
 */
final class CpuGemmBlock {

    /** Rows of the main micro-kernel ({@link #kernel5x2}); {@link CpuMatmul#MR} = 4 serves remainders. */
    static final int MR5 = 5;
    /** MC rounded down to whole 5-row slivers, so only an M's last block has a remainder. */
    static final int MC5 = Math.max(MR5, Integer.getInteger("modelfactory.cpu.mc5", MC / MR5 * MR5) / MR5 * MR5);

    /** Most rows one block takes: MC5, or up to a quarter more to swallow a short last block. */
    static final int MC5_MAX = MC5 + MC5 / 4;

    private CpuGemmBlock() {
    }

    /**
     * Rows of the block that starts at {@code ic}, rows ending at {@code i1}: MC5, except that a rest of up to
     * {@link #MC5_MAX} goes in one block (1024 rows: 255, 255, 255, 259, not 4 x 255 + 4, which would sweep
     * every B panel once more for 4 rows).
     */
    static int blockRows(int ic, int i1) {
        int rest = i1 - ic;
        return rest <= MC5_MAX ? rest : MC5;
    }

    /**
     * One macro block: packs rows [ic, ic+mc) x k [pc, pc+kc) of A, then runs them against {@code panels} packed
     * B panels (panel p at {@code bp[bBase + p·bStride]}, kc x NR, covering output columns from col0 + p·NR up to
     * colEnd). Rows go in 5-row slivers and up to four 4-row slivers (any count ≥ 12 is 5a + 4b), so only
     * M < 12 ever falls to the slow one-row kernel, for at most 3 rows.
     */
    static void block(float[] a, int k, int ic, int mc, int pc, int kc, float[] packA, float[] bp, int bBase,
            int bStride, int panels, int col0, int colEnd, float[] c, int n, boolean acc, float[] edge) {
        // 4·fours ≡ mc (mod 5) makes the rest whole 5-row slivers; every mc ≥ 12 has such a split.
        int fours = (5 - mc % MR5) % MR5;
        if (fours * MR > mc) {
            fours = mc % MR5 / MR;
        }
        int fiveRows = (mc - fours * MR) / MR5 * MR5;
        packA5(a, k, ic, fiveRows, pc, kc, packA);
        CpuMatmul.packA(a, k, ic + fiveRows, fours * MR, pc, kc, packA, fiveRows * kc);
        int packed = fiveRows + fours * MR;
        for (int p = 0; p < panels; p++) {
            int col = col0 + p * NR;
            int nr = Math.min(NR, colEnd - col);
            int bOff = bBase + p * bStride;
            int i = 0;
            if (nr == NR) {
                for (; i < fiveRows; i += MR5) {
                    kernel5x2(packA, i * kc, bp, bOff, kc, c, (ic + i) * n + col, n, acc);
                }
                for (; i < packed; i += MR) {
                    CpuMatmul.kernel4x2(packA, i * kc, bp, bOff, kc, c, (ic + i) * n + col, n, acc);
                }
            }
            for (; i < mc; i++) {
                CpuMatmul.kernel1x2(a, (ic + i) * k + pc, bp, bOff, kc, c, (ic + i) * n + col, nr, acc, edge);
            }
        }
    }

    /**
     * Packs rows [i0, i0+rows) (a multiple of 5) x cols [pc, pc+kc) of A as 5-row slivers:
     * {@code packA[s·kc + p·5 + r]}.
     */
    static void packA5(float[] a, int k, int i0, int rows, int pc, int kc, float[] packA) {
        for (int s = 0; s < rows; s += MR5) {
            int o = s * kc;
            int r0 = (i0 + s) * k + pc;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            int r4 = r3 + k;
            for (int p = 0; p < kc; p++, o += MR5) {
                packA[o] = a[r0 + p];
                packA[o + 1] = a[r1 + p];
                packA[o + 2] = a[r2 + p];
                packA[o + 3] = a[r3 + p];
                packA[o + 4] = a[r4 + p];
            }
        }
    }

    /**
     * 5 rows x NR columns from a packed 5-row A sliver ({@code ap[aOff + p·5 + r]}): 10 accumulators + 2 B
     * vectors + broadcasts. 10 independent FMA chains cover the FMA latency (4 cycles x 2 ports = 8 in flight)
     * with slack, which the 8 chains of {@link CpuMatmul#kernel4x2} do not (measured ~20 % faster per FLOP).
     * A 6 x 2 tile (12 accumulators) ran at half speed: C2's scheduler keeps 3 broadcasts live and spills an
     * accumulator to the stack, putting a store-load round trip on its FMA chain. Starting from zero and adding
     * C after the loop (so the chains never wait on C's loads) also spilled, at a third of the speed.
     */
    static void kernel5x2(float[] ap, int aOff, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        FloatVector c40;
        FloatVector c41;
        int r1 = cOff + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        int r4 = r3 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
            c40 = FloatVector.fromArray(S, c, r4);
            c41 = FloatVector.fromArray(S, c, r4 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = FloatVector.zero(S);
        }
        for (int p = 0; p < kc; p++) {
            int bo = bOff + p * NR;
            int ao = aOff + p * MR5;
            FloatVector b0 = FloatVector.fromArray(S, bp, bo);
            FloatVector b1 = FloatVector.fromArray(S, bp, bo + L);
            FloatVector av = FloatVector.broadcast(S, ap[ao]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, ap[ao + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, ap[ao + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, ap[ao + 3]);
            c30 = av.fma(b0, c30);
            c31 = av.fma(b1, c31);
            av = FloatVector.broadcast(S, ap[ao + 4]);
            c40 = av.fma(b0, c40);
            c41 = av.fma(b1, c41);
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
        c40.intoArray(c, r4);
        c41.intoArray(c, r4 + L);
    }
}
