package dev.modelfactory.ledger.log;

/** A bundle that is malformed or does not verify; the message names the entry (by seq) or field. */
public final class BundleException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public BundleException(String message) {
        super(message);
    }
}
