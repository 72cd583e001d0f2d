package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.tensor.Tensor;

/**
 * A linear layer's weight W [N, K] (used as {@code x · Wᵀ}) stored pre-packed for {@link CpuMatmul}: panels
 * of {@link CpuMatmul#NR} output rows, each panel K x NR with the NR values of one k contiguous
 * ({@code packed[p·K·NR + k·NR + j] = W[p·NR + j, k]}), the last panel zero padded. GEMM then needs no
 * packing of B, and decode's matrix-vector product streams the panels once, front to back.
 */
final class CpuLinearWeight implements Tensor {

    private final float[] packed;
    private final int n;
    private final int k;

    CpuLinearWeight(float[] w, int n, int k) {
        if ((long) n * k != w.length) {
            throw new IllegalArgumentException("linear weight [" + n + ", " + k + "] needs " + (long) n * k
                    + " values, got " + w.length);
        }
        this.n = n;
        this.k = k;
        this.packed = new float[Math.multiplyExact(panels() * CpuMatmul.NR, k)];
        pack(w);
    }

    void pack(float[] w) {
        int nr = CpuMatmul.NR;
        for (int p = 0; p < panels(); p++) {
            int rows = Math.min(nr, n - p * nr);
            int base = p * k * nr;
            for (int j = 0; j < rows; j++) {
                int src = (p * nr + j) * k;
                for (int kk = 0; kk < k; kk++) {
                    packed[base + kk * nr + j] = w[src + kk];
                }
            }
        }
    }

    void unpack(float[] w) {
        int nr = CpuMatmul.NR;
        for (int p = 0; p < panels(); p++) {
            int rows = Math.min(nr, n - p * nr);
            int base = p * k * nr;
            for (int j = 0; j < rows; j++) {
                int dst = (p * nr + j) * k;
                for (int kk = 0; kk < k; kk++) {
                    w[dst + kk] = packed[base + kk * nr + j];
                }
            }
        }
    }

    float[] packed() {
        return packed;
    }

    int panels() {
        return (n + CpuMatmul.NR - 1) / CpuMatmul.NR;
    }

    int n() {
        return n;
    }

    int k() {
        return k;
    }

    @Override
    public int[] shape() {
        return new int[] {n, k};
    }

    @Override
    public long size() {
        return (long) n * k;
    }

    @Override
    public String toString() {
        return "CpuLinearWeight[" + n + ", " + k + "]";
    }
}
