package dev.modelfactory.engine.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The ggml Q8_0 block layout as the backends see it: per 32 weights of a row, a little-endian fp16 scale d
 * followed by 32 signed int8 quants; weight = d · q. A matrix [out, in] is {@code out} rows of
 * {@code in / 32} blocks, back to back (GGUF's layout), so {@code in} must be a multiple of 32.
 */
public final class Q8_0 {

    /** Weights per block. */
    public static final int BLOCK = 32;
    /** Bytes per block: 2 (fp16 scale) + 32 quants. */
    public static final int BLOCK_BYTES = 2 + BLOCK;

    private static final ValueLayout.OfShort HALF =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private Q8_0() {
    }

    /** Byte size of a Q8_0 matrix [out, in]; rejects an {@code in} that is not whole blocks. */
    public static long byteSize(int out, int in) {
        if (out < 1 || in < 1 || in % BLOCK != 0) {
            throw new IllegalArgumentException("Q8_0 weight [" + out + ", " + in
                    + "]: in must be a positive multiple of " + BLOCK);
        }
        return (long) out * (in / BLOCK) * BLOCK_BYTES;
    }

    /** Checks that {@code blocks} holds exactly a Q8_0 matrix [out, in]. */
    public static void checkSize(MemorySegment blocks, int out, int in) {
        long need = byteSize(out, in);
        if (blocks.byteSize() != need) {
            throw new IllegalArgumentException("Q8_0 weight [" + out + ", " + in + "] needs " + need + " bytes, got "
                    + blocks.byteSize());
        }
    }

    /** The scale of block {@code block} (counted from the segment's start). */
    public static float scale(MemorySegment blocks, long block) {
        return Float.float16ToFloat(blocks.get(HALF, block * BLOCK_BYTES));
    }

    /** The fp32 values, row-major [out, in]: {@code q * d} per weight, as ggml's dequantiser computes them. */
    public static float[] dequantize(MemorySegment blocks, int out, int in) {
        checkSize(blocks, out, in);
        float[] w = new float[Math.multiplyExact(out, in)];
        long nBlocks = (long) out * (in / BLOCK);
        for (long b = 0; b < nBlocks; b++) {
            float d = scale(blocks, b);
            long at = b * BLOCK_BYTES + 2;
            int y = (int) (b * BLOCK);
            for (int j = 0; j < BLOCK; j++) {
                w[y + j] = blocks.get(ValueLayout.JAVA_BYTE, at + j) * d;
            }
        }
        return w;
    }
}
