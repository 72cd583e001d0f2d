package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.Q8_0;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A linear weight W [N, K] as ggml Q8_0 blocks left where they lie (a memory-mapped GGUF file): row r is
 * K/32 blocks of 34 bytes (fp16 scale, 32 int8 quants) from byte {@code r·(K/32)·34}. Unlike
 * {@link CpuQ8Weight} (a heap copy that splits quants from scales), nothing is copied at load; the kernels
 * of {@link CpuMappedQ8Matmul} read the interleaved blocks in place, and {@link CpuBackend#embedding}
 * dequantises one row per token, so a tied embedding and output projection share this one tensor. The
 * segment belongs to whoever mapped it; once it is closed, any use fails with the segment's
 * {@link IllegalStateException}.
 */
final class CpuMappedQ8Weight implements Tensor {

    private final MemorySegment blocks;
    private final int n;
    private final int k;

    CpuMappedQ8Weight(MemorySegment blocks, int n, int k) {
        Q8_0.checkSize(blocks, n, k);
        this.blocks = blocks;
        this.n = n;
        this.k = k;
    }

    MemorySegment blocks() {
        return blocks;
    }

    int n() {
        return n;
    }

    int k() {
        return k;
    }

    /** Row {@code row} dequantised ({@code q · d}, as ggml computes it) into {@code dst[off .. off + K)}. */
    void dequantizeRow(int row, float[] dst, int off) {
        int perRow = k / Q8_0.BLOCK;
        long first = (long) row * perRow;
        for (int b = 0; b < perRow; b++) {
            float d = Q8_0.scale(blocks, first + b);
            long at = (first + b) * Q8_0.BLOCK_BYTES + 2;
            int y = off + b * Q8_0.BLOCK;
            for (int j = 0; j < Q8_0.BLOCK; j++) {
                dst[y + j] = blocks.get(ValueLayout.JAVA_BYTE, at + j) * d;
            }
        }
    }

    /** All values dequantised, row-major [N, K]. */
    void download(float[] host) {
        for (int r = 0; r < n; r++) {
            dequantizeRow(r, host, r * k);
        }
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
        return "CpuMappedQ8Weight[" + n + ", " + k + "]";
    }
}
