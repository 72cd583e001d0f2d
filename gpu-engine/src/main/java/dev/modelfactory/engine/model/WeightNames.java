package dev.modelfactory.engine.model;

/**
 * Canonical tensor names: llama.cpp's GGUF names. Every matrix is [out_features, in_features] row-major
 * (like PyTorch {@code nn.Linear.weight}); the embedding is [V, C]; norms and biases are one row.
 */
public final class WeightNames {

    public static final String TOKEN_EMBD = "token_embd.weight";
    public static final String OUTPUT_NORM = "output_norm.weight";
    /** Absent when the output is tied to the embedding. */
    public static final String OUTPUT = "output.weight";
    /**
     * Llama 3 RoPE scaling as llama.cpp stores it: [D/2] F32 divisors of the inverse frequencies. Read into
     * {@link LlamaConfig#ropeFrequencyFactors()}, never loaded as a weight.
     */
    public static final String ROPE_FREQS = "rope_freqs.weight";

    private WeightNames() {
    }

    public static String attnNorm(int layer) {
        return block(layer, "attn_norm.weight");
    }

    public static String attnQ(int layer) {
        return block(layer, "attn_q.weight");
    }

    public static String attnK(int layer) {
        return block(layer, "attn_k.weight");
    }

    public static String attnV(int layer) {
        return block(layer, "attn_v.weight");
    }

    public static String attnOutput(int layer) {
        return block(layer, "attn_output.weight");
    }

    public static String attnQBias(int layer) {
        return block(layer, "attn_q.bias");
    }

    public static String attnKBias(int layer) {
        return block(layer, "attn_k.bias");
    }

    public static String attnVBias(int layer) {
        return block(layer, "attn_v.bias");
    }

    public static String ffnNorm(int layer) {
        return block(layer, "ffn_norm.weight");
    }

    public static String ffnGate(int layer) {
        return block(layer, "ffn_gate.weight");
    }

    public static String ffnUp(int layer) {
        return block(layer, "ffn_up.weight");
    }

    public static String ffnDown(int layer) {
        return block(layer, "ffn_down.weight");
    }

    private static String block(int layer, String suffix) {
        return "blk." + layer + "." + suffix;
    }
}
