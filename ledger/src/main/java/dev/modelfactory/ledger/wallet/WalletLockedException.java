package dev.modelfactory.ledger.wallet;

/** The account is locked (never unlocked, locked by the user, or auto-locked after idle time). */
public final class WalletLockedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WalletLockedException(String message) {
        super(message);
    }
}
