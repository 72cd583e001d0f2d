package dev.modelfactory.engine.adapter;

/**
 * Row order of q/k projections between Hugging Face (rotate-half RoPE) and GGUF (interleaved RoPE), as
 * llama.cpp's converter permutes them: within each head of D rows, HF row {@code p·D/2 + i} is GGUF row
 * {@code 2i + p}. PEFT adapters are always in HF order; a base loaded from GGUF is in GGUF order, so LoRA B
 * (whose rows are the projection's outputs) is permuted the same way when merging into it.
 */
final class RopeRows {

    private RopeRows() {
    }

    static float[] toInterleaved(float[] w, int rows, int cols, int heads) {
        return permute(w, rows, cols, heads, true);
    }

    static float[] toRotateHalf(float[] w, int rows, int cols, int heads) {
        return permute(w, rows, cols, heads, false);
    }

    private static float[] permute(float[] w, int rows, int cols, int heads, boolean interleave) {
        int d = rows / heads;
        float[] out = new float[w.length];
        for (int h = 0; h < heads; h++) {
            for (int p = 0; p < 2; p++) {
                for (int i = 0; i < d / 2; i++) {
                    int half = (h * d + p * d / 2 + i) * cols;
                    int inter = (h * d + 2 * i + p) * cols;
                    if (interleave) {
                        System.arraycopy(w, half, out, inter, cols);
                    } else {
                        System.arraycopy(w, inter, out, half, cols);
                    }
                }
            }
        }
        return out;
    }
}
