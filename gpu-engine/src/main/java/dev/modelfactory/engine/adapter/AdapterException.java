package dev.modelfactory.engine.adapter;

/** An adapter that cannot be read, or does not fit its base model; the message names the file and key. */
public class AdapterException extends RuntimeException {

    public AdapterException(String message) {
        super(message);
    }

    public AdapterException(String message, Throwable cause) {
        super(message, cause);
    }
}
