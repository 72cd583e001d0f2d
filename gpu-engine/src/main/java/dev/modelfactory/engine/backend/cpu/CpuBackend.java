package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.HostTensors.data;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.HostTensors;
import dev.modelfactory.engine.backend.QuantFormat;
import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * The fast host backend: Vector API kernels ({@link CpuMatmul}, {@link CpuKernels}, {@link CpuAttention})
 * over a fixed thread pool. Runs each op synchronously, so {@link #sync()} has nothing to wait for.
 * Small ops stay on the calling thread: a hand-off costs more than the work below ~64K elements.
 */
public final class CpuBackend implements Backend {

    private static final int PARALLEL_MIN = 1 << 16;
    /** The default of {@link #CpuBackend(int, boolean)}'s {@code mapWeights}: true unless set to false. */
    public static final String MAPPED_WEIGHTS_PROPERTY = "modelfactory.cpu.mappedWeights";

    private final CpuThreads pool;
    private final boolean mapWeights;

    /** A backend over {@code threads} threads (the caller counts as one). */
    public CpuBackend(int threads) {
        this(threads, !"false".equals(System.getProperty(MAPPED_WEIGHTS_PROPERTY)));
    }

    /**
     * With {@code mapWeights} false, {@link #mapLinear}/{@link #mapLinearQ8_0} copy into the packed / heap
     * Q8_0 layouts as before the in-place kernels existed (benchmarks compare both in one run).
     */
    public CpuBackend(int threads, boolean mapWeights) {
        this(new CpuThreads(threads), mapWeights);
    }

    /** Workers spin {@code spinNanos} for the next job before they park ({@link CpuThreads}); for benchmarks. */
    CpuBackend(int threads, boolean mapWeights, long spinNanos) {
        this(new CpuThreads(threads, spinNanos), mapWeights);
    }

    /** And each parallel step cut into {@code chunksPerThread} pieces per thread ({@link CpuThreads}); for benchmarks. */
    CpuBackend(int threads, boolean mapWeights, long spinNanos, int chunksPerThread) {
        this(new CpuThreads(threads, spinNanos, chunksPerThread), mapWeights);
    }

    private CpuBackend(CpuThreads pool, boolean mapWeights) {
        this.pool = pool;
        this.mapWeights = mapWeights;
    }

    public int threads() {
        return pool.threads();
    }

    @Override
    public String name() {
        return CpuBackendProvider.NAME;
    }

    @Override
    public Tensor allocate(int... shape) {
        return HostTensor.zeros(shape);
    }

    @Override
    public Tensor upload(float[] host, int... shape) {
        return new HostTensor(host.clone(), shape);
    }

    /** Stores W pre-packed for the GEMM/GEMV kernels ({@link CpuLinearWeight}). */
    @Override
    public Tensor uploadLinear(float[] host, int out, int in) {
        return new CpuLinearWeight(host, out, in);
    }

    /** Keeps W as int8 quants + fp32 block scales for the Q8_0 kernel ({@link CpuQ8Weight}). */
    @Override
    public Tensor uploadLinearQ8_0(MemorySegment blocks, int out, int in) {
        return new CpuQ8Weight(blocks, out, in);
    }

    /** Keeps W in place ({@link CpuMappedWeight}): no copy at load; kernels read the mapping. */
    @Override
    public Tensor mapLinear(MemorySegment data, int out, int in) {
        return mapWeights ? new CpuMappedWeight(data, out, in) : Backend.super.mapLinear(data, out, in);
    }

    /** Keeps the Q8_0 blocks in place ({@link CpuMappedQ8Weight}). */
    @Override
    public Tensor mapLinearQ8_0(MemorySegment blocks, int out, int in) {
        return mapWeights ? new CpuMappedQ8Weight(blocks, out, in) : uploadLinearQ8_0(blocks, out, in);
    }

    /** Keeps Q4_0 / Q4_K / Q6_K blocks in place ({@link CpuMappedQuantWeight}). */
    @Override
    public Tensor mapLinearQuant(QuantFormat format, MemorySegment blocks, int out, int in) {
        return mapWeights ? new CpuMappedQuantWeight(format, blocks, out, in)
                : Backend.super.mapLinearQuant(format, blocks, out, in);
    }

    @Override
    public void upload(float[] host, Tensor dst) {
        HostTensors.sameSize(new HostTensor(host, host.length), dst, "upload");
        if (dst instanceof CpuMappedWeight || dst instanceof CpuMappedQ8Weight || dst instanceof CpuMappedQuantWeight) {
            throw new IllegalArgumentException("upload: " + dst + " is a read-only view of a weight file");
        }
        if (dst instanceof CpuQ8Weight w) {
            throw new IllegalArgumentException("upload: " + w + " holds Q8_0 blocks; fp32 values cannot go into it");
        }
        if (dst instanceof CpuLinearWeight w) {
            w.pack(host);
        } else {
            System.arraycopy(host, 0, data(dst), 0, host.length);
        }
    }

    @Override
    public void download(Tensor src, float[] host) {
        HostTensors.sameSize(src, new HostTensor(host, host.length), "download");
        if (src instanceof CpuLinearWeight w) {
            w.unpack(host);
        } else if (src instanceof CpuQ8Weight w) {
            w.dequantize(host);
        } else if (src instanceof CpuMappedWeight w) {
            w.download(host);
        } else if (src instanceof CpuMappedQ8Weight w) {
            w.download(host);
        } else if (src instanceof CpuMappedQuantWeight w) {
            w.download(host);
        } else {
            System.arraycopy(data(src), 0, host, 0, host.length);
        }
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public void matmul(Tensor a, Tensor b, boolean transposeB, Tensor out) {
        int[] mkn = HostTensors.matmulDims(a, b, transposeB, out);
        if (b instanceof CpuLinearWeight w) {
            if (!transposeB) {
                throw new IllegalArgumentException("matmul: a linear weight " + w + " is only used as x · Wᵀ");
            }
            CpuLinearMatmul.matmul(pool, data(a), w, data(out), mkn[0]);
            return;
        }
        if (b instanceof CpuQ8Weight w) {
            if (!transposeB) {
                throw new IllegalArgumentException("matmul: a linear weight " + w + " is only used as x · Wᵀ");
            }
            CpuQ8Matmul.matmul(pool, data(a), w, data(out), mkn[0]);
            return;
        }
        if (b instanceof CpuMappedQuantWeight w) {
            if (!transposeB) {
                throw new IllegalArgumentException("matmul: a linear weight " + w + " is only used as x · Wᵀ");
            }
            CpuMappedQuantMatmul.matmul(pool, data(a), w, data(out), mkn[0]);
            return;
        }
        if (b instanceof CpuMappedWeight || b instanceof CpuMappedQ8Weight) {
            if (!transposeB) {
                throw new IllegalArgumentException("matmul: a linear weight " + b + " is only used as x · Wᵀ");
            }
            if (b instanceof CpuMappedWeight w) {
                CpuMappedMatmul.matmul(pool, data(a), w, data(out), mkn[0]);
            } else {
                CpuMappedQ8Matmul.matmul(pool, data(a), (CpuMappedQ8Weight) b, data(out), mkn[0]);
            }
            return;
        }
        CpuMatmul.matmul(pool, data(a), data(b), transposeB, data(out), mkn[0], mkn[1], mkn[2]);
    }

    /**
     * Below the GEMM thresholds (decode, short batches) all weights' GEMVs run as one parallel-for over
     * their output rows laid end to end, so the threads are woken once per call instead of once per weight;
     * each row is computed by the same kernel as in {@link #matmul}. Wider x goes weight by weight: each
     * GEMM is long enough to pay for its own hand-off.
     */
    @Override
    public void matmulSharedInput(Tensor a, Tensor[] weights, Tensor[] outs) {
        if (weights.length != outs.length) {
            throw new IllegalArgumentException("matmulSharedInput: " + weights.length + " weights for "
                    + outs.length + " outputs");
        }
        int m = a.rows();
        RowPart[] parts = new RowPart[weights.length];
        int[] start = new int[weights.length + 1];
        for (int i = 0; i < weights.length; i++) {
            HostTensors.matmulDims(a, weights[i], true, outs[i]);
            if (outs[i] == a) {
                throw new IllegalArgumentException("matmulSharedInput: an output is the input");
            }
            parts[i] = rowPart(data(a), weights[i], data(outs[i]), m);
            if (parts[i] == null) {
                Backend.super.matmulSharedInput(a, weights, outs);
                return;
            }
            start[i + 1] = Math.addExact(start[i], parts[i].rows());
        }
        pool.parallelForBalanced(start[weights.length], 4, (g0, g1) -> {
            for (int i = 0; i < parts.length; i++) {
                int lo = Math.max(g0, start[i]) - start[i];
                int hi = Math.min(g1, start[i + 1]) - start[i];
                if (lo < hi) {
                    parts[i].run(lo, hi);
                }
            }
        });
    }

    /**
     * The output rows of one small-m {@code x · Wᵀ}, computable in any split of {@code [0, rows())}: a kernel
     * that works in units of u rows (a panel, a register tile) takes the units starting in the range, so
     * adjacent ranges never share one.
     */
    private interface RowPart {
        int rows();

        void run(int lo, int hi);
    }

    private static RowPart part(int rows, int unit, CpuThreads.RangeBody units) {
        return new RowPart() {
            @Override
            public int rows() {
                return rows;
            }

            @Override
            public void run(int lo, int hi) {
                int u0 = (lo + unit - 1) / unit;
                int u1 = (hi + unit - 1) / unit;
                if (u0 < u1) {
                    units.run(u0, u1);
                }
            }
        };
    }

    /** The GEMV of {@link #matmul} for this weight kind at m x rows as a {@link RowPart}; null past its GEMM threshold. */
    private static RowPart rowPart(float[] a, Tensor b, float[] c, int m) {
        if (b instanceof CpuLinearWeight w) {
            return m < CpuMatmul.MR ? part(w.n(), CpuMatmul.NR, (p0, p1) -> CpuLinearMatmul.gemv(a, w, c, m, p0, p1))
                    : null;
        }
        if (b instanceof CpuQ8Weight w) {
            return m < CpuQ8Matmul.GEMM_ROWS ? part(w.n(), 1, (r0, r1) -> CpuQ8Matmul.rows(a, w, c, m, r0, r1)) : null;
        }
        if (b instanceof CpuMappedQ8Weight w) {
            return m < CpuQ8Matmul.GEMM_ROWS ? part(w.n(), 1, CpuMappedQ8Matmul.rowsBody(a, w, c, m))
                    : null;
        }
        if (b instanceof CpuMappedQuantWeight w) {
            if (m == 1 && CpuQuantDot.SUPPORTED) {
                float[] xsum = CpuQuantDot.sums32(a, 0, w.k());
                return part(w.n(), 1, (r0, r1) -> CpuQuantDot.rows(w, a, 0, xsum, c, r0, r1));
            }
            return m < CpuQ8Matmul.GEMM_ROWS
                    ? part(w.n(), 1, (r0, r1) -> CpuMappedQuantMatmul.rows(a, w, c, m, r0, r1)) : null;
        }
        if (b instanceof CpuMappedWeight w && m < CpuMappedMatmul.TR) {
            int n = w.n();
            int k = w.k();
            MemorySegment seg = w.data();
            return part(n, 1, (j0, j1) -> CpuMappedMatmul.gemv(a, seg, c, m, k, n, j0, j1));
        }
        return null;
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        HostTensors.broadcastable(a, b, out, "add");
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        int cols = a.cols();
        rows(a, (r0, r1) -> CpuKernels.add(x, y, o, r0, r1, cols));
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        HostTensors.broadcastable(a, b, out, "mul");
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        int cols = a.cols();
        rows(a, (r0, r1) -> CpuKernels.mul(x, y, o, r0, r1, cols));
    }

    @Override
    public void scale(Tensor a, float s, Tensor out) {
        HostTensors.sameSize(a, out, "scale");
        float[] x = data(a);
        float[] o = data(out);
        flat(x.length, (from, to) -> CpuKernels.scale(x, s, o, from, to));
    }

    @Override
    public void rmsNorm(Tensor x, Tensor weight, float eps, Tensor out) {
        HostTensors.sameSize(x, out, "rmsNorm");
        if (weight.size() != x.cols()) {
            throw new IllegalArgumentException("rmsNorm: weight of " + weight.size() + " for rows of " + x.cols());
        }
        float[] v = data(x);
        float[] w = data(weight);
        float[] o = data(out);
        int cols = x.cols();
        rows(x, (r0, r1) -> CpuKernels.rmsNorm(v, w, eps, o, r0, r1, cols));
    }

    @Override
    public void rope(Tensor x, int heads, int headDim, int startPos, RopeSpec spec) {
        HostTensors.ropeDims(x, heads, headDim);
        float[] inv = spec.inverseFrequencies(headDim);
        int tokens = x.rows();
        int half = headDim / 2;
        float[] cos = new float[tokens * half];
        float[] sin = new float[tokens * half];
        for (int t = 0; t < tokens; t++) {
            for (int i = 0; i < half; i++) {
                double angle = (double) (startPos + t) * inv[i];
                cos[t * half + i] = (float) Math.cos(angle);
                sin[t * half + i] = (float) Math.sin(angle);
            }
        }
        float[] v = data(x);
        rows(x, (r0, r1) -> CpuKernels.rope(v, cos, sin, heads, headDim, spec.style(), r0, r1));
    }

    @Override
    public void silu(Tensor x, Tensor out) {
        HostTensors.sameSize(x, out, "silu");
        float[] g = data(x);
        float[] o = data(out);
        flat(g.length, (from, to) -> CpuKernels.swiglu(g, null, o, from, to));
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor out) {
        HostTensors.sameSize(gate, up, "swiglu");
        HostTensors.sameSize(gate, out, "swiglu");
        float[] g = data(gate);
        float[] u = data(up);
        float[] o = data(out);
        flat(g.length, (from, to) -> CpuKernels.swiglu(g, u, o, from, to));
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        HostTensors.sameSize(x, out, "softmax");
        float[] v = data(x);
        float[] o = data(out);
        int cols = x.cols();
        rows(x, (r0, r1) -> CpuKernels.softmax(v, o, r0, r1, cols));
    }

    @Override
    public void attention(Tensor q, Tensor kCache, Tensor vCache, int startPos, int heads, int kvHeads, int headDim,
            Tensor out) {
        HostTensors.attentionDims(q, kCache, vCache, startPos, heads, kvHeads, headDim, out);
        CpuAttention.attention(pool, data(q), data(kCache), data(vCache), q.rows(), startPos, heads, kvHeads, headDim,
                data(out));
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        HostTensors.embeddingDims(table, ids, out);
        int cols = table.cols();
        float[] o = data(out);
        if (!(table instanceof HostTensor)) {
            CpuEmbedding.lookup(table, ids, o);
            return;
        }
        float[] tab = data(table);
        for (int t = 0; t < ids.length; t++) {
            System.arraycopy(tab, ids[t] * cols, o, t * cols, cols);
        }
    }

    @Override
    public void copyRows(Tensor src, int srcRow, Tensor dst, int dstRow, int rows) {
        HostTensors.copyRowsDims(src, srcRow, dst, dstRow, rows);
        int cols = src.cols();
        System.arraycopy(data(src), srcRow * cols, data(dst), dstRow * cols, rows * cols);
    }

    /** Runs a row kernel over all rows of t, in parallel when t is large. */
    private void rows(Tensor t, CpuThreads.RangeBody body) {
        int rows = t.rows();
        if (t.size() < PARALLEL_MIN) {
            body.run(0, rows);
        } else {
            pool.parallelFor(rows, 1, body);
        }
    }

    /** Runs an element kernel over [0, n), in parallel when n is large; chunk bounds stay vector aligned. */
    private void flat(int n, CpuThreads.RangeBody body) {
        if (n < PARALLEL_MIN) {
            body.run(0, n);
        } else {
            pool.parallelFor(n, 64, body);
        }
    }
}
