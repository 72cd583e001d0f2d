package dev.modelfactory.studio.wallet;

import dev.modelfactory.ledger.wallet.Account;
import dev.modelfactory.ledger.wallet.Mnemonic;
import dev.modelfactory.ledger.wallet.Signer;
import dev.modelfactory.ledger.wallet.WrongPasswordException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What the Wallet page and the signing dialog need from the workspace's wallet (the app adapts the
 * ledger's {@code WalletService}). Methods that take a password run scrypt and take seconds: callers run
 * them off the FX thread. Passwords and keys passed in are wiped by the callee or the caller's
 * {@code finally}; none is kept.
 */
public interface WalletAccess {

    /** The accounts, oldest first. */
    List<Account> accounts();

    /** Whether the workspace already holds a mnemonic (then "create" is replaced by "add account"). */
    boolean hasMnemonic();

    /** A fresh mnemonic of 12 or 24 words, not stored until {@link #addMnemonic}. */
    Mnemonic newMnemonic(int words);

    /** Stores the mnemonic (encrypted) and its first account. */
    Account addMnemonic(Mnemonic mnemonic, String accountName, char[] password);

    /** Derives the next account from the stored mnemonic. */
    Account deriveNext(String name, char[] password) throws WrongPasswordException;

    /** Imports a raw 32-byte private key (the array is wiped). */
    Account importPrivateKey(byte[] key, String name, char[] password);

    /** Imports a keystore v3 JSON text opened with {@code keystorePassword}. */
    Account importKeystore(String json, char[] keystorePassword, String name, char[] password)
            throws WrongPasswordException;

    /** Writes the account's keystore v3 JSON (encrypted as stored) to {@code file}, atomically. */
    void exportKeystore(String address, Path file) throws IOException;

    void unlock(String address, char[] password) throws WrongPasswordException;

    boolean isUnlocked(String address);

    void lock(String address);

    void lockAll();

    /** Locks the accounts left idle too long; returns how many were locked. */
    int expireIdle();

    /** User activity: the unlocked accounts count as used now. */
    void touch();

    /** The account's signer (refuses while the account is locked). */
    Signer signer(String address);

    /** The account's balance, or why there is none to show (no RPC set, endpoint down). */
    BalanceInfo balance(String address);

    /** The RPC endpoint kept in the workspace's settings, if one was set. */
    java.util.Optional<Network> network();

    /** Keeps {@code network} in the workspace's settings (the URL is checked, nothing is contacted). */
    void setNetwork(Network network);
}
