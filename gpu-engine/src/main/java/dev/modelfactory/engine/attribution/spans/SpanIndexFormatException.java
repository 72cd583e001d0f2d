package dev.modelfactory.engine.attribution.spans;

import java.nio.file.Path;

/** A span index file that is not one, is truncated or corrupt; the message names the file and what is wrong. */
public final class SpanIndexFormatException extends RuntimeException {

    private final transient Path file;

    public SpanIndexFormatException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
