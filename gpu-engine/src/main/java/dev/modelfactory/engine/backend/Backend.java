package dev.modelfactory.engine.backend;

import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The one seam between models and compute: allocation, explicit host copies, and the fp32 ops a Llama
 * forward pass needs.
 *
 * <p>Conventions. Tensors are row-major; an op sees a tensor as {@code rows x cols} (last dimension =
 * cols). Shapes use: T tokens, C channels, H heads, Hkv key/value heads, D head dim, S cached positions,
 * V vocabulary. Ops <em>enqueue</em> work: a device backend may return before the work is done, and work
 * is ordered as issued. {@link #download} and {@link #sync} wait. Host backends simply run each op at once.
 * Integer inputs (token ids) are host arrays: they are tiny, and a device backend uploads them itself.
 * Unless an op says otherwise, {@code out} must not alias an input.
 *
 * <p>Ops with a default body are ones a backend may hand back to the CPU: the default copies to the host,
 * computes there and copies back. A device backend overrides them when it pays.
 */
public interface Backend extends AutoCloseable {

    /** The provider name, e.g. {@code cpu}. */
    String name();

    // ---- memory ------------------------------------------------------------------------------------

    /** A zero-filled tensor owned by this backend. */
    Tensor allocate(int... shape);

    /** Copy-in: a new tensor holding a copy of {@code host}, whose length must match the shape. */
    Tensor upload(float[] host, int... shape);

    /**
     * Copy-in of a weight matrix W [out, in] that will only be used as {@code b} of
     * {@code matmul(x, W, transposeB = true, ...)} (a linear layer) and read back by {@link #download}. A
     * backend may store it in a private layout: cpu packs it into the panels its GEMM and GEMV kernels
     * stream, a device backend keeps it in device memory. The default is a plain tensor.
     */
    default Tensor uploadLinear(float[] host, int out, int in) {
        return upload(host, out, in);
    }

    /**
     * Like {@link #uploadLinear} for a weight W [out, in] stored as ggml Q8_0 blocks ({@link Q8_0}), so a
     * backend with a Q8_0 kernel can keep it compact (1.0625 bytes per weight instead of 4) and stream less
     * memory per decode step. {@code blocks} is only read during the call. The default hands back to the
     * fp32 path: dequantise, then {@link #uploadLinear}; {@link #download} then yields the dequantised values
     * on every backend.
     */
    default Tensor uploadLinearQ8_0(MemorySegment blocks, int out, int in) {
        return uploadLinear(Q8_0.dequantize(blocks, out, in), out, in);
    }

    /**
     * A linear weight W [out, in] given as little-endian fp32 values, row-major, in {@code data} (normally a
     * memory-mapped model file) that the caller keeps valid for as long as the tensor is used: a backend that
     * computes from host memory in place keeps only the reference, so loading costs no copy. Besides
     * {@code matmul(x, W, true, ...)} and {@link #download}, the tensor may be the table of
     * {@link #embedding} (a tied embedding and output projection share one tensor). The default copies the
     * values into {@link #uploadLinear}; a backend whose linear layout {@code embedding} cannot read
     * overrides it.
     */
    default Tensor mapLinear(MemorySegment data, int out, int in) {
        long bytes = Math.multiplyExact(Math.multiplyExact((long) out, in), Float.BYTES);
        if (out < 1 || in < 1 || data.byteSize() != bytes) {
            throw new IllegalArgumentException("fp32 weight [" + out + ", " + in + "] needs " + bytes + " bytes, got "
                    + data.byteSize());
        }
        float[] w = new float[Math.toIntExact((long) out * in)];
        MemorySegment.copy(data, HostTensors.F32_LE, 0, w, 0, w.length);
        return uploadLinear(w, out, in);
    }

    /**
     * {@link #mapLinear} for Q8_0 blocks ({@link Q8_0}): {@code blocks} stays valid while the tensor is used,
     * so a backend with an in-place Q8_0 kernel holds no copy. The table of {@link #embedding} may be such a
     * tensor (rows dequantised per token). The default is {@link #uploadLinearQ8_0}.
     */
    default Tensor mapLinearQ8_0(MemorySegment blocks, int out, int in) {
        return uploadLinearQ8_0(blocks, out, in);
    }

    /**
     * {@link #mapLinear} for ggml Q4_0, Q4_K or Q6_K blocks ({@link QuantFormat} layouts): {@code blocks}
     * stays valid while the tensor is used, so a backend with in-place kernels for the format holds no copy.
     * The table of {@link #embedding} may be such a tensor. The default dequantises into
     * {@link #uploadLinear}, so every backend accepts these formats and {@link #download} yields the
     * dequantised values.
     */
    default Tensor mapLinearQuant(QuantFormat format, MemorySegment blocks, int out, int in) {
        return uploadLinear(format.dequantize(blocks, out, in), out, in);
    }

    /** Copy-in into an existing tensor: {@code host.length == dst.size()}. */
    void upload(float[] host, Tensor dst);

    /** Copy-out: waits for pending work on {@code src}, then copies all its values into {@code host}. */
    void download(Tensor src, float[] host);

    /** Copy-out into a fresh array. */
    default float[] download(Tensor src) {
        float[] host = new float[Math.toIntExact(src.size())];
        download(src, host);
        return host;
    }

    /** Waits until every op issued so far has finished. */
    void sync();

    /** Releases pools and threads; tensors of this backend must not be used afterwards. */
    @Override
    default void close() {
    }

    // ---- linear algebra and element-wise -----------------------------------------------------------

    /**
     * {@code out = a · b} or, with {@code transposeB}, {@code out = a · bᵀ} (the nn.Linear case
     * {@code x · Wᵀ}, W stored [out_features, in_features]). a [M,K]; b [K,N] or [N,K]; out [M,N].
     */
    void matmul(Tensor a, Tensor b, boolean transposeB, Tensor out);

    /**
     * {@code outs[i] = a · weights[i]ᵀ} for linear weights that read the same input (q, k and v of a layer;
     * gate and up): the same result as one {@code matmul(a, weights[i], true, outs[i])} per weight, which
     * is the default. A backend may run them as one step: cpu hands decode's GEMVs to its threads once
     * instead of once per weight. No out may be a.
     */
    default void matmulSharedInput(Tensor a, Tensor[] weights, Tensor[] outs) {
        if (weights.length != outs.length) {
            throw new IllegalArgumentException("matmulSharedInput: " + weights.length + " weights for "
                    + outs.length + " outputs");
        }
        for (Tensor out : outs) {
            if (out == a) {
                throw new IllegalArgumentException("matmulSharedInput: an output is the input");
            }
        }
        for (int i = 0; i < weights.length; i++) {
            matmul(a, weights[i], true, outs[i]);
        }
    }

    /** {@code out = a + b}; b has a's shape, or is one row [C] added to every row of a. out may be a. */
    void add(Tensor a, Tensor b, Tensor out);

    /** {@code out = a * b} element-wise, same broadcasting as {@link #add}. out may be a. */
    void mul(Tensor a, Tensor b, Tensor out);

    /** {@code out = s * a}. out may be a. */
    void scale(Tensor a, float s, Tensor out);

    /** Per row: {@code out = x / sqrt(mean(x²) + eps) * weight}. x [R,C], weight [C]. out may be x. */
    void rmsNorm(Tensor x, Tensor weight, float eps, Tensor out);

    /** Rotates, in place, each head of x [T, heads·D]; row t is at position {@code startPos + t}. */
    void rope(Tensor x, int heads, int headDim, int startPos, RopeSpec spec);

    /** {@code out = x · sigmoid(x)}. out may be x. */
    void silu(Tensor x, Tensor out);

    /** SwiGLU gate: {@code out = silu(gate) * up}. out may be gate or up. */
    void swiglu(Tensor gate, Tensor up, Tensor out);

    /** Row-wise softmax. out may be x. */
    void softmax(Tensor x, Tensor out);

    // ---- attention and lookup ----------------------------------------------------------------------

    /**
     * Causal grouped-query attention of T new queries against a KV cache.
     * q [T, H·D]; kCache, vCache [S_max, Hkv·D] already holding positions {@code 0 .. startPos + T - 1};
     * out [T, H·D]. Query t (position {@code startPos + t}) sees keys {@code 0 .. startPos + t}; query head h
     * reads kv head {@code h / (H / Hkv)}; scores are scaled by {@code 1/sqrt(D)}.
     */
    void attention(Tensor q, Tensor kCache, Tensor vCache, int startPos, int heads, int kvHeads, int headDim,
            Tensor out);

    /** Gathers rows: {@code out[t] = table[ids[t]]}. table [V,C], out [T,C]. */
    void embedding(Tensor table, int[] ids, Tensor out);

    /**
     * Copies {@code rows} rows starting at {@code srcRow} of src [R1,C] to rows starting at {@code dstRow}
     * of dst [R2,C]: KV-cache append, or picking the last position's hidden state.
     */
    void copyRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows);

    // ---- ops a backend may hand back to the CPU ----------------------------------------------------

    /** Index of the largest value of each row (first one on ties). x [R,C] -> R ids. */
    default int[] argmax(Tensor x) {
        float[] h = download(x);
        int rows = x.rows();
        int cols = x.cols();
        int[] ids = new int[rows];
        for (int r = 0; r < rows; r++) {
            int best = 0;
            for (int c = 1; c < cols; c++) {
                if (h[r * cols + c] > h[r * cols + best]) {
                    best = c;
                }
            }
            ids[r] = best;
        }
        return ids;
    }

    /** Row-wise {@code log(softmax(x))}, computed stably. out may be x. */
    default void logSoftmax(Tensor x, Tensor out) {
        float[] h = download(x);
        int rows = x.rows();
        int cols = x.cols();
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                max = Math.max(max, h[o + c]);
            }
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += Math.exp(h[o + c] - max);
            }
            float logZ = (float) (max + Math.log(sum));
            for (int c = 0; c < cols; c++) {
                h[o + c] -= logZ;
            }
        }
        upload(h, out);
    }
}
