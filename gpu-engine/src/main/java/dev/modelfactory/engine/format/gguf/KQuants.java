package dev.modelfactory.engine.format.gguf;

/**
 * ggml's 256-element "K" super-blocks. Each super-block has 8 or 16 sub-blocks with their own small
 * scales (and mins), themselves scaled by fp16 {@code d} (and {@code dmin}). Byte layouts (offsets in the
 * block) are given per method; element order follows ggml's reference {@code dequantize_row_*}.
 */
final class KQuants {

    private KQuants() {
    }

    /**
     * The 6-bit scale and min of sub-block {@code j} (0..7) from the 12 packed bytes at {@code at}: sub-blocks
     * 0..3 use the low 6 bits of bytes 0..3 (scales) and 4..7 (mins); 4..7 combine a nibble of bytes 8..11
     * with the top two bits of bytes 0..7. Returns {@code scale | min << 8}.
     */
    static int scaleMinK4(int j, byte[] b, int at) {
        int sc;
        int m;
        if (j < 4) {
            sc = b[at + j] & 63;
            m = b[at + j + 4] & 63;
        } else {
            sc = (b[at + j + 4] & 0x0F) | ((b[at + j - 4] & 0xFF) >>> 6) << 4;
            m = ((b[at + j + 4] & 0xFF) >>> 4) | ((b[at + j] & 0xFF) >>> 6) << 4;
        }
        return sc | m << 8;
    }

