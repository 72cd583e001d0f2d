package dev.modelfactory.engine.backend.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * fp32 matrix products. {@code c[M,N] = a[M,K] · b} with b [K,N], or {@code b}ᵀ with b [N,K].
 *
 * <p>Two paths. GEMM (M ≥ {@link #MR}): B is packed per K block of {@link #KC} into panels of
 * {@link #NR} = 2 vectors wide, zero padded, so the micro-kernel reads it with contiguous loads; A is packed
 * per MC x KC block into slivers of 5 rows ({@link CpuGemmBlock}). The 5 x 2-vector micro-kernel keeps 10
 * accumulators in registers: 10 FMAs per 2 loads + 5 broadcasts (see {@link CpuGemmBlock#kernel5x2} for why
 * not 4 or 6 rows); the 4 x 2 kernel takes the rows a multiple of 5 leaves. Threads: for a tall output they
 * pack B whole, together, then split M over it; otherwise they split N (each packs its own part of B) or, for
 * narrow outputs, M. GEMV-like (small M with bᵀ, the decode case): memory bound, so each W row is streamed
 * once, 4 rows at a time, by all threads over disjoint row ranges.
 */
final class CpuMatmul {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    /** Blocking: a KC x NR panel of B stays in L1, an MC x KC block of packed A in L2, KC x NC of B in L3. */
    static final int KC = Integer.getInteger("modelfactory.cpu.kc", 256);
    static final int MC = Integer.getInteger("modelfactory.cpu.mc", 256);
    static final int NC = Math.max(NR, Integer.getInteger("modelfactory.cpu.nc", 1024) / NR * NR);

    private static final ThreadLocal<float[]> PACK = ThreadLocal.withInitial(() -> new float[KC * NC]);
    static final ThreadLocal<float[]> PACK_A =
            ThreadLocal.withInitial(() -> new float[KC * Math.max(MC, CpuGemmBlock.MC5_MAX)]);

    private CpuMatmul() {
    }

    static void matmul(CpuThreads pool, float[] a, float[] b, boolean transB, float[] c, int m, int k, int n) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        if (transB && m < MR) {
            pool.parallelForBalanced(n, 4, (j0, j1) -> gemvRows(a, b, c, m, k, n, j0, j1));
            return;
        }
        int threads = pool.threads();
        int panels = (n + NR - 1) / NR;
        if (threads > 1 && m >= CpuGemmBlock.MC5 * threads && (long) panels * NR * k <= PREPACK_LIMIT) {
            // Tall and not huge: the threads pack all of B once, together, in the linear-weight layout, then
            // split M and share it read-only, each packing only its own rows of A. Splitting N instead had
            // every thread pack all of A, and splitting M with per-thread B packing every thread all of B.
            float[] packed = prepackBuffer(panels * NR * k);
            pool.parallelFor(panels, 1, (p0, p1) -> packB(b, transB, k, n, 0, k, p0 * NR,
                    Math.min(n, p1 * NR) - p0 * NR, packed, p0 * k * NR));
            pool.parallelFor(m, MR, (i0, i1) -> CpuLinearMatmul.gemm(a, packed, k, n, c, i0, i1, 0, panels));
        } else if (n >= 2 * NR * threads || m < MR * threads) {
            pool.parallelFor(n, NR, (j0, j1) -> gemm(a, b, transB, c, m, k, n, 0, m, j0, j1));
        } else {
            pool.parallelFor(m, MR, (i0, i1) -> gemm(a, b, transB, c, m, k, n, i0, i1, 0, n));
        }
    }

    /** Largest B (floats, padded to whole panels) packed whole for a multi-thread GEMM: 16 MB; 0 turns it off. */
    private static final long PREPACK_LIMIT = Long.getLong("modelfactory.cpu.prepackFloats", 4L << 20);
    private static final ThreadLocal<float[]> PREPACK = new ThreadLocal<>();

    /** The calling thread's whole-B pack buffer, grown to at least {@code size}. */
    private static float[] prepackBuffer(int size) {
        float[] buf = PREPACK.get();
        if (buf == null || buf.length < size) {
            buf = new float[size];
            PREPACK.set(buf);
        }
        return buf;
    }

    /** GEMM over output rows [i0,i1) and columns [j0,j1). */
    private static void gemm(float[] a, float[] b, boolean transB, float[] c, int m, int k, int n,
            int i0, int i1, int j0, int j1) {
        float[] pack = PACK.get();
        float[] packA = PACK_A.get();
        float[] edge = new float[NR];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int panels = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, transB, k, n, pc, kc, jc, nc, pack, 0);
                for (int ic = i0, mc; ic < i1; ic += mc) {
                    mc = CpuGemmBlock.blockRows(ic, i1);
                    CpuGemmBlock.block(a, k, ic, mc, pc, kc, packA, pack, 0, kc * NR, panels, jc, jc + nc, c, n, pc > 0,
                            edge);
                }
            }
        }
    }

    /** Packs rows [i0, i0+rows) x cols [pc, pc+kc) of A as slivers of MR rows: {@code packA[s·kc·MR + p·MR + r]}. */
    static void packA(float[] a, int k, int i0, int rows, int pc, int kc, float[] packA) {
        packA(a, k, i0, rows, pc, kc, packA, 0);
    }

    /** {@link #packA(float[], int, int, int, int, int, float[])} written from {@code packA[dst]} on. */
    static void packA(float[] a, int k, int i0, int rows, int pc, int kc, float[] packA, int dst) {
        // p outside, the MR rows inside: writes are sequential, each source row is read in order.
        for (int s = 0; s < rows; s += MR) {
            int o = dst + s * kc;
            int r0 = (i0 + s) * k + pc;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            for (int p = 0; p < kc; p++, o += MR) {
                packA[o] = a[r0 + p];
                packA[o + 1] = a[r1 + p];
                packA[o + 2] = a[r2 + p];
                packA[o + 3] = a[r3 + p];
            }
        }
    }

    /**
     * Packs B[pc..pc+kc, jc..jc+nc] as panels of NR columns: {@code pack[p·kc·NR + kk·NR + jj]}; columns past
     * the edge are zero.
     */
    private static void packB(float[] b, boolean transB, int k, int n, int pc, int kc, int jc, int nc, float[] pack,
            int dst) {
        int panels = (nc + NR - 1) / NR;
        int[] rows = transB ? gatherMap(k) : null;
        int first = 0;
        if (!transB) {
            // Whole panels row by row of B: each row of the block read once, in order (the hardware prefetcher
            // follows one stream, not one per k), copied 2 vectors at a time (an arraycopy call per 64 bytes
            // cost more than the copy).
            first = nc / NR;
            int stride = kc * NR;
            for (int kk = 0; kk < kc; kk++) {
                int src = (pc + kk) * n + jc;
                for (int p = 0, o = dst + kk * NR; p < first; p++, o += stride) {
                    int at = src + p * NR;
                    FloatVector.fromArray(S, b, at).intoArray(pack, o);
                    FloatVector.fromArray(S, b, at + L).intoArray(pack, o + L);
                }
            }
        }
        for (int p = first; p < panels; p++) {
            int base = dst + p * kc * NR;
            int col0 = jc + p * NR;
            int nr = Math.min(NR, jc + nc - col0);
            if (transB && nr == NR) {
                // 8 source rows at a time, one gather (vgatherdps) per k step: writes are sequential, and the 8
                // rows' current lines fit one L1 set even when k is a multiple of 1024 (16 would thrash it).
                for (int half = 0; half < NR; half += L) {
                    int src = (col0 + half) * k + pc;
                    for (int kk = 0, o = base + half; kk < kc; kk++, o += NR) {
                        FloatVector.fromArray(S, b, src + kk, rows, 0).intoArray(pack, o);
                    }
                }
            } else if (transB) {
                // The edge panel: one source row at a time, read in order.
                for (int jj = 0; jj < nr; jj++) {
                    int src = (col0 + jj) * k + pc;
                    for (int kk = 0, o = base + jj; kk < kc; kk++, o += NR) {
                        pack[o] = b[src + kk];
                    }
                }
            } else {
                for (int kk = 0; kk < kc; kk++) {
                    System.arraycopy(b, (pc + kk) * n + col0, pack, base + kk * NR, nr);
                }
            }
            if (nr < NR) {
                for (int kk = 0; kk < kc; kk++) {
                    java.util.Arrays.fill(pack, base + kk * NR + nr, base + (kk + 1) * NR, 0f);
                }
            }
        }
    }

    /** {0, k, 2k, ...}: lane j of a gather reads row j of a row-major matrix with k columns. */
    private static int[] gatherMap(int k) {
        int[] map = new int[L];
        for (int j = 0; j < L; j++) {
            map[j] = j * k;
        }
        return map;
    }

    /** 4 rows x NR columns from a packed A sliver ({@code ap[aOff + p·MR + r]}); c rows at stride ldc. */
    static void kernel4x2(float[] ap, int aOff, float[] bp, int bOff, int kc,
            float[] c, int cOff, int ldc, boolean acc) {
        FloatVector c00;
        FloatVector c01;
        FloatVector c10;
        FloatVector c11;
        FloatVector c20;
        FloatVector c21;
        FloatVector c30;
        FloatVector c31;
        int r1 = cOff + ldc;
        int r2 = r1 + ldc;
        int r3 = r2 + ldc;
        if (acc) {
            c00 = FloatVector.fromArray(S, c, cOff);
            c01 = FloatVector.fromArray(S, c, cOff + L);
            c10 = FloatVector.fromArray(S, c, r1);
            c11 = FloatVector.fromArray(S, c, r1 + L);
            c20 = FloatVector.fromArray(S, c, r2);
            c21 = FloatVector.fromArray(S, c, r2 + L);
            c30 = FloatVector.fromArray(S, c, r3);
            c31 = FloatVector.fromArray(S, c, r3 + L);
        } else {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = FloatVector.zero(S);
        }
        for (int p = 0, bo = bOff, ao = aOff; p < kc; p++, bo += NR, ao += MR) {
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
        }
        c00.intoArray(c, cOff);
        c01.intoArray(c, cOff + L);
        c10.intoArray(c, r1);
        c11.intoArray(c, r1 + L);
        c20.intoArray(c, r2);
        c21.intoArray(c, r2 + L);
        c30.intoArray(c, r3);
        c31.intoArray(c, r3 + L);
    }

    /** One row x nr (≤ NR) columns, through a scratch row so a partial panel never writes past C's row. */
    static void kernel1x2(float[] a, int aOff, float[] bp, int bOff, int kc, float[] c, int cOff, int nr,
            boolean acc, float[] edge) {
        FloatVector c0 = FloatVector.zero(S);
        FloatVector c1 = FloatVector.zero(S);
        for (int p = 0, bo = bOff; p < kc; p++, bo += NR) {
            FloatVector av = FloatVector.broadcast(S, a[aOff + p]);
            c0 = av.fma(FloatVector.fromArray(S, bp, bo), c0);
            c1 = av.fma(FloatVector.fromArray(S, bp, bo + L), c1);
        }
        c0.intoArray(edge, 0);
        c1.intoArray(edge, L);
        for (int j = 0; j < nr; j++) {
            c[cOff + j] = acc ? c[cOff + j] + edge[j] : edge[j];
        }
    }

    /** Small-M {@code a · bᵀ}: output columns [j0,j1) = rows j of b, each streamed once per A row. */
    private static void gemvRows(float[] a, float[] b, float[] c, int m, int k, int n, int j0, int j1) {
        int bound = S.loopBound(k);
        for (int i = 0; i < m; i++) {
            int x = i * k;
            int j = j0;
            for (; j + 4 <= j1; j += 4) {
                int w0 = j * k;
                int w1 = w0 + k;
                int w2 = w1 + k;
                int w3 = w2 + k;
                FloatVector s0 = FloatVector.zero(S);
                FloatVector s1 = FloatVector.zero(S);
                FloatVector s2 = FloatVector.zero(S);
                FloatVector s3 = FloatVector.zero(S);
                int p = 0;
                for (; p < bound; p += L) {
                    FloatVector xv = FloatVector.fromArray(S, a, x + p);
                    s0 = xv.fma(FloatVector.fromArray(S, b, w0 + p), s0);
                    s1 = xv.fma(FloatVector.fromArray(S, b, w1 + p), s1);
                    s2 = xv.fma(FloatVector.fromArray(S, b, w2 + p), s2);
                    s3 = xv.fma(FloatVector.fromArray(S, b, w3 + p), s3);
                }
                float r0 = s0.reduceLanes(VectorOperators.ADD);
                float r1 = s1.reduceLanes(VectorOperators.ADD);
                float r2 = s2.reduceLanes(VectorOperators.ADD);
                float r3 = s3.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    float xv = a[x + p];
                    r0 += xv * b[w0 + p];
                    r1 += xv * b[w1 + p];
                    r2 += xv * b[w2 + p];
                    r3 += xv * b[w3 + p];
                }
                int o = i * n + j;
                c[o] = r0;
                c[o + 1] = r1;
                c[o + 2] = r2;
                c[o + 3] = r3;
            }
            for (; j < j1; j++) {
                c[i * n + j] = dot(a, x, b, j * k, k);
            }
        }
    }

    /** Vectorised dot product of two length-k runs. */
    static float dot(float[] x, int xOff, float[] y, int yOff, int k) {
        int bound = S.loopBound(k);
        FloatVector s = FloatVector.zero(S);
        int p = 0;
        for (; p < bound; p += L) {
            s = FloatVector.fromArray(S, x, xOff + p).fma(FloatVector.fromArray(S, y, yOff + p), s);
        }
        float r = s.reduceLanes(VectorOperators.ADD);
        for (; p < k; p++) {
            r += x[xOff + p] * y[yOff + p];
        }
        return r;
    }
}
