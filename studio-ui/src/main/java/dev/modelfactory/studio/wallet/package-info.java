/**
 * The Wallet page (accounts with identicons and copyable EIP-55 addresses, lock state, auto-lock after
 * idle, create / import / derive / export, balance when an RPC is set) and the signing dialog every page
 * uses to sign a record: nothing is signed without the user seeing the decoded record and pressing Sign.
 *
 * <p>The app implements {@link dev.modelfactory.studio.wallet.WalletAccess} over the ledger's
 * {@code WalletService}; every call that runs scrypt (unlock, create, import, derive) runs as a background
 * task, never on the FX thread. Passwords travel as {@code char[]} and are wiped once used.
 */
package dev.modelfactory.studio.wallet;
