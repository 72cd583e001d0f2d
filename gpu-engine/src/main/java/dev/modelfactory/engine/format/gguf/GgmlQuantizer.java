package dev.modelfactory.engine.format.gguf;

/**
 * float32 to ggml block formats, so the engine can write quantised test and benchmark models that llama.cpp
 * reads back identically: Q8_0 and Q4_0 follow ggml's reference {@code quantize_row_*_ref}; Q4_K and Q6_K use
 * simpler scale choices than llama.cpp's (documented per method), in the same block layouts.
 */
public final class GgmlQuantizer {

    private GgmlQuantizer() {
    }

    /** Q8_0: per 32 values, d = max|x| / 127 (fp16), q = round(x / d). */
    public static byte[] quantizeQ8_0(float[] x) {
        checkBlocks(x, 32);
        byte[] out = new byte[x.length / 32 * 34];
        for (int b = 0; b < x.length / 32; b++) {
            float amax = 0;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[b * 32 + j]));
            }
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            putHalf(out, b * 34, d);
            for (int j = 0; j < 32; j++) {
                out[b * 34 + 2 + j] = (byte) Math.round(x[b * 32 + j] * id);
            }
        }
        return out;
    }

    /**
     * Q4_0: per 32 values the one of largest magnitude (sign kept) maps to -8: d = max / -8,
     * q = min(15, (int) (x / d + 8.5)).
     */
    public static byte[] quantizeQ4_0(float[] x) {
        checkBlocks(x, 32);
        byte[] out = new byte[x.length / 32 * 18];
        for (int b = 0; b < x.length / 32; b++) {
            float amax = 0;
            float max = 0;
            for (int j = 0; j < 32; j++) {
                float v = x[b * 32 + j];
                if (Math.abs(v) > amax) {
                    amax = Math.abs(v);
                    max = v;
                }
            }
            float d = max / -8f;
            float id = d != 0 ? 1f / d : 0f;
            putHalf(out, b * 18, d);
            for (int j = 0; j < 16; j++) {
                int q0 = Math.min(15, (int) (x[b * 32 + j] * id + 8.5f));
                int q1 = Math.min(15, (int) (x[b * 32 + j + 16] * id + 8.5f));
                out[b * 18 + 2 + j] = (byte) (q0 | q1 << 4);
            }
        }
        return out;
    }

    /**
     * Q4_K with plain min/max scales (not llama.cpp's iterative search for the best scale and min, so its
     * error is somewhat larger, but the blocks are valid Q4_K that any reader decodes identically). Per
     * sub-block of 32: min m = min(0, min x), scale = (max x - m) / 15; the eight scales and eight mins are
     * themselves quantised to 6 bits against d = max scale / 63 and dmin = max(-m) / 63 (fp16), then
     * q = round((x - m') / scale') in 0..15 with the stored (rounded) scale' and min'.
     */
    public static byte[] quantizeQ4_K(float[] x) {
        checkBlocks(x, 256);
        byte[] out = new byte[x.length / 256 * 144];
        for (int b = 0; b < x.length / 256; b++) {
            int xo = b * 256;
            int o = b * 144;
            float[] scale = new float[8];
            float[] min = new float[8];
            float maxScale = 0;
            float maxMin = 0;
            for (int s = 0; s < 8; s++) {
                float lo = 0;
                float hi = -Float.MAX_VALUE;
                for (int j = 0; j < 32; j++) {
                    lo = Math.min(lo, x[xo + 32 * s + j]);
                    hi = Math.max(hi, x[xo + 32 * s + j]);
                }
                scale[s] = (hi - lo) / 15f;
                min[s] = -lo;
                maxScale = Math.max(maxScale, scale[s]);
                maxMin = Math.max(maxMin, min[s]);
            }
            float d = Float.float16ToFloat(Float.floatToFloat16(maxScale / 63f));
            float dmin = Float.float16ToFloat(Float.floatToFloat16(maxMin / 63f));
            putHalf(out, o, d);
            putHalf(out, o + 2, dmin);
            int[] sc = new int[8];
            int[] mn = new int[8];
            for (int s = 0; s < 8; s++) {
                sc[s] = d > 0 ? Math.min(63, Math.round(scale[s] / d)) : 0;
                mn[s] = dmin > 0 ? Math.min(63, Math.round(min[s] / dmin)) : 0;
            }
            for (int j = 0; j < 4; j++) {
                out[o + 4 + j] = (byte) (sc[j] | (sc[j + 4] >>> 4) << 6);
                out[o + 8 + j] = (byte) (mn[j] | (mn[j + 4] >>> 4) << 6);
                out[o + 12 + j] = (byte) ((sc[j + 4] & 0x0F) | (mn[j + 4] & 0x0F) << 4);
            }
            int[] q = new int[256];
            for (int s = 0; s < 8; s++) {
                float ds = d * sc[s];
                float ms = dmin * mn[s];
                for (int j = 0; j < 32; j++) {
                    int v = ds > 0 ? Math.round((x[xo + 32 * s + j] + ms) / ds) : 0;
                    q[32 * s + j] = Math.clamp(v, 0, 15);
                }
            }
            for (int g = 0; g < 4; g++) {
                for (int l = 0; l < 32; l++) {
                    out[o + 16 + 32 * g + l] = (byte) (q[64 * g + l] | q[64 * g + 32 + l] << 4);
                }
            }
        }
        return out;
    }

    /**
     * Q6_K with plain max-abs scales (not llama.cpp's search; valid Q6_K all the same). Per sub-block of 16:
     * scale = max|x| / 31; the sixteen scales are quantised to int8 against d = max scale / 127 (fp16), then
     * q = round(x / scale') in -32..31 with the stored scale', kept as q + 32 in 4 + 2 bits.
     */
    public static byte[] quantizeQ6_K(float[] x) {
        checkBlocks(x, 256);
        byte[] out = new byte[x.length / 256 * 210];
        for (int b = 0; b < x.length / 256; b++) {
            int xo = b * 256;
            int o = b * 210;
            float[] scale = new float[16];
            float maxScale = 0;
            for (int s = 0; s < 16; s++) {
                float amax = 0;
                for (int j = 0; j < 16; j++) {
                    amax = Math.max(amax, Math.abs(x[xo + 16 * s + j]));
                }
                scale[s] = amax / 31f;
                maxScale = Math.max(maxScale, scale[s]);
            }
            float d = Float.float16ToFloat(Float.floatToFloat16(maxScale / 127f));
            putHalf(out, o + 208, d);
            int[] q = new int[256];
            for (int s = 0; s < 16; s++) {
                int sc = d > 0 ? Math.min(127, Math.round(scale[s] / d)) : 0;
                out[o + 192 + s] = (byte) sc;
                float ds = d * sc;
                for (int j = 0; j < 16; j++) {
                    int v = ds > 0 ? Math.round(x[xo + 16 * s + j] / ds) : 0;
                    q[16 * s + j] = Math.clamp(v, -32, 31) + 32;
                }
            }
            for (int n = 0; n < 2; n++) {
                for (int l = 0; l < 32; l++) {
                    int q1 = q[128 * n + l];
                    int q2 = q[128 * n + l + 32];
                    int q3 = q[128 * n + l + 64];
                    int q4 = q[128 * n + l + 96];
                    out[o + 64 * n + l] = (byte) ((q1 & 0x0F) | (q3 & 0x0F) << 4);
                    out[o + 64 * n + l + 32] = (byte) ((q2 & 0x0F) | (q4 & 0x0F) << 4);
                    out[o + 128 + 32 * n + l] = (byte) ((q1 >>> 4) | (q2 >>> 4) << 2 | (q3 >>> 4) << 4 | (q4 >>> 4) << 6);
                }
            }
        }
        return out;
    }

    private static void checkBlocks(float[] x, int block) {
        if (x.length % block != 0) {
            throw new IllegalArgumentException(x.length + " values is not a whole number of " + block + "-blocks");
        }
    }

    private static void putHalf(byte[] out, int at, float v) {
        short h = Float.floatToFloat16(v);
        out[at] = (byte) h;
        out[at + 1] = (byte) (h >> 8);
    }
}