    /** Q2_K (84 B): scales[16] @0 (low nibble scale, high nibble min), qs[64] @16, d @80, dmin @82. */
    static void q2_K(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 80);
        float min = GgmlDequantizer.half(b, 82);
        int is = 0;
        int out = at;
        for (int n = 0; n < 2; n++) {
            int q = 16 + 32 * n;
            for (int shift = 0; shift < 8; shift += 2) {
                for (int half = 0; half < 2; half++) {
                    int sc = b[is++] & 0xFF;
                    float dl = d * (sc & 0x0F);
                    float ml = min * (sc >>> 4);
                    for (int l = 0; l < 16; l++) {
                        y[out++] = dl * (((b[q + 16 * half + l] & 0xFF) >>> shift) & 3) - ml;
                    }
                }
            }
        }
    }

    /**
     * Q3_K (110 B): hmask[32] @0, qs[64] @32, scales[12] @96 (sixteen 6-bit values, biased by 32), d @108.
     * The high bit of each 3-bit quant comes from hmask; a cleared bit subtracts 4.
     */
    static void q3_K(byte[] b, float[] y, int at) {
        float dAll = GgmlDequantizer.half(b, 108);
        int out = at;
        int m = 1;
        int is = 0;
        for (int n = 0; n < 2; n++) {
            int q = 32 + 32 * n;
            for (int shift = 0; shift < 8; shift += 2) {
                for (int half = 0; half < 2; half++) {
                    float dl = dAll * (scaleQ3K(is++, b) - 32);
                    for (int l = 16 * half; l < 16 * half + 16; l++) {
                        int low = ((b[q + l] & 0xFF) >>> shift) & 3;
                        y[out++] = dl * (low - ((b[l] & m) != 0 ? 0 : 4));
                    }
                }
                m <<= 1;
            }
        }
    }

    /** Unpacks Q3_K scale {@code is} (0..15): a low nibble from bytes 0..7 and two high bits from bytes 8..11. */
    private static int scaleQ3K(int is, byte[] b) {
        int s = 96;
        if (is < 4) {
            return (b[s + is] & 0x0F) | ((b[s + is + 8] & 3) << 4);
        } else if (is < 8) {
            return (b[s + is] & 0x0F) | (((b[s + is + 4] >>> 2) & 3) << 4);
        } else if (is < 12) {
            return ((b[s + is - 8] & 0xFF) >>> 4) | (((b[s + is] >>> 4) & 3) << 4);
        }
        return ((b[s + is - 8] & 0xFF) >>> 4) | (((b[s + is - 4] >>> 6) & 3) << 4);
    }

    /** Q4_K (144 B): d @0, dmin @2, scales[12] @4, qs[128] @16; per 64 elements: low nibbles then high. */
    static void q4_K(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        float min = GgmlDequantizer.half(b, 2);
        int out = at;
        for (int j = 0, is = 0; j < 4; j++, is += 2) {
            int sm1 = scaleMinK4(is, b, 4);
            int sm2 = scaleMinK4(is + 1, b, 4);
            float d1 = d * (sm1 & 0xFF);
            float m1 = min * (sm1 >>> 8);
            float d2 = d * (sm2 & 0xFF);
            float m2 = min * (sm2 >>> 8);
            int q = 16 + 32 * j;
            for (int l = 0; l < 32; l++) {
                y[out + l] = d1 * (b[q + l] & 0x0F) - m1;
                y[out + 32 + l] = d2 * ((b[q + l] & 0xFF) >>> 4) - m2;
            }
            out += 64;
        }
    }

    /** Q5_K (176 B): d @0, dmin @2, scales[12] @4, qh[32] @16, qs[128] @48; fifth bits two per 64 elements. */
    static void q5_K(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        float min = GgmlDequantizer.half(b, 2);
        int out = at;
        int u1 = 1;
        int u2 = 2;
        for (int j = 0, is = 0; j < 4; j++, is += 2) {
            int sm1 = scaleMinK4(is, b, 4);
            int sm2 = scaleMinK4(is + 1, b, 4);
            float d1 = d * (sm1 & 0xFF);
            float m1 = min * (sm1 >>> 8);
            float d2 = d * (sm2 & 0xFF);
            float m2 = min * (sm2 >>> 8);
            int ql = 48 + 32 * j;
            for (int l = 0; l < 32; l++) {
                int qh = b[16 + l];
                y[out + l] = d1 * ((b[ql + l] & 0x0F) + ((qh & u1) != 0 ? 16 : 0)) - m1;
                y[out + 32 + l] = d2 * (((b[ql + l] & 0xFF) >>> 4) + ((qh & u2) != 0 ? 16 : 0)) - m2;
            }
            out += 64;
            u1 <<= 2;
            u2 <<= 2;
        }
    }

    /**
     * Q6_K (210 B): ql[128] @0 (low 4 bits), qh[64] @128 (high 2 bits), scales[16] int8 @192, d @208.
     * Per 128 elements, four runs of 32 share ql/qh bytes at different nibbles and bit pairs.
     */
    static void q6_K(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 208);
        int out = at;
        for (int n = 0; n < 2; n++) {
            int ql = 64 * n;
            int qh = 128 + 32 * n;
            int sc = 192 + 8 * n;
            for (int l = 0; l < 32; l++) {
                int is = l / 16;
                int h = b[qh + l] & 0xFF;
                int q1 = ((b[ql + l] & 0x0F) | ((h & 3) << 4)) - 32;
                int q2 = ((b[ql + l + 32] & 0x0F) | (((h >>> 2) & 3) << 4)) - 32;
                int q3 = (((b[ql + l] & 0xFF) >>> 4) | (((h >>> 4) & 3) << 4)) - 32;
                int q4 = (((b[ql + l + 32] & 0xFF) >>> 4) | (((h >>> 6) & 3) << 4)) - 32;
                y[out + l] = d * b[sc + is] * q1;
                y[out + l + 32] = d * b[sc + is + 2] * q2;
                y[out + l + 64] = d * b[sc + is + 4] * q3;
                y[out + l + 96] = d * b[sc + is + 6] * q4;
            }
            out += 128;
        }
    }

    /** Q8_K (292 B): d float32 @0, qs[256] int8 @4, bsums[16] int16 @260 (not needed to dequantise). */
    static void q8_K(byte[] b, float[] y, int at) {
        float d = Float.intBitsToFloat(LegacyQuants.u32(b, 0));
        for (int j = 0; j < 256; j++) {
            y[at + j] = d * b[4 + j];
        }
    }
}
