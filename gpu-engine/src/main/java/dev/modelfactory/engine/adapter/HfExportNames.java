package dev.modelfactory.engine.adapter;

import dev.modelfactory.engine.model.LlamaConfig;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Canonical (GGUF) tensor names back to Hugging Face Llama names: the inverse of format.hf.HfNames. */
final class HfExportNames {

    private static final Pattern BLOCK = Pattern.compile("blk\\.(\\d{1,6})\\.(.+)");

    private HfExportNames() {
    }

    static String toHf(String canonical) {
        switch (canonical) {
            case "token_embd.weight":
                return "model.embed_tokens.weight";
            case "output_norm.weight":
                return "model.norm.weight";
            case "output.weight":
                return "lm_head.weight";
            default:
                break;
        }
        Matcher m = BLOCK.matcher(canonical);
        if (m.matches()) {
            String suffix = switch (m.group(2)) {
                case "attn_norm.weight" -> "input_layernorm.weight";
                case "ffn_norm.weight" -> "post_attention_layernorm.weight";
                case "attn_q.weight" -> "self_attn.q_proj.weight";
                case "attn_k.weight" -> "self_attn.k_proj.weight";
                case "attn_v.weight" -> "self_attn.v_proj.weight";
                case "attn_output.weight" -> "self_attn.o_proj.weight";
                case "attn_q.bias" -> "self_attn.q_proj.bias";
                case "attn_k.bias" -> "self_attn.k_proj.bias";
                case "attn_v.bias" -> "self_attn.v_proj.bias";
                case "ffn_gate.weight" -> "mlp.gate_proj.weight";
                case "ffn_up.weight" -> "mlp.up_proj.weight";
                case "ffn_down.weight" -> "mlp.down_proj.weight";
                default -> null;
            };
            if (suffix != null) {
                return "model.layers." + m.group(1) + "." + suffix;
            }
        }
        throw new IllegalArgumentException(canonical + ": no Hugging Face name for this tensor");
    }

    /** Heads whose rows RoPE pairs, for q/k weights and biases; null for other tensors. */
    static Integer qkHeads(String canonical, LlamaConfig c) {
        if (canonical.endsWith(".attn_q.weight") || canonical.endsWith(".attn_q.bias")) {
            return c.heads();
        }
        if (canonical.endsWith(".attn_k.weight") || canonical.endsWith(".attn_k.bias")) {
            return c.kvHeads();
        }
        return null;
    }
}
