package dev.modelfactory.engine.format;

/**
 * A model file (GGUF, safetensors, config.json, tokenizer data) is malformed or unsupported. The message
 * always names the file and the field or byte offset at fault, so a user can tell which file to replace.
 *
 * <p>Unchecked: weight access goes through {@link WeightSource} from deep inside model code, and a bad file
 * is a user-input error surfaced once at the top, not something each caller can recover from.
 */
public class ModelFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    /** "{source}: {what} (at byte offset {offset})". */
    public static ModelFormatException at(String source, long offset, String what) {
        return new ModelFormatException(source + ": " + what + " (at byte offset " + offset + ")");
    }

    /** "{source}: {field}: {what}". */
    public static ModelFormatException field(String source, String field, String what) {
        return new ModelFormatException(source + ": " + field + ": " + what);
    }
}
