package dev.modelfactory.engine.train.layer;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The three fp32 GEMMs of training, multi-threaded on a {@link TrainPool}:
 * <ul>
 * <li>forward {@code Y[M,N] (+)= X[M,K] · Wᵀ} ({@link #xwT}),</li>
 * <li>input gradient {@code dX[M,K] (+)= dY[M,N] · W} ({@link #dyW}),</li>
 * <li>weight gradient {@code dW[N,K] += dYᵀ · X} ({@link #dyTx}),</li>
 * </ul>
 * with W [N,K] row-major as a linear layer stores it. All three are one strided kernel
 * {@code C[M,N] (+)= A[M,K] · B[K,N]} where A(i,p) = {@code a[aOff + i·ars + p·acs]} and B(p,j) =
 * {@code b[bOff + p·brs + j·bcs]}: the transposes are only strides, absorbed when the operands are packed.
 *
 * <p>Packing (the engine's cpu GEMM scheme): per K block of {@link #KC}, B is packed into zero-padded panels
 * of {@link #NR} = 2 vectors ({@code pb[panel·kc·NR + p·NR + j]}) and A into zero-padded slivers of
 * {@link #MR} rows ({@code pa[sliver·kc·MR + p·MR + r]}); the MR x NR micro-kernel keeps 2·MR accumulators
 * in registers. Edge tiles are computed into a scratch tile and only their valid part is written, so no
 * shape needs padding. Threads split the output columns by panels, or the rows when there are few panels.
 */
public final class Gemm {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int MR = 4;
    static final int NR = 2 * L;
    static final int KC = 256;
    static final int MC = 128;
    static final int NC = 1024 / NR * NR;
    /**
     * Products below this many multiply-adds (LoRA's rank-r products: 1024 x 8 x 288 is 2.4 M, ~0.1 ms) stay on
     * the calling thread: a hand-off costs tens of µs on an idle machine and a whole time slice on a busy one.
     */
    static final long SERIAL_MACS = 4L << 20;

    private static final ThreadLocal<float[]> PACK_A = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<float[]> PACK_B = ThreadLocal.withInitial(() -> new float[KC * NC]);

    private Gemm() {
    }

    /** Forward of a linear layer: {@code y[m,n] (+)= x[m,k] · w[n,k]ᵀ}. */
    public static void xwT(TrainPool pool, float[] x, float[] w, float[] y, int m, int k, int n, boolean accumulate) {
        gemm(pool, m, n, k, x, 0, k, 1, w, 0, 1, k, y, 0, n, accumulate);
    }

    /** Input gradient of a linear layer: {@code dx[m,k] (+)= dy[m,n] · w[n,k]}. */
    public static void dyW(TrainPool pool, float[] dy, float[] w, float[] dx, int m, int k, int n, boolean accumulate) {
        gemm(pool, m, k, n, dy, 0, n, 1, w, 0, k, 1, dx, 0, k, accumulate);
    }

    /** {@link #xwT} against W packed by {@link #packTransposed}. */
    public static void xwT(TrainPool pool, float[] x, Packed wT, float[] y, int m, boolean accumulate) {
        gemm(pool, m, x, 0, wT.k(), 1, wT, y, 0, wT.n(), accumulate);
    }

    /** {@link #dyW} against W packed by {@link #packPlain}. */
    public static void dyW(TrainPool pool, float[] dy, Packed w, float[] dx, int m, boolean accumulate) {
        gemm(pool, m, dy, 0, w.k(), 1, w, dx, 0, w.n(), accumulate);
    }

    /** Weight gradient of a linear layer, always accumulated: {@code dw[n,k] += dy[m,n]ᵀ · x[m,k]}. */
    public static void dyTx(TrainPool pool, float[] dy, float[] x, float[] dw, int m, int k, int n) {
        gemm(pool, n, k, m, dy, 0, 1, n, x, 0, k, 1, dw, 0, k, true);
    }

    /** {@code C[m,n] (+)= A[m,k] · B[k,n]} over strided A and B, C row-major with leading dimension ldc. */
    public static void gemm(TrainPool pool, int m, int n, int k, float[] a, int aOff, int ars, int acs,
            float[] b, int bOff, int brs, int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        if ((long) m * n * k < SERIAL_MACS) {
            block(m, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate, 0, m, 0, n);
            return;
        }
        int panels = (n + NR - 1) / NR;
        int slivers = (m + MR - 1) / MR;
        int threads = pool.threads();
        if (panels >= 2 * threads || panels >= slivers) {
            pool.parallelFor(n, NR, (j0, j1) -> block(m, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc,
                    accumulate, 0, m, j0, j1));
        } else {
            pool.parallelFor(m, MR, (i0, i1) -> block(m, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc,
                    accumulate, i0, i1, 0, n));
        }
    }

    /** {@link #gemm} on the calling thread only: for products inside a task that already runs on the pool. */
    static void serial(int m, int n, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
            int bcs, float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) {
            return;
        }
        if (k <= 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
                }
            }
            return;
        }
        block(m, k, a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, ldc, accumulate, 0, m, 0, n);
    }

    /** Output rows [i0,i1) x columns [j0,j1) on the calling thread. */
    private static void block(int m, int k, float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs,
            int bcs, float[] c, int cOff, int ldc, boolean accumulate, int i0, int i1, int j0, int j1) {
        float[] pa = PACK_A.get();
        float[] pb = PACK_B.get();
        float[] tile = new float[MR * NR];
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            int panels = (nc + NR - 1) / NR;
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, bOff, brs, bcs, pc, kc, jc, nc, pb, 0);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(a, aOff, ars, acs, ic, mc, pc, kc, pa);
                    macro(pa, ic, mc, pb, 0, kc, 0, panels, jc, jc + nc, c, cOff, ldc, accumulate || pc > 0, tile);
                }
            }
        }
    }

    /**
     * A packed mc x kc block of A against panels [p0, p1) of a packed kc-row block of B whose panel 0 starts at
     * {@code pbBase} and holds columns from {@code col0}; columns at or past {@code colEnd} are padding.
     */
    private static void macro(float[] pa, int ic, int mc, float[] pb, int pbBase, int kc, int p0, int p1, int col0,
            int colEnd, float[] c, int cOff, int ldc, boolean acc, float[] tile) {
        int slivers = (mc + MR - 1) / MR;
        for (int p = p0; p < p1; p++) {
            int col = col0 + p * NR;
            int nr = Math.min(NR, colEnd - col);
            int bo = pbBase + p * kc * NR;
            for (int s = 0; s < slivers; s++) {
                int row = ic + s * MR;
                int mr = Math.min(MR, ic + mc - row);
                int ao = s * kc * MR;
                if (mr == MR && nr == NR) {
                    kernel(pa, ao, pb, bo, kc, c, cOff + row * ldc + col, ldc, acc);
                } else {
                    kernel(pa, ao, pb, bo, kc, tile, 0, NR, false);
                    for (int r = 0; r < mr; r++) {
                        int at = cOff + (row + r) * ldc + col;
                        for (int j = 0; j < nr; j++) {
                            c[at + j] = acc ? c[at + j] + tile[r * NR + j] : tile[r * NR + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * A B operand [k, n] packed once, for weights that stay fixed over many products (a frozen base): K blocks
     * of {@link #KC} rows, each all its NR-column panels ({@code data[pc·P·NR + p·kc·NR + kk·NR + j]}, P panels).
     * Products against it need no packing of B, so threads can split the rows without each repacking B.
     */
    public record Packed(float[] data, int k, int n) {

        int panels() {
            return (n + NR - 1) / NR;
        }

        /** B(p, j). */
        public float get(int p, int j) {
            int pc = p - p % KC;
            int kc = Math.min(KC, k - pc);
            return data[pc * panels() * NR + (j / NR) * kc * NR + (p - pc) * NR + j % NR];
        }
    }

    /** Packs B(p, j) = {@code b[bOff + p·brs + j·bcs]}, p < k, j < n. */
    public static Packed pack(float[] b, int bOff, int brs, int bcs, int k, int n) {
        int panels = (n + NR - 1) / NR;
        float[] data = new float[Math.multiplyExact(k, panels * NR)];
        for (int pc = 0; pc < k; pc += KC) {
            packB(b, bOff, brs, bcs, pc, Math.min(KC, k - pc), 0, n, data, pc * panels * NR);
        }
        return new Packed(data, k, n);
    }

    /** W [n, k] packed as the B of {@link #xwT} (Wᵀ). */
    public static Packed packTransposed(float[] w, int n, int k) {
        return pack(w, 0, 1, k, k, n);
    }

    /** W [n, k] packed as the B of {@link #dyW} (W itself, [n, k]). */
    public static Packed packPlain(float[] w, int n, int k) {
        return pack(w, 0, k, 1, n, k);
    }

    /** {@code C[m, b.n] (+)= A[m, b.k] · B} with A strided and B packed. */
    public static void gemm(TrainPool pool, int m, float[] a, int aOff, int ars, int acs, Packed b, float[] c, int cOff,
            int ldc, boolean accumulate) {
        int panels = b.panels();
        if (m >= 4 * MR * pool.threads() || panels < pool.threads()) {
            pool.parallelFor(m, MR, (i0, i1) -> blockPacked(a, aOff, ars, acs, b, c, cOff, ldc, accumulate, i0, i1,
                    0, panels));
        } else {
            pool.parallelFor(panels, 1, (p0, p1) -> blockPacked(a, aOff, ars, acs, b, c, cOff, ldc, accumulate, 0, m,
                    p0, p1));
        }
    }

    private static void blockPacked(float[] a, int aOff, int ars, int acs, Packed b, float[] c, int cOff, int ldc,
            boolean accumulate, int i0, int i1, int p0, int p1) {
        float[] pa = PACK_A.get();
        float[] tile = new float[MR * NR];
        int k = b.k();
        int panels = b.panels();
        for (int pc = 0; pc < k; pc += KC) {
            int kc = Math.min(KC, k - pc);
            for (int ic = i0; ic < i1; ic += MC) {
                int mc = Math.min(MC, i1 - ic);
                packA(a, aOff, ars, acs, ic, mc, pc, kc, pa);
                macro(pa, ic, mc, b.data(), pc * panels * NR, kc, p0, p1, 0, b.n(), c, cOff, ldc, accumulate || pc > 0,
                        tile);
            }
        }
    }

    /** Rows [i0, i0+rows) x cols [pc, pc+kc) of A as MR-row slivers, rows past the end zero. */
    private static void packA(float[] a, int aOff, int ars, int acs, int i0, int rows, int pc, int kc, float[] pa) {
        for (int s = 0; s < rows; s += MR) {
            int o = s * kc;
            int mr = Math.min(MR, rows - s);
            if (mr < MR) {
                java.util.Arrays.fill(pa, o, o + kc * MR, 0f);
            }
            if (mr < MR) {
                for (int r = 0; r < mr; r++) {
                    int src = aOff + (i0 + s + r) * ars + pc * acs;
                    for (int p = 0, at = o + r; p < kc; p++, at += MR, src += acs) {
                        pa[at] = a[src];
                    }
                }
            } else {
                // Sequential writes; four row streams (row-major A) or one run of MR values (a transposed A).
                int src = aOff + (i0 + s) * ars + pc * acs;
                for (int p = 0, at = o; p < kc; p++, at += MR, src += acs) {
                    pa[at] = a[src];
                    pa[at + 1] = a[src + ars];
                    pa[at + 2] = a[src + 2 * ars];
                    pa[at + 3] = a[src + 3 * ars];
                }
            }
        }
    }

    /** B[pc..pc+kc, jc..jc+nc] as NR-column panels, columns past the end zero. */
    private static void packB(float[] b, int bOff, int brs, int bcs, int pc, int kc, int jc, int nc, float[] pb,
            int pbOff) {
        int panels = (nc + NR - 1) / NR;
        for (int p = 0; p < panels; p++) {
            int base = pbOff + p * kc * NR;
            int col = jc + p * NR;
            int nr = Math.min(NR, jc + nc - col);
            if (nr < NR) {
                java.util.Arrays.fill(pb, base, base + kc * NR, 0f);
            }
            if (bcs == 1) {
                for (int kk = 0; kk < kc; kk++) {
                    System.arraycopy(b, bOff + (pc + kk) * brs + col, pb, base + kk * NR, nr);
                }
            } else {
                for (int j = 0; j < nr; j++) {
                    int src = bOff + (col + j) * bcs + pc * brs;
                    for (int kk = 0, at = base + j; kk < kc; kk++, at += NR, src += brs) {
                        pb[at] = b[src];
                    }
                }
            }
        }
    }

    /** MR x NR tile: {@code c[r, 0..NR) (+)= Σ_p pa[ao + p·MR + r] · pb[bo + p·NR ..]}. */
    private static void kernel(float[] pa, int ao, float[] pb, int bo, int kc, float[] c, int cOff, int ldc,
            boolean acc) {
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
        for (int p = 0; p < kc; p++) {
            int bi = bo + p * NR;
            int ai = ao + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector av = FloatVector.broadcast(S, pa[ai]);
            c00 = av.fma(b0, c00);
            c01 = av.fma(b1, c01);
            av = FloatVector.broadcast(S, pa[ai + 1]);
            c10 = av.fma(b0, c10);
            c11 = av.fma(b1, c11);
            av = FloatVector.broadcast(S, pa[ai + 2]);
            c20 = av.fma(b0, c20);
            c21 = av.fma(b1, c21);
            av = FloatVector.broadcast(S, pa[ai + 3]);
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
}
