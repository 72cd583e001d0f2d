package dev.modelfactory.app.attribution;

/** A span index that cannot be used or built (a bad reference, a corrupt file); the message says which. */
public final class SpanIndexException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SpanIndexException(String message) {
        super(message);
    }

    public SpanIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
