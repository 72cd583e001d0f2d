package dev.modelfactory.engine.backend.reference;

import static dev.modelfactory.engine.backend.HostTensors.data;

import dev.modelfactory.engine.backend.Backend;
import dev.modelfactory.engine.backend.HostTensors;
import dev.modelfactory.engine.backend.RopeSpec;
import dev.modelfactory.engine.backend.RopeStyle;
import dev.modelfactory.engine.tensor.HostTensor;
import dev.modelfactory.engine.tensor.Tensor;

/**
 * The oracle: every op as the textbook loop, accumulating in double where a sum is long so that its own
 * rounding error stays well below the tolerance the contract tests allow.
 */
public final class RefBackend implements Backend {

    @Override
    public String name() {
        return RefBackendProvider.NAME;
    }

    @Override
    public Tensor allocate(int... shape) {
        return HostTensor.zeros(shape);
    }

    @Override
    public Tensor upload(float[] host, int... shape) {
        return new HostTensor(host.clone(), shape);
    }

    @Override
    public void upload(float[] host, Tensor dst) {
        HostTensors.sameSize(new HostTensor(host, host.length), dst, "upload");
        System.arraycopy(host, 0, data(dst), 0, host.length);
    }

    @Override
    public void download(Tensor src, float[] host) {
        HostTensors.sameSize(src, new HostTensor(host, host.length), "download");
        System.arraycopy(data(src), 0, host, 0, host.length);
    }

    @Override
    public void sync() {
    }

    @Override
    public void matmul(Tensor a, Tensor b, boolean transposeB, Tensor out) {
        int[] mkn = HostTensors.matmulDims(a, b, transposeB, out);
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        float[] x = data(a);
        float[] w = data(b);
        float[] o = data(out);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    float bv = transposeB ? w[j * k + p] : w[p * n + j];
                    sum += (double) x[i * k + p] * bv;
                }
                o[i * n + j] = (float) sum;
            }
        }
    }

    @Override
    public void add(Tensor a, Tensor b, Tensor out) {
        HostTensors.broadcastable(a, b, out, "add");
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] + y[i % y.length];
        }
    }

    @Override
    public void mul(Tensor a, Tensor b, Tensor out) {
        HostTensors.broadcastable(a, b, out, "mul");
        float[] x = data(a);
        float[] y = data(b);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = x[i] * y[i % y.length];
        }
    }

    @Override
    public void scale(Tensor a, float s, Tensor out) {
        HostTensors.sameSize(a, out, "scale");
        float[] x = data(a);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = s * x[i];
        }
    }

    @Override
    public void rmsNorm(Tensor x, Tensor weight, float eps, Tensor out) {
        HostTensors.sameSize(x, out, "rmsNorm");
        int cols = x.cols();
        if (weight.size() != cols) {
            throw new IllegalArgumentException("rmsNorm: weight of " + weight.size() + " for rows of " + cols);
        }
        float[] v = data(x);
        float[] w = data(weight);
        float[] o = data(out);
        for (int r = 0; r < x.rows(); r++) {
            int off = r * cols;
            double ss = 0;
            for (int c = 0; c < cols; c++) {
                ss += (double) v[off + c] * v[off + c];
            }
            double inv = 1.0 / Math.sqrt(ss / cols + eps);
            for (int c = 0; c < cols; c++) {
                o[off + c] = (float) (v[off + c] * inv * w[c]);
            }
        }
    }

    @Override
    public void rope(Tensor x, int heads, int headDim, int startPos, RopeSpec spec) {
        HostTensors.ropeDims(x, heads, headDim);
        float[] v = data(x);
        float[] inv = spec.inverseFrequencies(headDim);
        int half = headDim / 2;
        for (int t = 0; t < x.rows(); t++) {
            int pos = startPos + t;
            for (int h = 0; h < heads; h++) {
                int base = t * heads * headDim + h * headDim;
                for (int i = 0; i < half; i++) {
                    double angle = (double) pos * inv[i];
                    double cos = Math.cos(angle);
                    double sin = Math.sin(angle);
                    int i0 = spec.style() == RopeStyle.ROTATE_HALF ? base + i : base + 2 * i;
                    int i1 = spec.style() == RopeStyle.ROTATE_HALF ? base + i + half : base + 2 * i + 1;
                    double a = v[i0];
                    double b = v[i1];
                    v[i0] = (float) (a * cos - b * sin);
                    v[i1] = (float) (b * cos + a * sin);
                }
            }
        }
    }

    @Override
    public void silu(Tensor x, Tensor out) {
        HostTensors.sameSize(x, out, "silu");
        float[] v = data(x);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) (v[i] / (1.0 + Math.exp(-v[i])));
        }
    }

    @Override
    public void swiglu(Tensor gate, Tensor up, Tensor out) {
        HostTensors.sameSize(gate, up, "swiglu");
        HostTensors.sameSize(gate, out, "swiglu");
        float[] g = data(gate);
        float[] u = data(up);
        float[] o = data(out);
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) (g[i] / (1.0 + Math.exp(-g[i])) * u[i]);
        }
    }

    @Override
    public void softmax(Tensor x, Tensor out) {
        HostTensors.sameSize(x, out, "softmax");
        int cols = x.cols();
        float[] v = data(x);
        float[] o = data(out);
        for (int r = 0; r < x.rows(); r++) {
            softmaxRow(v, r * cols, cols, o, r * cols);
        }
    }

    private static void softmaxRow(float[] v, int off, int n, float[] o, int outOff) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < n; c++) {
            max = Math.max(max, v[off + c]);
        }
        double sum = 0;
        double[] e = new double[n];
        for (int c = 0; c < n; c++) {
            e[c] = Math.exp(v[off + c] - max);
            sum += e[c];
        }
        for (int c = 0; c < n; c++) {
            o[outOff + c] = (float) (e[c] / sum);
        }
    }

    @Override
    public void attention(Tensor q, Tensor kCache, Tensor vCache, int startPos, int heads, int kvHeads, int headDim,
            Tensor out) {
        HostTensors.attentionDims(q, kCache, vCache, startPos, heads, kvHeads, headDim, out);
        float[] qs = data(q);
        float[] ks = data(kCache);
        float[] vs = data(vCache);
        float[] o = data(out);
        int group = heads / kvHeads;
        int kvCols = kvHeads * headDim;
        double scale = 1.0 / Math.sqrt(headDim);
        for (int t = 0; t < q.rows(); t++) {
            int visible = startPos + t + 1;
            for (int h = 0; h < heads; h++) {
                int qOff = t * heads * headDim + h * headDim;
                int kvOff = (h / group) * headDim;
                double[] p = new double[visible];
                double max = Double.NEGATIVE_INFINITY;
                for (int s = 0; s < visible; s++) {
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += (double) qs[qOff + d] * ks[s * kvCols + kvOff + d];
                    }
                    p[s] = dot * scale;
                    max = Math.max(max, p[s]);
                }
                double sum = 0;
                for (int s = 0; s < visible; s++) {
                    p[s] = Math.exp(p[s] - max);
                    sum += p[s];
                }
                for (int d = 0; d < headDim; d++) {
                    double acc = 0;
                    for (int s = 0; s < visible; s++) {
                        acc += p[s] * vs[s * kvCols + kvOff + d];
                    }
                    o[qOff + d] = (float) (acc / sum);
                }
            }
        }
    }

    @Override
    public void embedding(Tensor table, int[] ids, Tensor out) {
        HostTensors.embeddingDims(table, ids, out);
        int cols = table.cols();
        float[] tab = data(table);
        float[] o = data(out);
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
}
