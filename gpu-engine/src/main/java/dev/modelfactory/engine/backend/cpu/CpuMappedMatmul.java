package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.cpu.CpuMatmul.L;
import static dev.modelfactory.engine.backend.cpu.CpuMatmul.S;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * {@code c[M,N] = a[M,K] · Wᵀ} with W [N, K] fp32 row-major in place ({@link CpuMappedWeight}, a mapped
 * file): every kernel is a dot product along K, vectors along a W row and an x row, reduced at the end.
 *
 * <p>Decode (M &lt; {@link #TR}): a GEMV that streams W once, 4 rows per pass (from 4 quarters of the
 * range, so the reads are 4 long sequential streams) with four FMA chains to hide the FMA latency, every x
 * row against those 4 rows while they are in L1; threads take disjoint ranges of W rows. It is memory
 * bound, like the packed kernel it replaces, and reads the same bytes.
 *
 * <p>From {@link #GEMM_ROWS} x rows on (prefill), {@link CpuMappedPanelGemm}. In between, register tiles of
 * {@link #TR} x rows by {@link #OR} W rows, 12 vector accumulators (each x vector load feeds 3 FMAs, each W
 * vector load 4), reduced once per K block (about half the packed micro-kernel's speed, measured). Blocking: K
 * in blocks of {@link #KB} so the 3 W row pieces (6 KB) stay in L1 while a block of {@link #TB} x rows (256 KB)
 * stays in L2; W is read from memory once per block of TB x rows. Threads take disjoint ranges of W rows
 * (outputs) and share x. Rows of x past the last whole tile go through a 1 x 3 kernel inside the same W tile,
 * and the last W rows past a multiple of 3 through 4 x 1 / 1 x 1 kernels. K need not be a vector multiple
 * (scalar tail).
 */
final class CpuMappedMatmul {

    static final int TR = 4;
    static final int OR = 3;
    static final int KB = Integer.getInteger("modelfactory.cpu.mapped.kb", 512);
    static final int TB = Integer.getInteger("modelfactory.cpu.mapped.tb", 128);
    /** From this many x rows on, {@link CpuMappedPanelGemm} (W packed per call, the fp32 micro-kernel). */
    static final int GEMM_ROWS = Integer.getInteger("modelfactory.cpu.mapped.gemmRows", 16);

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private CpuMappedMatmul() {
    }

    static void matmul(CpuThreads pool, float[] a, CpuMappedWeight w, float[] c, int m) {
        int n = w.n();
        int k = w.k();
        MemorySegment seg = w.data();
        if (m < TR) {
            pool.parallelForBalanced(n, 4, (j0, j1) -> gemv(a, seg, c, m, k, n, j0, j1));
        } else if (m >= GEMM_ROWS) {
            CpuMappedPanelGemm.matmul(pool, a, w, c, m);
        } else {
            pool.parallelFor(n, OR, (j0, j1) -> gemm(a, seg, c, m, k, n, j0, j1));
        }
    }

    /** Output columns (W rows) [j0, j1) for every x row. */
    static void gemm(float[] a, MemorySegment w, float[] c, int m, int k, int n, int j0, int j1) {
        for (int p0 = 0; p0 < k; p0 += KB) {
            int kc = Math.min(KB, k - p0);
            boolean acc = p0 > 0;
            for (int t0 = 0; t0 < m; t0 += TB) {
                int t1 = Math.min(m, t0 + TB);
                int tFull = t0 + (t1 - t0) / TR * TR;
                int j = j0;
                for (; j + OR <= j1; j += OR) {
                    long wo = ((long) j * k + p0) * Float.BYTES;
                    int t = t0;
                    for (; t < tFull; t += TR) {
                        k4x3(a, t * k + p0, k, w, wo, k, kc, c, t * n + j, n, acc);
                    }
                    for (; t < t1; t++) {
                        k1x3(a, t * k + p0, w, wo, k, kc, c, t * n + j, acc);
                    }
                }
                for (; j < j1; j++) {
                    long wo = ((long) j * k + p0) * Float.BYTES;
                    int t = t0;
                    for (; t < tFull; t += TR) {
                        k4x1(a, t * k + p0, k, w, wo, kc, c, t * n + j, n, acc);
                    }
                    for (; t < t1; t++) {
                        float r = dot(a, t * k + p0, w, wo, kc);
                        c[t * n + j] = acc ? c[t * n + j] + r : r;
                    }
                }
            }
        }
    }

    /** x rows xo, xo+k, xo+2k, xo+3k against W rows at byte wo, wo+4k, wo+8k; c at co (stride ldc). */
    private static void k4x3(float[] a, int xo, int k, MemorySegment w, long wo, int wk, int kc, float[] c, int co,
            int ldc, boolean acc) {
        long wStride = (long) wk * Float.BYTES;
        long w1 = wo + wStride;
        long w2 = w1 + wStride;
        int x1 = xo + k;
        int x2 = x1 + k;
        int x3 = x2 + k;
        FloatVector c00 = FloatVector.zero(S);
        FloatVector c01 = c00;
        FloatVector c02 = c00;
        FloatVector c10 = c00;
        FloatVector c11 = c00;
        FloatVector c12 = c00;
        FloatVector c20 = c00;
        FloatVector c21 = c00;
        FloatVector c22 = c00;
        FloatVector c30 = c00;
        FloatVector c31 = c00;
        FloatVector c32 = c00;
        int bound = S.loopBound(kc);
        int p = 0;
        for (; p < bound; p += L) {
            long off = (long) p * Float.BYTES;
            FloatVector b0 = FloatVector.fromMemorySegment(S, w, wo + off, LE);
            FloatVector b1 = FloatVector.fromMemorySegment(S, w, w1 + off, LE);
            FloatVector b2 = FloatVector.fromMemorySegment(S, w, w2 + off, LE);
            FloatVector x = FloatVector.fromArray(S, a, xo + p);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = FloatVector.fromArray(S, a, x1 + p);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = FloatVector.fromArray(S, a, x2 + p);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = FloatVector.fromArray(S, a, x3 + p);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        float[] r = {
            c00.reduceLanes(VectorOperators.ADD), c01.reduceLanes(VectorOperators.ADD),
            c02.reduceLanes(VectorOperators.ADD), c10.reduceLanes(VectorOperators.ADD),
            c11.reduceLanes(VectorOperators.ADD), c12.reduceLanes(VectorOperators.ADD),
            c20.reduceLanes(VectorOperators.ADD), c21.reduceLanes(VectorOperators.ADD),
            c22.reduceLanes(VectorOperators.ADD), c30.reduceLanes(VectorOperators.ADD),
            c31.reduceLanes(VectorOperators.ADD), c32.reduceLanes(VectorOperators.ADD)};
        if (p < kc) {
            long[] wr = {wo, w1, w2};
            for (int i = 0; i < TR; i++) {
                for (int j = 0; j < OR; j++) {
                    r[i * OR + j] += tail(a, xo + i * k, w, wr[j], p, kc);
                }
            }
        }
        for (int i = 0; i < TR; i++) {
            int o = co + i * ldc;
            for (int j = 0; j < OR; j++) {
                c[o + j] = acc ? c[o + j] + r[i * OR + j] : r[i * OR + j];
            }
        }
    }

    /** One x row against 3 W rows. */
    private static void k1x3(float[] a, int xo, MemorySegment w, long wo, int wk, int kc, float[] c, int co,
            boolean acc) {
        long wStride = (long) wk * Float.BYTES;
        long w1 = wo + wStride;
        long w2 = w1 + wStride;
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        int bound = S.loopBound(kc);
        int p = 0;
        for (; p < bound; p += L) {
            long off = (long) p * Float.BYTES;
            FloatVector x = FloatVector.fromArray(S, a, xo + p);
            c0 = x.fma(FloatVector.fromMemorySegment(S, w, wo + off, LE), c0);
            c1 = x.fma(FloatVector.fromMemorySegment(S, w, w1 + off, LE), c1);
            c2 = x.fma(FloatVector.fromMemorySegment(S, w, w2 + off, LE), c2);
        }
        float r0 = c0.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, wo, p, kc);
        float r1 = c1.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w1, p, kc);
        float r2 = c2.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w2, p, kc);
        c[co] = acc ? c[co] + r0 : r0;
        c[co + 1] = acc ? c[co + 1] + r1 : r1;
        c[co + 2] = acc ? c[co + 2] + r2 : r2;
    }

    /** Four x rows against one W row. */
    private static void k4x1(float[] a, int xo, int k, MemorySegment w, long wo, int kc, float[] c, int co, int ldc,
            boolean acc) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = c0;
        FloatVector c2 = c0;
        FloatVector c3 = c0;
        int bound = S.loopBound(kc);
        int p = 0;
        for (; p < bound; p += L) {
            FloatVector b = FloatVector.fromMemorySegment(S, w, wo + (long) p * Float.BYTES, LE);
            c0 = FloatVector.fromArray(S, a, xo + p).fma(b, c0);
            c1 = FloatVector.fromArray(S, a, xo + k + p).fma(b, c1);
            c2 = FloatVector.fromArray(S, a, xo + 2 * k + p).fma(b, c2);
            c3 = FloatVector.fromArray(S, a, xo + 3 * k + p).fma(b, c3);
        }
        // Reduced one by one: an array of vectors would box them.
        float[] r = {c0.reduceLanes(VectorOperators.ADD), c1.reduceLanes(VectorOperators.ADD),
            c2.reduceLanes(VectorOperators.ADD), c3.reduceLanes(VectorOperators.ADD)};
        for (int i = 0; i < TR; i++) {
            float v = r[i] + tail(a, xo + i * k, w, wo, p, kc);
            int o = co + i * ldc;
            c[o] = acc ? c[o] + v : v;
        }
    }

    /**
     * Small M: every x row against W rows [j0, j1). The range is cut into 4 equal quarters read side by
     * side (rows {@code j0 + r}, {@code j0 + q + r}, ...), so the 4 FMA chains read 4 long sequential
     * streams: with 4 adjacent rows instead, each stream ended after one row (3 KB at K = 768) and the
     * hardware prefetcher restarted every row; measured 30 % faster on the 98 MB output projection, as fast
     * as the packed layout. Each x row meets the 4 rows while they are in L1; leftover rows go one by one.
     */
    static void gemv(float[] a, MemorySegment w, float[] c, int m, int k, int n, int j0, int j1) {
        long rowBytes = (long) k * Float.BYTES;
        int bound = S.loopBound(k);
        int q = (j1 - j0) / 4;
        for (int r = 0; r < q; r++) {
            int r0 = j0 + r;
            long w0 = r0 * rowBytes;
            long w1 = (r0 + q) * rowBytes;
            long w2 = (r0 + 2 * q) * rowBytes;
            long w3 = (r0 + 3 * q) * rowBytes;
            for (int i = 0; i < m; i++) {
                int xo = i * k;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = s0;
                FloatVector s2 = s0;
                FloatVector s3 = s0;
                int p = 0;
                for (; p < bound; p += L) {
                    long off = (long) p * Float.BYTES;
                    FloatVector x = FloatVector.fromArray(S, a, xo + p);
                    s0 = x.fma(FloatVector.fromMemorySegment(S, w, w0 + off, LE), s0);
                    s1 = x.fma(FloatVector.fromMemorySegment(S, w, w1 + off, LE), s1);
                    s2 = x.fma(FloatVector.fromMemorySegment(S, w, w2 + off, LE), s2);
                    s3 = x.fma(FloatVector.fromMemorySegment(S, w, w3 + off, LE), s3);
                }
                int o = i * n + r0;
                c[o] = s0.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w0, p, k);
                c[o + q] = s1.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w1, p, k);
                c[o + 2 * q] = s2.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w2, p, k);
                c[o + 3 * q] = s3.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, w3, p, k);
            }
        }
        for (int j = j0 + 4 * q; j < j1; j++) {
            for (int i = 0; i < m; i++) {
                c[i * n + j] = dot(a, i * k, w, j * rowBytes, k);
            }
        }
    }

    /** One x row against one W row over kc values. */
    private static float dot(float[] a, int xo, MemorySegment w, long wo, int kc) {
        FloatVector s = FloatVector.zero(S);
        int bound = S.loopBound(kc);
        int p = 0;
        for (; p < bound; p += L) {
            s = FloatVector.fromArray(S, a, xo + p).fma(FloatVector.fromMemorySegment(S, w, wo + (long) p * Float.BYTES,
                    LE), s);
        }
        return s.reduceLanes(VectorOperators.ADD) + tail(a, xo, w, wo, p, kc);
    }

    /** Scalar sum of {@code x[xo + p] · W[wo + 4p]} for p in [from, to): the part past the last whole vector. */
    private static float tail(float[] a, int xo, MemorySegment w, long wo, int from, int to) {
        float r = 0;
        for (int p = from; p < to; p++) {
            r += a[xo + p] * w.get(dev.modelfactory.engine.backend.HostTensors.F32_LE, wo + (long) p * Float.BYTES);
        }
        return r;
    }
}
