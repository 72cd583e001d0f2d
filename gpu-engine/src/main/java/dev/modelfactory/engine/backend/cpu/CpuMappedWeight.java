package dev.modelfactory.engine.backend.cpu;

import static dev.modelfactory.engine.backend.HostTensors.F32_LE;

import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * A linear weight W [N, K] of little-endian fp32 values left where they lie (normally a memory-mapped model
 * file), row-major: {@code W[r, k]} at byte {@code 4·(r·K + k)}. Nothing is copied at load; the kernels of
 * {@link CpuMappedMatmul} read rows straight from the segment, and {@link CpuBackend#embedding} copies one
 * row per token, so a tied embedding and output projection share this one tensor. The segment belongs to
 * whoever mapped it: once it is closed, any use fails with the segment's {@link IllegalStateException}
 * (never a stray read).
 */
final class CpuMappedWeight implements Tensor {

    private final MemorySegment data;
    private final int n;
    private final int k;

    CpuMappedWeight(MemorySegment data, int n, int k) {
        long bytes = Math.multiplyExact(Math.multiplyExact((long) n, k), Float.BYTES);
        if (n < 1 || k < 1 || data.byteSize() != bytes) {
            throw new IllegalArgumentException("fp32 weight [" + n + ", " + k + "] needs " + bytes + " bytes, got "
                    + data.byteSize());
        }
        this.data = data;
        this.n = n;
        this.k = k;
    }

    MemorySegment data() {
        return data;
    }

    int n() {
        return n;
    }

    int k() {
        return k;
    }

    /** Row {@code row} (K values) into {@code dst[off ..]}. */
    void copyRow(int row, float[] dst, int off) {
        MemorySegment.copy(data, F32_LE, (long) row * k * Float.BYTES, dst, off, k);
    }

    /** All values, row-major. */
    void download(float[] host) {
        MemorySegment.copy(data, F32_LE, 0, host, 0, host.length);
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
        return "CpuMappedWeight[" + n + ", " + k + "]";
    }
}
