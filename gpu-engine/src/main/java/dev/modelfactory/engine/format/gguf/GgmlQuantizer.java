package dev.modelfactory.engine.format.gguf;

/**
 * float32 to the simple ggml block formats, following ggml's reference {@code quantize_row_*_ref}, so the
 * engine can write quantised test and benchmark models that llama.cpp reads back identically.
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
