package dev.modelfactory.ledger.attribution;

/** EIP-712 typed data that is malformed or not allowed here; the message names the field. */
public final class TypedDataException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public TypedDataException(String message) {
        super(message);
    }

    public TypedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
