package dev.modelfactory.engine.format.gguf;

import dev.modelfactory.engine.format.ModelFormatException;
import dev.modelfactory.engine.format.ModelSpec;
import dev.modelfactory.engine.format.RopeScaling;
import dev.modelfactory.engine.format.RopeStyle;
import java.util.Optional;
import java.util.Set;

/**
 * GGUF metadata ({@code general.architecture} and the {@code {arch}.*} keys llama.cpp writes) to a
 * {@link ModelSpec}. Missing optional keys take llama.cpp's defaults (rope base 10000, RMS eps 1e-5,
 * kv heads = heads); required ones are refused by name.
 */
public final class GgufModelSpecs {

    /** Architectures llama.cpp runs with NEOX (rotate-half) RoPE; everything else in our family is NORMAL. */
    private static final Set<String> NEOX = Set.of("qwen", "qwen2", "qwen2moe", "qwen3", "qwen3moe", "phi2", "phi3",
            "gemma", "gemma2", "gemma3", "stablelm", "gptneox", "falcon", "starcoder2", "olmo2");

    private GgufModelSpecs() {
    }

    public static ModelSpec from(GgufFile f) {
        String arch = f.getString("general.architecture").orElseThrow(
                () -> ModelFormatException.field(f.source(), "general.architecture", "missing"));
        String p = arch + ".";
        int dim = f.requireInt(p + "embedding_length");
        int layers = f.requireInt(p + "block_count");
        int heads = f.requireInt(p + "attention.head_count");
        int kvHeads = f.getLong(p + "attention.head_count_kv").isPresent()
                ? f.requireInt(p + "attention.head_count_kv") : heads;
        int ffn = f.requireInt(p + "feed_forward_length");
        int context = f.getLong(p + "context_length").isPresent() ? f.requireInt(p + "context_length") : 2048;
        int headDim = f.getLong(p + "attention.key_length").isPresent()
                ? f.requireInt(p + "attention.key_length") : (heads > 0 ? dim / heads : 0);
        double theta = f.getDouble(p + "rope.freq_base").orElse(10000.0);
        double eps = f.getDouble(p + "attention.layer_norm_rms_epsilon").orElse(1e-5);
        int vocab = vocabSize(f, p);
        boolean tied = !f.contains("output.weight");
        boolean qkvBias = f.contains("blk.0.attn_q.bias");
        RopeStyle style = NEOX.contains(arch) ? RopeStyle.NEOX : RopeStyle.NORMAL;
        try {
            return new ModelSpec(arch, vocab, dim, layers, heads, kvHeads, headDim, ffn, context, theta, eps, style,
                    ropeScaling(f, p), tied, qkvBias);
        } catch (IllegalArgumentException e) {
            throw ModelFormatException.field(f.source(), arch + ".*", e.getMessage());
        }
    }

    private static int vocabSize(GgufFile f, String p) {
        if (f.getLong(p + "vocab_size").isPresent()) {
            return f.requireInt(p + "vocab_size");
        }
        Optional<GgufArray> tokens = f.getArray("tokenizer.ggml.tokens");
        if (tokens.isPresent()) {
            return tokens.get().length();
        }
        return f.findTensor("token_embd.weight").map(t -> (int) Math.min(Integer.MAX_VALUE, t.shape()[0]))
                .orElseThrow(() -> ModelFormatException.field(f.source(), p + "vocab_size",
                        "missing, and no tokenizer.ggml.tokens or token_embd.weight to infer it from"));
    }

    /**
     * {@code {arch}.rope.scaling.*} keys; a llama3-style model converted by llama.cpp carries its
     * frequency factors as a {@code rope_freqs.weight} tensor instead, reported as type "llama3" with NaN
     * factors (the tensor is the truth).
     */
    private static Optional<RopeScaling> ropeScaling(GgufFile f, String p) {
        String type = f.getString(p + "rope.scaling.type").orElse(null);
        double factor = f.getDouble(p + "rope.scaling.factor").orElse(1.0);
        int original = f.getLong(p + "rope.scaling.original_context_length").isPresent()
                ? f.requireInt(p + "rope.scaling.original_context_length") : 0;
        if (type != null && !type.equals("none")) {
            return Optional.of(new RopeScaling(type, factor, Double.NaN, Double.NaN, original));
        }
        if (f.contains("rope_freqs.weight")) {
            return Optional.of(new RopeScaling("llama3", factor, Double.NaN, Double.NaN, original));
        }
        return Optional.empty();
    }
}
