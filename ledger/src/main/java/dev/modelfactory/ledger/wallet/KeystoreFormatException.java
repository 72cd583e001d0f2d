package dev.modelfactory.ledger.wallet;

/** A keystore JSON that is not valid Web3 Secret Storage v3; the message names the field. */
public final class KeystoreFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public KeystoreFormatException(String message) {
        super(message);
    }

    public KeystoreFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
