package dev.modelfactory.engine.backend.cpu;

import dev.modelfactory.engine.backend.QuantFormat;
import dev.modelfactory.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * A linear weight W [N, K] as ggml Q4_0, Q4_K or Q6_K blocks left where they lie (a memory-mapped GGUF
 * file): row r is K / block blocks from byte {@code r · (K / block) · blockBytes}. Nothing is copied at load;
 * {@link CpuMappedQuantMatmul} decodes rows or panels per call, and {@link CpuBackend#embedding} decodes one
 * row per token, so a tied embedding and output projection share this one tensor. The segment belongs to
 * whoever mapped it; once it is closed, any use fails with the segment's {@link IllegalStateException}.
 */
final class CpuMappedQuantWeight implements Tensor {

    private final QuantFormat format;
    private final MemorySegment blocks;
    private final int n;
    private final int k;
    private final int rowBlocks;

    CpuMappedQuantWeight(QuantFormat format, MemorySegment blocks, int n, int k) {
        format.checkSize(blocks, n, k);
        this.format = format;
        this.blocks = blocks;
        this.n = n;
        this.k = k;
        this.rowBlocks = k / format.block();
    }

    QuantFormat format() {
        return format;
    }

    /** The blocks in place (row r from byte {@code r · (K / block) · blockBytes}). */
    MemorySegment blocks() {
        return blocks;
    }

    int n() {
        return n;
    }

    int k() {
        return k;
    }

    /**
     * Blocks [b0, b1) of row {@code row} (columns {@code b0 · block ..}) decoded into {@code dst} from
     * {@code off}; bounds are checked here, so a caller's arithmetic slip is an exception, not a stray read.
     */
    void decode(int row, int b0, int b1, float[] dst, int off) {
        java.util.Objects.checkIndex(row, n);
        java.util.Objects.checkFromToIndex(b0, b1, rowBlocks);
        java.util.Objects.checkFromIndexSize(off, (b1 - b0) * format.block(), dst.length);
        long at = ((long) row * rowBlocks + b0) * format.blockBytes();
        CpuQuantDecode.decode(format, blocks, at, b1 - b0, dst, off);
    }

    /** Row {@code row} decoded into {@code dst[off .. off + K)}. */
    void decodeRow(int row, float[] dst, int off) {
        decode(row, 0, rowBlocks, dst, off);
    }

    /** All values decoded, row-major [N, K]. */
    void download(float[] host) {
        for (int r = 0; r < n; r++) {
            decodeRow(r, host, r * k);
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
        return "CpuMappedQuantWeight[" + format + " " + n + ", " + k + "]";
    }
}
