package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.Q8_0;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A linear layer's weight W [N, K] kept as Q8_0 for {@link CpuQ8Matmul}: the int8 quants row-major in one
 * byte[] ({@code quants[r·K + k]}) and the block scales, already fp32, in a float[] ({@code scales[r·K/32 + b]}).
 *
 * <p>Why a heap copy rather than the mapped file: splitting ggml's interleaved 34-byte blocks into quants and
 * scales makes every 8- or 16-byte quant load aligned and contiguous along a row, and converts each fp16
 * scale once instead of on every decode step; the copy costs one pass over the file at load, the same
 * 1.0625 bytes per weight of heap, and lets the model outlive the mapping.
 */
final class CpuQ8Weight implements Tensor {

    private final byte[] quants;
    private final float[] scales;
    private final int n;
    private final int k;

    CpuQ8Weight(MemorySegment blocks, int n, int k) {
        Q8_0.checkSize(blocks, n, k);
        this.n = n;
        this.k = k;
        this.quants = new byte[Math.multiplyExact(n, k)];
        this.scales = new float[quants.length / Q8_0.BLOCK];
        for (int b = 0; b < scales.length; b++) {
            scales[b] = Q8_0.scale(blocks, b);
            MemorySegment.copy(blocks, ValueLayout.JAVA_BYTE, (long) b * Q8_0.BLOCK_BYTES + 2, quants, b * Q8_0.BLOCK,
                    Q8_0.BLOCK);
        }
    }

    /** The dequantised values {@code q · d}, row-major [N, K] (what the reference computes with). */
    void dequantize(float[] w) {
        for (int i = 0; i < quants.length; i++) {
            w[i] = quants[i] * scales[i / Q8_0.BLOCK];
        }
    }

    byte[] quants() {
        return quants;
    }

    float[] scales() {
        return scales;
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
        return "CpuQ8Weight[" + n + ", " + k + "]";
    }
}
