package dev.modelfactory.engine.train.layer;

import java.util.Objects;

/**
 * A linear layer {@code y[M,N] = x[M,K] · Wᵀ (+ bias) (+ LoRA)} with W [N, K] row-major (a GGUF / PyTorch
 * weight). W and the bias are frozen ({@code dw}/{@code dbias} null) or trainable (their gradient buffers
 * given); a {@link LoraAdapter} adds {@code scaling · B(A · dropout(x))}. A frozen W is kept only packed, in
 * the two layouts its products read ({@link Gemm.Packed}): twice its size, and no per-call packing.
 *
 * <p>Forward caches what backward needs: the input x (by reference: the caller keeps it unchanged until
 * backward), and for LoRA the dropped input x̃ and {@code us = scaling · x̃ · Aᵀ} [M, r]. Backward, with
 * {@code g = scaling · dy · B} [M, r]: {@code dB += dyᵀ · us}, {@code dA += gᵀ · x̃},
 * {@code dx (+)= dy · W + (g · A) ⊙ mask}, {@code dW += dyᵀ · x}, {@code dbias += Σ_rows dy}. One forward, then
 * at most one backward: an instance is one layer of one model, not shared between threads.
 */
public final class Linear {

    private final int out;
    private final int in;
    /** The trainable W [out, in]; null when frozen (then only its packed forms are kept). */
    private final float[] w;
    private final float[] dw;
    /** A frozen W packed once as the B of the forward (Wᵀ) and of the input gradient (W). */
    private final Gemm.Packed packedT;
    private final Gemm.Packed packed;
    private final float[] bias;
    private final float[] dbias;
    private final LoraAdapter lora;

    private float[] x;
    private int m;
    private float[] dropped;
    private float[] mask;
    private float[] us;

    private Linear(int out, int in, float[] w, float[] dw, float[] bias, float[] dbias, LoraAdapter lora) {
        this.out = out;
        this.in = in;
        Objects.requireNonNull(w, "w");
        this.dw = dw;
        this.bias = bias;
        this.dbias = dbias;
        this.lora = lora;
        if (w.length != out * in || (dw != null && dw.length != w.length)) {
            throw new IllegalArgumentException("linear [" + out + ", " + in + "] got " + w.length + " weights");
        }
        this.w = dw == null ? null : w;
        this.packedT = dw == null ? Gemm.packTransposed(w, out, in) : null;
        this.packed = dw == null ? Gemm.packPlain(w, out, in) : null;
        if (lora != null && (lora.a().shape()[1] != in || lora.b().shape()[0] != out)) {
            throw new IllegalArgumentException("LoRA " + lora.a() + " / " + lora.b() + " does not fit [" + out + ", "
                    + in + "]");
        }
    }

    /** A frozen W [out, in] with an optional frozen bias and an optional adapter. */
    public static Linear frozen(int out, int in, float[] w, float[] bias, LoraAdapter lora) {
        return new Linear(out, in, w, null, bias, null, lora);
    }

    /** A trainable W (and bias, when given) whose gradients accumulate into dw (and dbias). */
    public static Linear trainable(int out, int in, float[] w, float[] dw, float[] bias, float[] dbias) {
        return new Linear(out, in, w, Objects.requireNonNull(dw, "dw"), bias, bias == null ? null : dbias, null);
    }

    public int out() {
        return out;
    }

    public int in() {
        return in;
    }

    /** A copy of the weight values [out, in]. */
    public float[] weight() {
        if (w != null) {
            return w.clone();
        }
        float[] copy = new float[out * in];
        for (int j = 0; j < out; j++) {
            for (int p = 0; p < in; p++) {
                copy[j * in + p] = packedT.get(p, j);
            }
        }
        return copy;
    }

    public float[] bias() {
        return bias;
    }

    public LoraAdapter lora() {
        return lora;
    }

    /**
     * y [rows, out] from x [rows, in]. {@code dropoutSeed} is null for no dropout (evaluation), else the step's
     * seed for the adapter's mask.
     */
    public void forward(TrainPool pool, float[] x, float[] y, int rows, Long dropoutSeed) {
        this.x = x;
        this.m = rows;
        if (w == null) {
            Gemm.xwT(pool, x, packedT, y, rows, false);
        } else {
            Gemm.xwT(pool, x, w, y, rows, in, out, false);
        }
        if (bias != null) {
            for (int r = 0; r < rows; r++) {
                Vec.axpy(1f, bias, 0, y, r * out, out);
            }
        }
        if (lora != null) {
            int rank = lora.rank();
            mask = null;
            dropped = x;
            if (dropoutSeed != null && lora.dropout() > 0) {
                mask = lora.mask(pool, dropoutSeed, rows, in);
                dropped = new float[rows * in];
                for (int i = 0; i < dropped.length; i++) {
                    dropped[i] = x[i] * mask[i];
                }
            }
            us = new float[rows * rank];
            Gemm.xwT(pool, dropped, lora.a().value(), us, rows, in, rank, false);
            for (int i = 0; i < us.length; i++) {
                us[i] *= lora.scaling();
            }
            Gemm.xwT(pool, us, lora.b().value(), y, rows, rank, out, true);
        }
    }

    /**
     * Accumulates the trainable gradients and writes ({@code accumulate} false) or adds the input gradient into
     * dx [rows, in]; dx null skips the input gradient (nothing upstream needs it).
     */
    public void backward(TrainPool pool, float[] dy, float[] dx, boolean accumulate) {
        if (x == null) {
            throw new IllegalStateException("backward without a forward");
        }
        if (dx != null && w == null) {
            Gemm.dyW(pool, dy, packed, dx, m, accumulate);
        } else if (dx != null) {
            Gemm.dyW(pool, dy, w, dx, m, in, out, accumulate);
        }
        if (dw != null) {
            Gemm.dyTx(pool, dy, x, dw, m, in, out);
        }
        if (dbias != null) {
            for (int r = 0; r < m; r++) {
                Vec.axpy(1f, dy, r * out, dbias, 0, out);
            }
        }
        if (lora != null) {
            int rank = lora.rank();
            Gemm.dyTx(pool, dy, us, lora.b().grad(), m, rank, out);
            float[] g = new float[m * rank];
            Gemm.dyW(pool, dy, lora.b().value(), g, m, rank, out, false);
            for (int i = 0; i < g.length; i++) {
                g[i] *= lora.scaling();
            }
            Gemm.dyTx(pool, g, dropped, lora.a().grad(), m, in, rank);
            if (dx != null) {
                if (mask == null) {
                    Gemm.dyW(pool, g, lora.a().value(), dx, m, in, rank, true);
                } else {
                    float[] dd = new float[m * in];
                    Gemm.dyW(pool, g, lora.a().value(), dd, m, in, rank, false);
                    for (int i = 0; i < dd.length; i++) {
                        dx[i] += dd[i] * mask[i];
                    }
                }
            }
        }
        x = null;
        dropped = null;
        mask = null;
        us = null;
    }
}
