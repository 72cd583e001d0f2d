package dev.modelfactory.engine.train;

import java.util.Locale;

/**
 * A projection of a Llama block that can carry a LoRA adapter, with its Hugging Face module path (the part
 * of a PEFT key after {@code layers.N.}) and its short name as PEFT's {@code target_modules} lists it.
 */
public enum LoraTarget {
    Q("self_attn.q_proj"),
    K("self_attn.k_proj"),
    V("self_attn.v_proj"),
    O("self_attn.o_proj"),
    GATE("mlp.gate_proj"),
    UP("mlp.up_proj"),
    DOWN("mlp.down_proj");

    private final String modulePath;

    LoraTarget(String modulePath) {
        this.modulePath = modulePath;
    }

    /** {@code self_attn.q_proj}, {@code mlp.down_proj}, ... */
    public String modulePath() {
        return modulePath;
    }

    /** {@code q_proj}, {@code down_proj}, ...: the name in {@code adapter_config.json}'s target_modules. */
    public String peftName() {
        return modulePath.substring(modulePath.indexOf('.') + 1);
    }

    /** PEFT's key of this target's A or B matrix in layer {@code layer}. */
    public String peftKey(int layer, boolean a) {
        return "base_model.model.model.layers." + layer + "." + modulePath + (a ? ".lora_A.weight" : ".lora_B.weight");
    }

    /** Parses {@code q}, {@code q_proj}, {@code Q}, {@code gate_proj} ... */
    public static LoraTarget parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (LoraTarget target : values()) {
            if (t.equals(target.peftName()) || t.equals(target.name().toLowerCase(Locale.ROOT))) {
                return target;
            }
        }
        throw new IllegalArgumentException("unknown LoRA target '" + text
                + "' (expected one of q, k, v, o, gate, up, down or their *_proj names)");
    }
}
