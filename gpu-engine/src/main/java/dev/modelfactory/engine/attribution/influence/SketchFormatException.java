package dev.modelfactory.engine.attribution.influence;

/** A sketch file or manifest that is missing, truncated, corrupt or of another format; the message names the file. */
public final class SketchFormatException extends RuntimeException {

    public SketchFormatException(String message) {
        super(message);
    }

    public SketchFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
