package dev.modelfactory.studio.models;

/** Where a model was found, or the kind of a searched folder. */
public enum ModelSource {
    /** Ollama's model store (blobs named by digest, manifests naming them). */
    OLLAMA("Ollama"),
    /** The Hugging Face hub cache ({@code ~/.cache/huggingface/hub}). */
    HUGGING_FACE_CACHE("Hugging Face cache"),
    /** LM Studio's models folder. */
    LM_STUDIO("LM Studio"),
    /** A folder the user added. */
    USER("Your folder"),
    /** Copied into the workspace by an import; never a searched folder. */
    WORKSPACE("Workspace");

    private final String label;

    ModelSource(String label) {
        this.label = label;
    }

    /** How the studio names the source. */
    public String label() {
        return label;
    }
}
