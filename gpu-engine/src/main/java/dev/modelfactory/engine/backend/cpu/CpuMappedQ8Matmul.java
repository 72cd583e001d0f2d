package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.KC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MC;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.MR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.NR;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import dev.modelfactory.engine.backend.Q8_0;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@code c[M,N] = a[M,K] · Wᵀ} with W as Q8_0 blocks in place ({@link CpuMappedQ8Weight}, a mapped GGUF
 * file). The same two strategies as the heap-copy kernels ({@link CpuQ8Matmul}, {@link CpuQ8PanelGemm}),
 * reading ggml's interleaved 34-byte blocks where they lie:
 * <ul>
 * <li>below {@link CpuQ8Matmul#GEMM_ROWS} x rows (decode, short batches): per output, the int8 dot product
 *     block by block (quants widened to fp32 lanes, fp16 scale converted per block), x rows in tiles of
 *     {@link CpuQ8Matmul#TILE} per W row so a W row is read once per tile; threads split W rows;</li>
 * <li>from there on (prefill, compute bound): each KC x NR piece of a W panel is dequantised once per MC
 *     block of x rows into a per-thread L1 buffer in {@link CpuLinearWeight}'s packed layout, and
 *     {@link CpuMatmul}'s 4 x 2-vector micro-kernel runs on it, so the dequantisation is counted in the
 *     matmul, not at load.</li>
 * </ul>
 */
final class CpuMappedQ8Matmul {

    /** Byte lanes loaded at once: enough to fill one float vector (at least 8, the smallest byte shape). */
    private static final VectorSpecies<Byte> B =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(Math.max(64, L * Byte.SIZE)));
    private static final int PARTS = B.length() / L;
    private static final ValueLayout.OfShort HALF =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /**
     * With 8 float lanes (AVX2) the two-block pass is written out flat: 8 loads, 2-long FMA chains per block
     * instead of one 4-long chain, no inner loops; measured 1.19x (2048 x 2048, 9.7 -> 11.6 G weights/s per
     * core), now level with the heap copy's kernel. Other widths keep the generic loop.
     */
    private static final boolean FLAT = L == 8 && B.length() == 8;
    /** A block's 32 quants in one load ({@link #dotOne}; used where {@link #FLAT}). */
    private static final VectorSpecies<Byte> B32 = ByteVector.SPECIES_256;
    private static final ThreadLocal<float[]> PANEL = ThreadLocal.withInitial(() -> new float[KC * NR]);

    private CpuMappedQ8Matmul() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuMappedQ8Weight w, float[] c, int m) {
        if (m >= CpuQ8Matmul.GEMM_ROWS) {
            panelGemm(pool, a, w, c, m);
        } else {
            perRow(pool, a, w, c, m);
        }
    }

    /** The int8 dot-product kernel for any m (tests reach it past the threshold). */
    static void perRow(CpuThreads pool, float[] a, CpuMappedQ8Weight w, float[] c, int m) {
        pool.parallelForBalanced(w.n(), 4, rowsBody(a, w, c, m));
    }

    /**
     * Output rows of {@code a[m, k] · Wᵀ} for any split of {@code [0, n)}: one x row (decode) through
     * {@link #dotOne} with x permuted once here, more rows through {@link #rows}.
     */
    static CpuThreads.RangeBody rowsBody(float[] a, CpuMappedQ8Weight w, float[] c, int m) {
        if (m == 1 && FLAT) {
            float[] xp = permuted(a, w.k());
            return (r0, r1) -> rowsOne(xp, w, c, r0, r1);
        }
        return (r0, r1) -> rows(a, w, c, m, r0, r1);
    }

    /**
     * x laid out for {@link #dotOne}: in each block of 32, group j (8 lanes) holds x[4l + j] in lane l, the
     * order in which one 32-byte load of the quants splits into four int lanes by shifts.
     */
    static float[] permuted(float[] a, int k) {
        float[] xp = new float[k];
        for (int b = 0; b < k; b += Q8_0.BLOCK) {
            for (int j = 0; j < 4; j++) {
                for (int l = 0; l < 8; l++) {
                    xp[b + j * 8 + l] = a[b + 4 * l + j];
                }
            }
        }
        return xp;
    }

    private static void rowsOne(float[] xp, CpuMappedQ8Weight w, float[] c, int r0, int r1) {
        int k = w.k();
        int blocks = k / Q8_0.BLOCK;
        MemorySegment q = w.blocks();
        long rowBytes = (long) blocks * Q8_0.BLOCK_BYTES;
        for (int r = r0; r < r1; r++) {
            c[r] = dotOne(xp, q, r * rowBytes, blocks);
        }
    }

    /**
     * One W row against x permuted by {@link #permuted}: a block's 32 quants are one 256-bit load, read as 8
     * int lanes and split into four groups by shifts (byte j of every lane: {@code (v << 24 - 8j) >> 24}), so
     * no lane-crossing widening and one bounds check per block, which C2 hoists out of this simple counted
     * loop (it could not for the two-block pass of {@link #dot}). Measured 1.02-1.09x {@link #dot} per core
     * (768 x 768 .. 8192 x 4096, one thread), 1.01-1.02x on whole-model decode (same-JVM A/B, 1 and 2 threads).
     * Blocks alternate between two accumulators (the FMA latency).
     */
    private static float dotOne(float[] xp, MemorySegment q, long base, int blocks) {
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        long bo = base;
        int xb = 0;
        for (int b = 0; b < blocks; b++, bo += Q8_0.BLOCK_BYTES, xb += Q8_0.BLOCK) {
            IntVector v = ByteVector.fromMemorySegment(B32, q, bo + 2, ByteOrder.LITTLE_ENDIAN).reinterpretAsInts();
            FloatVector s = ((FloatVector) v.lanewise(VectorOperators.LSHL, 24).lanewise(VectorOperators.ASHR, 24)
                    .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(S, xp, xb));
            FloatVector t = ((FloatVector) v.lanewise(VectorOperators.LSHL, 16).lanewise(VectorOperators.ASHR, 24)
                    .convert(VectorOperators.I2F, 0)).mul(FloatVector.fromArray(S, xp, xb + 8));
            s = ((FloatVector) v.lanewise(VectorOperators.LSHL, 8).lanewise(VectorOperators.ASHR, 24)
                    .convert(VectorOperators.I2F, 0)).fma(FloatVector.fromArray(S, xp, xb + 16), s);
            t = ((FloatVector) v.lanewise(VectorOperators.ASHR, 24).convert(VectorOperators.I2F, 0))
                    .fma(FloatVector.fromArray(S, xp, xb + 24), t);
            FloatVector d = FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo)));
            if ((b & 1) == 0) {
                acc0 = s.add(t).fma(d, acc0);
            } else {
                acc1 = s.add(t).fma(d, acc1);
            }
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** Output rows [r0, r1) for all m x rows. */
    static void rows(float[] a, CpuMappedQ8Weight w, float[] c, int m, int r0, int r1) {
        int n = w.n();
        int k = w.k();
        MemorySegment q = w.blocks();
        for (int i0 = 0; i0 < m; i0 += CpuQ8Matmul.TILE) {
            int i1 = Math.min(m, i0 + CpuQ8Matmul.TILE);
            for (int r = r0; r < r1; r++) {
                for (int i = i0; i < i1; i++) {
                    c[i * n + r] = dot(a, i * k, q, r, k);
                }
            }
        }
    }

    /**
     * Row {@code row} of W (K = k) against x at {@code a[xo .. xo + k)}: two blocks per pass on separate
     * chains (the FMA latency), then an odd last block. All in one method on purpose: a separately compiled
     * block helper was not inlined (its code was already big) and its FloatVector result was boxed, 8x slower.
     */
    private static float dot(float[] a, int xo, MemorySegment q, int row, int k) {
        int blocks = k / Q8_0.BLOCK;
        long bo = (long) row * blocks * Q8_0.BLOCK_BYTES;
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = acc0;
        int b = 0;
        int xb = xo;
        if (FLAT) {
            for (; b + 1 < blocks; b += 2, bo += 2 * Q8_0.BLOCK_BYTES, xb += 2 * Q8_0.BLOCK) {
                FloatVector s0 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 2, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).mul(FloatVector.fromArray(S, a, xb));
                FloatVector t0 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 10, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).mul(FloatVector.fromArray(S, a, xb + 8));
                FloatVector s1 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 36, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).mul(FloatVector.fromArray(S, a, xb + 32));
                FloatVector t1 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 44, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).mul(FloatVector.fromArray(S, a, xb + 40));
                s0 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 18, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).fma(FloatVector.fromArray(S, a, xb + 16), s0);
                t0 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 26, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).fma(FloatVector.fromArray(S, a, xb + 24), t0);
                s1 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 52, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).fma(FloatVector.fromArray(S, a, xb + 48), s1);
                t1 = ((FloatVector) ByteVector.fromMemorySegment(B, q, bo + 60, ByteOrder.LITTLE_ENDIAN).convertShape(VectorOperators.B2F, S, 0)).fma(FloatVector.fromArray(S, a, xb + 56), t1);
                acc0 = s0.add(t0).fma(FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo))), acc0);
                acc1 = s1.add(t1).fma(FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo + 34))), acc1);
            }
        }
        for (; b + 1 < blocks; b += 2, bo += 2 * Q8_0.BLOCK_BYTES, xb += 2 * Q8_0.BLOCK) {
            long bo1 = bo + Q8_0.BLOCK_BYTES;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = s0;
            for (int j = 0; j < Q8_0.BLOCK; j += B.length()) {
                ByteVector q0 = ByteVector.fromMemorySegment(B, q, bo + 2 + j, ByteOrder.LITTLE_ENDIAN);
                ByteVector q1 = ByteVector.fromMemorySegment(B, q, bo1 + 2 + j, ByteOrder.LITTLE_ENDIAN);
                for (int p = 0; p < PARTS; p++) {
                    int x = xb + j + p * L;
                    s0 = ((FloatVector) q0.convertShape(VectorOperators.B2F, S, p)).fma(FloatVector.fromArray(S, a, x), s0);
                    s1 = ((FloatVector) q1.convertShape(VectorOperators.B2F, S, p))
                            .fma(FloatVector.fromArray(S, a, x + Q8_0.BLOCK), s1);
                }
            }
            acc0 = s0.fma(FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo))), acc0);
            acc1 = s1.fma(FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo1))), acc1);
        }
        if (b < blocks) {
            FloatVector s0 = FloatVector.zero(S);
            for (int j = 0; j < Q8_0.BLOCK; j += B.length()) {
                ByteVector q0 = ByteVector.fromMemorySegment(B, q, bo + 2 + j, ByteOrder.LITTLE_ENDIAN);
                for (int p = 0; p < PARTS; p++) {
                    s0 = ((FloatVector) q0.convertShape(VectorOperators.B2F, S, p))
                            .fma(FloatVector.fromArray(S, a, xb + j + p * L), s0);
                }
            }
            acc0 = s0.fma(FloatVector.broadcast(S, Float.float16ToFloat(q.get(HALF, bo))), acc0);
        }
        return acc0.add(acc1).reduceLanes(VectorOperators.ADD);
    }

    /** Prefill through dequantised panels; the thread split follows {@link CpuQ8PanelGemm}. */
    static void panelGemm(CpuThreads pool, float[] a, CpuMappedQ8Weight w, float[] c, int m) {
        int panels = (w.n() + NR - 1) / NR;
        int threads = pool.threads();
        if (m >= MC * threads || panels < 2 * threads) {
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, w, c, i0, i1, 0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> gemm(a, w, c, 0, m, p0, p1));
        }
    }

    /** x rows [i0, i1) x panels [p0, p1) of NR output columns. */
    private static void gemm(float[] a, CpuMappedQ8Weight w, float[] c, int i0, int i1, int p0, int p1) {
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
     * are zero. Row-outer so each row's blocks are read in order from the mapping.
     */
    static void dequantise(CpuMappedQ8Weight w, int col, int nr, int pc, int kc, float[] panel) {
        MemorySegment q = w.blocks();
        int blocks = w.k() / Q8_0.BLOCK;
        for (int j = 0; j < nr; j++) {
            long rowAt = (long) (col + j) * blocks * Q8_0.BLOCK_BYTES;
            for (int t = 0; t < kc;) {
                // Up to the end of the block holding column pc + t (KC need not be a multiple of 32).
                int b = (pc + t) / Q8_0.BLOCK;
                int end = Math.min(kc, (b + 1) * Q8_0.BLOCK - pc);
                long at = rowAt + (long) b * Q8_0.BLOCK_BYTES;
                float s = Float.float16ToFloat(q.get(HALF, at));
                long qAt = at + 2 - (long) b * Q8_0.BLOCK; // + column = the quant of that column
                for (; t < end; t++) {
                    panel[t * NR + j] = q.get(ValueLayout.JAVA_BYTE, qAt + pc + t) * s;
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
