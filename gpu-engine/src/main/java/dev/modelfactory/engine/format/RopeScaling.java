package dev.modelfactory.engine.format;

/**
 * RoPE frequency scaling, as Hugging Face {@code rope_scaling} or GGUF {@code {arch}.rope.scaling.*} state it.
 *
 * @param type                  "llama3", "linear", "yarn", "dynamic"... lower case, as in the file
 * @param factor                overall scale factor (1 when absent)
 * @param lowFreqFactor         llama3 only (NaN when absent)
 * @param highFreqFactor        llama3 only (NaN when absent)
 * @param originalContextLength the pre-training context length ({@code 0} when absent)
 */
public record RopeScaling(String type, double factor, double lowFreqFactor, double highFreqFactor,
                          int originalContextLength) {

    public RopeScaling {
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("rope scaling type is required");
        }
    }
}
