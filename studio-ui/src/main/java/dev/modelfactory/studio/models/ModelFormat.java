package dev.modelfactory.studio.models;

/** How a model is stored on disk. */
public enum ModelFormat {
    /** One {@code .gguf} file. */
    GGUF("GGUF"),
    /** A Hugging Face folder: {@code config.json}, tokenizer files and {@code .safetensors} weights. */
    HUGGING_FACE("Hugging Face folder");

    private final String label;

    ModelFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
