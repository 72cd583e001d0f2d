package dev.modelfactory.engine.format.hf;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hugging Face Llama-family tensor names to llama.cpp GGUF names, e.g.
 * {@code model.layers.3.self_attn.q_proj.weight -> blk.3.attn_q.weight}. Shapes need no change: both
 * store linear weights as {@code [out, in]}.
 */
public final class HfNames {

    private static final Pattern LAYER = Pattern.compile("model\\.layers\\.(\\d{1,6})\\.(.+)");

    private HfNames() {
    }

    /** The canonical name, or empty for tensors the model does not use (e.g. rotary_emb.inv_freq). */
    public static Optional<String> toCanonical(String hf) {
        switch (hf) {
            case "model.embed_tokens.weight":
                return Optional.of("token_embd.weight");
            case "model.norm.weight":
                return Optional.of("output_norm.weight");
            case "lm_head.weight":
                return Optional.of("output.weight");
            default:
                break;
        }
        Matcher m = LAYER.matcher(hf);
        if (!m.matches()) {
            return Optional.empty();
        }
        String suffix = switch (m.group(2)) {
            case "input_layernorm.weight" -> "attn_norm.weight";
            case "post_attention_layernorm.weight" -> "ffn_norm.weight";
            case "self_attn.q_proj.weight" -> "attn_q.weight";
            case "self_attn.k_proj.weight" -> "attn_k.weight";
            case "self_attn.v_proj.weight" -> "attn_v.weight";
            case "self_attn.o_proj.weight" -> "attn_output.weight";
            case "self_attn.q_proj.bias" -> "attn_q.bias";
            case "self_attn.k_proj.bias" -> "attn_k.bias";
            case "self_attn.v_proj.bias" -> "attn_v.bias";
            case "self_attn.o_proj.bias" -> "attn_output.bias";
            case "mlp.gate_proj.weight" -> "ffn_gate.weight";
            case "mlp.up_proj.weight" -> "ffn_up.weight";
            case "mlp.down_proj.weight" -> "ffn_down.weight";
            default -> null;
        };
        return suffix == null ? Optional.empty() : Optional.of("blk." + Integer.parseInt(m.group(1)) + "." + suffix);
    }
}
