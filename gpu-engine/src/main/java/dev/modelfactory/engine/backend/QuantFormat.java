package dev.modelfactory.engine.backend;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * ggml's 4- and 6-bit block layouts as the backends see them (Q8_0 has its own class, {@link Q8_0}). A
 * matrix [out, in] is {@code out} rows of {@code in / block} blocks back to back (GGUF's layout), so
 * {@code in} must be whole blocks. All scales are little-endian fp16. Offsets are bytes within a block:
 * <ul>
 * <li>{@link #Q4_0}: 32 weights in 18 bytes: d @0, qs[16] @2; weight j (j &lt; 16) is the low nibble of
 *     qs[j], weight j + 16 its high nibble; value = (q - 8) · d.</li>
 * <li>{@link #Q4_K}: 256 weights in 144 bytes: d @0, dmin @2, scales[12] @4 (eight 6-bit scales and eight
 *     6-bit mins, packed), qs[128] @16. Per 64 weights (group g, 32 bytes of qs from 32·g): the low nibbles
 *     are sub-block 2g, the high nibbles sub-block 2g + 1; value = d·sc · q - dmin·m.</li>
 * <li>{@link #Q6_K}: 256 weights in 210 bytes: ql[128] @0 (low 4 bits), qh[64] @128 (high 2 bits),
 *     scales[16] int8 @192, d @208. Per half n (128 weights): for l &lt; 32, weights l, l+32, l+64, l+96
 *     take the low nibble of ql[64n+l], the low nibble of ql[64n+l+32], their high nibbles, and bit pairs
 *     0, 2, 4, 6 of qh[32n+l]; value = d·scale[8n + l/16 + 2i] · (q - 32) for the i-th of the four.</li>
 * </ul>
 * {@link #decodeBlock} is the scalar reference (bit for bit ggml's {@code dequantize_row_*}: the same float
 * operations in the same order); fast backends decode with vectors and are tested against it.
 */
public enum QuantFormat {
    Q4_0(32, 18),
    Q4_K(256, 144),
    Q6_K(256, 210);

    private static final ValueLayout.OfShort HALF =
            ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int block;
    private final int blockBytes;

    QuantFormat(int block, int blockBytes) {
        this.block = block;
        this.blockBytes = blockBytes;
    }

    /** Weights per block. */
    public int block() {
        return block;
    }

    /** Bytes per block. */
    public int blockBytes() {
        return blockBytes;
    }

    /** Byte size of a matrix [out, in]; rejects an {@code in} that is not whole blocks. */
    public long byteSize(int out, int in) {
        if (out < 1 || in < 1 || in % block != 0) {
            throw new IllegalArgumentException(this + " weight [" + out + ", " + in
                    + "]: in must be a positive multiple of " + block);
        }
        return Math.multiplyExact((long) out * (in / block), blockBytes);
    }

    /** Checks that {@code blocks} holds exactly a matrix [out, in] of this format. */
    public void checkSize(MemorySegment blocks, int out, int in) {
        long need = byteSize(out, in);
        if (blocks.byteSize() != need) {
            throw new IllegalArgumentException(this + " weight [" + out + ", " + in + "] needs " + need
                    + " bytes, got " + blocks.byteSize());
        }
    }

    /** The fp32 values, row-major [out, in]. */
    public float[] dequantize(MemorySegment blocks, int out, int in) {
        checkSize(blocks, out, in);
        float[] w = new float[Math.multiplyExact(out, in)];
        long n = (long) out * (in / block);
        for (long b = 0; b < n; b++) {
            decodeBlock(blocks, b * blockBytes, w, (int) (b * block));
        }
        return w;
    }

    /** Decodes the block at byte {@code at} of {@code q} into {@code dst[off .. off + block)}. */
    public void decodeBlock(MemorySegment q, long at, float[] dst, int off) {
        switch (this) {
            case Q4_0 -> q4_0(q, at, dst, off);
            case Q4_K -> q4_K(q, at, dst, off);
            case Q6_K -> q6_K(q, at, dst, off);
        }
    }

    /** An fp16 value at byte {@code at}. */
    public static float half(MemorySegment q, long at) {
        return Float.float16ToFloat(q.get(HALF, at));
    }

    private static int u8(MemorySegment q, long at) {
        return q.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    private static void q4_0(MemorySegment q, long at, float[] y, int off) {
        float d = half(q, at);
        for (int j = 0; j < 16; j++) {
            int v = u8(q, at + 2 + j);
            y[off + j] = ((v & 0x0F) - 8) * d;
            y[off + j + 16] = ((v >>> 4) - 8) * d;
        }
    }

    /**
     * Q4_K's 6-bit scale (low byte) and min (second byte) of sub-block {@code j} (0..7) from the 12 bytes at
     * {@code s}: sub-blocks 0..3 are the low 6 bits of bytes 0..3 (scales) and 4..7 (mins); sub-blocks 4..7
     * take a nibble of bytes 8..11 and the top two bits of bytes 0..3 (scales) or 4..7 (mins).
     */
    public static int scaleMinK4(MemorySegment q, long s, int j) {
        int sc;
        int m;
        if (j < 4) {
            sc = u8(q, s + j) & 63;
            m = u8(q, s + j + 4) & 63;
        } else {
            int lo = u8(q, s + j + 4);
            sc = (lo & 0x0F) | (u8(q, s + j - 4) >>> 6) << 4;
            m = (lo >>> 4) | (u8(q, s + j) >>> 6) << 4;
        }
        return sc | m << 8;
    }

    private static void q4_K(MemorySegment q, long at, float[] y, int off) {
        float d = half(q, at);
        float dmin = half(q, at + 2);
        for (int g = 0; g < 4; g++) {
            int sm1 = scaleMinK4(q, at + 4, 2 * g);
            int sm2 = scaleMinK4(q, at + 4, 2 * g + 1);
            float d1 = d * (sm1 & 0xFF);
            float m1 = dmin * (sm1 >>> 8);
            float d2 = d * (sm2 & 0xFF);
            float m2 = dmin * (sm2 >>> 8);
            long qs = at + 16 + 32L * g;
            int o = off + 64 * g;
            for (int l = 0; l < 32; l++) {
                int v = u8(q, qs + l);
                y[o + l] = d1 * (v & 0x0F) - m1;
                y[o + 32 + l] = d2 * (v >>> 4) - m2;
            }
        }
    }

    private static void q6_K(MemorySegment q, long at, float[] y, int off) {
        float d = half(q, at + 208);
        for (int n = 0; n < 2; n++) {
            long ql = at + 64L * n;
            long qh = at + 128 + 32L * n;
            long sc = at + 192 + 8L * n;
            int o = off + 128 * n;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = u8(q, qh + l);
                int a = u8(q, ql + l);
                int b = u8(q, ql + l + 32);
                y[o + l] = d * q.get(ValueLayout.JAVA_BYTE, sc + is) * (((a & 0x0F) | (h & 3) << 4) - 32);
                y[o + l + 32] = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 2) * (((b & 0x0F) | ((h >>> 2) & 3) << 4) - 32);
                y[o + l + 64] = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 4) * ((a >>> 4 | ((h >>> 4) & 3) << 4) - 32);
                y[o + l + 96] = d * q.get(ValueLayout.JAVA_BYTE, sc + is + 6) * ((b >>> 4 | ((h >>> 6) & 3) << 4) - 32);
            }
        }
    }
}
