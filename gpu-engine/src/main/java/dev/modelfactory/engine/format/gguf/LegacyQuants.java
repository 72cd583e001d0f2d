package dev.modelfactory.engine.format.gguf;

/**
 * ggml's 32-element block formats. Each block is {@code d} (fp16 scale), sometimes {@code m} (fp16
 * offset), then quants. 4-bit quants pack element {@code j} in the low nibble and element {@code j + 16}
 * in the high nibble of byte {@code j}; the 5-bit variants keep the fifth bits in a u32 {@code qh}, bit
 * {@code j} for element {@code j}.
 */
final class LegacyQuants {

    private LegacyQuants() {
    }

    /** Q4_0 (18 B): d, qs[16]; x = (q - 8) * d. */
    static void q4_0(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        for (int j = 0; j < 16; j++) {
            int q = b[2 + j] & 0xFF;
            y[at + j] = ((q & 0x0F) - 8) * d;
            y[at + j + 16] = ((q >>> 4) - 8) * d;
        }
    }

    /** Q4_1 (20 B): d, m, qs[16]; x = q * d + m. */
    static void q4_1(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        float m = GgmlDequantizer.half(b, 2);
        for (int j = 0; j < 16; j++) {
            int q = b[4 + j] & 0xFF;
            y[at + j] = (q & 0x0F) * d + m;
            y[at + j + 16] = (q >>> 4) * d + m;
        }
    }

    /** Q5_0 (22 B): d, qh (u32), qs[16]; x = (q5 - 16) * d. */
    static void q5_0(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        int qh = u32(b, 2);
        for (int j = 0; j < 16; j++) {
            int q = b[6 + j] & 0xFF;
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            y[at + j] = (((q & 0x0F) | h0) - 16) * d;
            y[at + j + 16] = (((q >>> 4) | h1) - 16) * d;
        }
    }

    /** Q5_1 (24 B): d, m, qh (u32), qs[16]; x = q5 * d + m. */
    static void q5_1(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        float m = GgmlDequantizer.half(b, 2);
        int qh = u32(b, 4);
        for (int j = 0; j < 16; j++) {
            int q = b[8 + j] & 0xFF;
            int h0 = ((qh >>> j) << 4) & 0x10;
            int h1 = (qh >>> (j + 12)) & 0x10;
            y[at + j] = ((q & 0x0F) | h0) * d + m;
            y[at + j + 16] = ((q >>> 4) | h1) * d + m;
        }
    }

    /** Q8_0 (34 B): d, qs[32] signed; x = q * d. */
    static void q8_0(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        for (int j = 0; j < 32; j++) {
            y[at + j] = b[2 + j] * d;
        }
    }

    /** Q8_1 (36 B): d, s (sum, unused here), qs[32] signed; x = q * d. */
    static void q8_1(byte[] b, float[] y, int at) {
        float d = GgmlDequantizer.half(b, 0);
        for (int j = 0; j < 32; j++) {
            y[at + j] = b[4 + j] * d;
        }
    }

    static int u32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
