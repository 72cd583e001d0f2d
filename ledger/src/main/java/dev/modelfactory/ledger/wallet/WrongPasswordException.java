package dev.modelfactory.ledger.wallet;

/**
 * The password does not open an encrypted key (the keystore's MAC did not match). Nothing is locked out:
 * the user may simply try again.
 */
public final class WrongPasswordException extends Exception {
    private static final long serialVersionUID = 1L;

    public WrongPasswordException(String message) {
        super(message);
    }
}
