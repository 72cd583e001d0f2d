package dev.modelfactory.app.handoff;

import dev.modelfactory.app.training.TrainingInputException;
import java.util.Locale;

/** Multi-LoRA servers an adapter set can be exported for. */
public enum ServingFormat {
    /** vLLM: {@code vllm serve BASE --enable-lora --lora-modules name=path ...}. */
    VLLM,
    /** LoRAX: the base with {@code --model-id}, adapters loaded per request from a local source. */
    LORAX;

    public static ServingFormat parse(String text) {
        String t = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (ServingFormat f : values()) {
            if (f.name().equals(t)) {
                return f;
            }
        }
        throw new TrainingInputException("format: '" + text + "' is not a server; expected vllm or lorax");
    }
}
