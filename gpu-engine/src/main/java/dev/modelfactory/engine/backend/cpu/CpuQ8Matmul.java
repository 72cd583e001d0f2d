package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import dev.modelfactory.engine.backend.Q8_0;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code c[M,N] = a[M,K] · Wᵀ} with W in Q8_0 ({@link CpuQ8Weight}). Each output is a dot product of one
 * x row with one weight row, block by block: the 32 int8 quants widen to fp32 lanes, multiply-add against
 * x into a block sum, and the block sum is scaled by d into the row's accumulator; two blocks per pass on
 * separate accumulators. W stays int8 (a quarter of fp32's bytes) because decode streams all of it per
 * token. Measured on the 2-core AVX2 dev VM: ~10.5 G weights/s per core with W in cache, limited by the
 * int8-to-fp32 widening; variants sharing x loads across 2 or 4 weight rows measured the same, so the
 * simple one-row form stays.
 *
 * <p>Threads take disjoint ranges of output rows (of W). Within a range, x rows go in tiles of
 * {@link #TILE}: a weight row (K bytes) is read once per tile and stays in L1 while the tile's x rows
 * stream from L2, so prefill reads W {@code ceil(M / TILE)} times rather than M times.
 */
final class CpuQ8Matmul {

    static final int TILE = 16;
    /**
     * From this many x rows on, {@link CpuQ8PanelGemm} (dequantise panels, fp32 micro-kernel) replaces the
     * per-row kernel: prefill is compute bound, decode and short batches stay on int8 for the bandwidth.
     */
    static final int GEMM_ROWS = Integer.getInteger("modelfactory.cpu.q8.gemmRows", 16);

    /** Byte lanes loaded at once: enough to fill one float vector (at least 8, the smallest byte shape). */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    /** Float vectors per byte load (1 unless the float vector is narrower than 8 lanes). */
    private static final int PARTS = B.length() / L;

    private CpuQ8Matmul() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuQ8Weight w, float[] c, int m) {
        if (m >= GEMM_ROWS) {
            CpuQ8PanelGemm.matmul(pool, a, w, c, m);
        } else {
            perRow(pool, a, w, c, m);
        }
    }

    /** The int8 dot-product kernel for any m (tests and benchmarks reach it past the threshold). */
    static void perRow(CpuThreads pool, float[] a, CpuQ8Weight w, float[] c, int m) {
        int n = w.n();
        pool.parallelForBalanced(n, 4, (r0, r1) -> rows(a, w, c, m, r0, r1));
    }

    /** Output rows [r0, r1) for all m x rows. */
    static void rows(float[] a, CpuQ8Weight w, float[] c, int m, int r0, int r1) {
        int n = w.n();
        int k = w.k();
        for (int i0 = 0; i0 < m; i0 += TILE) {
            int i1 = Math.min(m, i0 + TILE);
            for (int r = r0; r < r1; r++) {
                for (int i = i0; i < i1; i++) {
                    c[i * n + r] = dot(a, i * k, w.quants(), w.scales(), r, k);
                }
            }
        }
    }

    /** Row {@code row} of W (K = k) against x at {@code a[xo .. xo + k)}. */
    static float dot(float[] a, int xo, byte[] q, float[] d, int row, int k) {
        int blocks = k / Q8_0.BLOCK;
        int qo = row * k;
        int so = row * blocks;
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int b = 0;
        for (; b + 1 < blocks; b += 2) {
            int o = b * Q8_0.BLOCK;
            FloatVector s0 = block(a, xo + o, q, qo + o);
            FloatVector s1 = block(a, xo + o + Q8_0.BLOCK, q, qo + o + Q8_0.BLOCK);
            acc0 = s0.fma(FloatVector.broadcast(S, d[so + b]), acc0);
            acc1 = s1.fma(FloatVector.broadcast(S, d[so + b + 1]), acc1);
        }
        if (b < blocks) {
            int o = b * Q8_0.BLOCK;
            acc0 = block(a, xo + o, q, qo + o).fma(FloatVector.broadcast(S, d[so + b]), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** Lane-wise partial sums of {@code q[qo + j] · x[xo + j]} over one block, j < 32. */
    private static FloatVector block(float[] a, int xo, byte[] q, int qo) {
        FloatVector s = FloatVector.zero(S);
        for (int j = 0; j < Q8_0.BLOCK; j += B.length()) {
            ByteVector qv = ByteVector.fromArray(B, q, qo + j);
            for (int p = 0; p < PARTS; p++) {
                FloatVector qf = (FloatVector) qv.convertShape(VectorOperators.B2F, S, p);
                s = qf.fma(FloatVector.fromArray(S, a, xo + j + p * L), s);
            }
        }
        return s;
    }
}
