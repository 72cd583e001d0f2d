package dev.modelfactory.engine.format;

/**
 * How rotary position embedding pairs up the dimensions of a query/key head.
 *
 * <p>Hugging Face checkpoints rotate halves ({@code x[i]} with {@code x[i + d/2]}); llama.cpp's converter
 * permutes the q/k rows of {@code llama}-architecture GGUF files so that adjacent pairs
 * ({@code x[2i]}, {@code x[2i+1]}) rotate instead. We record the style and never permute weights.
 */
public enum RopeStyle {
    /** Interleaved adjacent pairs: GGUF {@code llama} (and Mistral stored as llama). llama.cpp "NORM". */
    NORMAL,
    /** Rotate-half: Hugging Face folders, GGUF {@code qwen2} and other NEOX-style architectures. */
    NEOX
}
