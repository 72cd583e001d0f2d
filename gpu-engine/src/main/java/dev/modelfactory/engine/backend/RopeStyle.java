package dev.modelfactory.engine.backend;

/**
 * Which pairs of a head's channels RoPE rotates together (D = head dim, i in [0, D/2)).
 */
public enum RopeStyle {
    /**
     * Hugging Face Llama ("rotate_half", llama.cpp NEOX): channel i pairs with channel i + D/2.
     */
    ROTATE_HALF,
    /**
     * GGUF / llama.cpp "normal" (GPT-J): channel 2i pairs with 2i + 1. llama.cpp permutes Llama q/k
     * weights on conversion so this style reproduces the HF model.
     */
    INTERLEAVED
}
