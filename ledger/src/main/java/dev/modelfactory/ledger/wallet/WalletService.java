package dev.modelfactory.ledger.wallet;

import dev.modelfactory.ledger.store.wallet.StoredAccount;
import dev.modelfactory.ledger.store.wallet.StoredSeed;
import dev.modelfactory.ledger.store.wallet.WalletStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The wallet of a workspace: creating and importing accounts (stored only as keystore v3), unlocking them
 * with a password, and handing out {@link Signer}s.
 *
 * <p>Lock state lives in memory only. An unlocked key is a {@link KeyMaterial}; it is wiped on {@link #lock},
 * {@link #lockAll} and when it has been idle for the configured time. Idle expiry is checked on every call
 * (and by {@link #expireIdle()}, which a UI timer may call): there is no background thread here, and time
 * comes from the injected {@link Clock}. A wrong password only throws {@link WrongPasswordException}; there
 * is no counter and no lock-out.
 *
 * <p>Passwords are {@code char[]} the caller owns and wipes. Thread-safe.
 */
public final class WalletService {

    /** Default idle time after which an unlocked account locks itself. */
    public static final Duration DEFAULT_IDLE_LOCK = Duration.ofMinutes(5);

    private final WalletStore store;
    private final ScryptParams kdf;
    private final Clock clock;
    private final Duration idleLock;
    private final SecureRandom random;
    private final Map<String, Unlocked> unlocked = new HashMap<>();

    private record Unlocked(KeyMaterial key, Instant[] lastUse) {
    }

    private WalletService(Builder b) {
        this.store = b.store;
        this.kdf = b.kdf;
        this.clock = b.clock;
        this.idleLock = b.idleLock;
        this.random = b.random;
    }

    /** A builder with standard scrypt, the system clock and {@link #DEFAULT_IDLE_LOCK}. */
    public static Builder builder(WalletStore store) {
        return new Builder(store);
    }

    // ---- accounts ------------------------------------------------------------------------------

    /** Every account, oldest first. */
    public List<Account> accounts() {
        return store.accounts().stream().map(WalletService::account).toList();
    }

    /**
     * The account with this name or address.
     *
     * @throws IllegalArgumentException if there is none
     */
    public Account account(String nameOrAddress) {
        return account(stored(nameOrAddress));
    }

    /** Whether the workspace has a mnemonic. */
    public boolean hasMnemonic() {
        return store.seed().isPresent();
    }

    /**
     * Stores a new or imported mnemonic (encrypted) and the accounts {@code 0..names.size()-1} derived from it,
     * each encrypted with {@code password}.
     *
     * @throws IllegalArgumentException if the workspace already has a mnemonic or a name is taken
     */
    public List<Account> addMnemonic(Mnemonic mnemonic, List<String> names, char[] password) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("name at least one account");
        }
        byte[] entropy = mnemonic.entropy();
        byte[] seed = mnemonic.seed("");
        try {
            Instant now = clock.instant();
            StoredSeed stored = new StoredSeed(KeystoreV3.encrypt(entropy, password, kdf, random, Optional.empty()),
                    mnemonic.size(), now);
            List<StoredAccount> accounts = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                accounts.add(encrypt(HdDerivation.privateKey(seed, i), checkName(names.get(i)), "mnemonic", i, password));
            }
            store.add(Optional.of(stored), accounts);
            return accounts.stream().map(WalletService::account).toList();
        } finally {
            Secrets.wipe(entropy);
            Secrets.wipe(seed);
        }
    }

    /**
     * Derives the next account from the workspace's mnemonic.
     *
     * @param password opens the stored mnemonic and encrypts the new account
     * @throws WrongPasswordException if it does not open the mnemonic
     */
    public Account deriveNext(String name, char[] password) throws WrongPasswordException {
        StoredSeed seedRow = store.seed().orElseThrow(() -> new IllegalArgumentException(
                "this workspace has no mnemonic: create or import one first"));
        byte[] entropy = KeystoreV3.decrypt(seedRow.keystoreJson(), password, "the wallet's mnemonic");
        byte[] seed = null;
        try {
            seed = Mnemonic.fromEntropy(entropy).seed("");
            int index = store.nextDerivationIndex();
            StoredAccount a = encrypt(HdDerivation.privateKey(seed, index), checkName(name), "mnemonic", index, password);
            store.add(Optional.empty(), List.of(a));
            return account(a);
        } finally {
            Secrets.wipe(entropy);
            Secrets.wipe(seed);
        }
    }

    /** The stored mnemonic, decrypted, to show it again (e.g. for a backup); never logged. */
    public Mnemonic revealMnemonic(char[] password) throws WrongPasswordException {
        StoredSeed seedRow = store.seed().orElseThrow(() -> new IllegalArgumentException("this workspace has no mnemonic"));
        byte[] entropy = KeystoreV3.decrypt(seedRow.keystoreJson(), password, "the wallet's mnemonic");
        try {
            return Mnemonic.fromEntropy(entropy);
        } finally {
            Secrets.wipe(entropy);
        }
    }

    /** Imports a raw 32-byte private key (wiped here) as account {@code name}. */
    public Account importPrivateKey(byte[] privateKey, String name, char[] password) {
        if (privateKey.length != 32) {
            Secrets.wipe(privateKey);
            throw new IllegalArgumentException("a private key has 32 bytes (64 hex digits), got " + privateKey.length);
        }
        StoredAccount a = encrypt(privateKey, checkName(name), "private-key", null, password);
        store.add(Optional.empty(), List.of(a));
        return account(a);
    }

    /**
     * Imports a keystore v3 file (scrypt or pbkdf2), re-encrypted with standard scrypt under {@code password}.
     *
     * @param keystorePassword opens the file
     * @throws WrongPasswordException if {@code keystorePassword} does not open it
     */
    public Account importKeystore(String json, char[] keystorePassword, String name, char[] password)
            throws WrongPasswordException {
        byte[] key = KeystoreV3.decrypt(json, keystorePassword, "the keystore file");
        if (key.length != 32) {
            Secrets.wipe(key);
            throw new KeystoreFormatException("keystore field 'crypto.ciphertext' does not hold a 32-byte private key");
        }
        StoredAccount a = encrypt(key, checkName(name), "keystore", null, password);
        store.add(Optional.empty(), List.of(a));
        return account(a);
    }

    /** The account's keystore v3 JSON as stored (encrypted with standard scrypt, readable by MetaMask and geth). */
    public String exportKeystore(String nameOrAddress) {
        return stored(nameOrAddress).keystoreJson();
    }

    // ---- lock state ----------------------------------------------------------------------------

    /**
     * Decrypts the account's key and keeps it in memory until locked.
     *
     * @throws WrongPasswordException "wrong password for account NAME"; the user may simply try again
     */
    public void unlock(String nameOrAddress, char[] password) throws WrongPasswordException {
        StoredAccount a = stored(nameOrAddress);
        byte[] key = KeystoreV3.decrypt(a.keystoreJson(), password, "account " + a.name());
        KeyMaterial material = new KeyMaterial(key);
        if (!material.address().equals(a.address())) {
            material.wipe();
            throw new KeystoreFormatException("the keystore of account " + a.name() + " holds the key of another address");
        }
        synchronized (this) {
            Unlocked previous = unlocked.put(a.address(), new Unlocked(material, new Instant[] {clock.instant()}));
            if (previous != null) {
                previous.key().wipe();
            }
        }
    }

    /** Whether the account is unlocked now (after expiring idle ones). */
    public synchronized boolean isUnlocked(String nameOrAddress) {
        expireIdle();
        return unlocked.containsKey(stored(nameOrAddress).address());
    }

    /** Locks one account, wiping its key. */
    public synchronized void lock(String nameOrAddress) {
        Unlocked u = unlocked.remove(stored(nameOrAddress).address());
        if (u != null) {
            u.key().wipe();
        }
    }

    /** Locks every account, wiping their keys. */
    public synchronized void lockAll() {
        unlocked.values().forEach(u -> u.key().wipe());
        unlocked.clear();
    }

    /**
     * Counts as use of every unlocked account now (the studio calls it on user activity, so that only a
     * wallet left alone locks itself); accounts already past the idle time are locked first.
     */
    public synchronized void touch() {
        expireIdle();
        Instant now = clock.instant();
        unlocked.values().forEach(u -> u.lastUse()[0] = now);
    }

    /** Locks the accounts idle for the configured time or longer; returns how many. */
    public synchronized int expireIdle() {
        Instant now = clock.instant();
        List<String> expired = new ArrayList<>();
        unlocked.forEach((address, u) -> {
            if (Duration.between(u.lastUse()[0], now).compareTo(idleLock) >= 0) {
                expired.add(address);
            }
        });
        expired.forEach(address -> unlocked.remove(address).key().wipe());
        return expired.size();
    }

    /**
     * A signer for the account. It signs only while the account is unlocked; each signature counts as use
     * for the idle timer.
     */
    public Signer signer(String nameOrAddress) {
        StoredAccount a = stored(nameOrAddress);
        return new Signer() {
            @Override
            public String address() {
                return a.address();
            }

            @Override
            public dev.modelfactory.ledger.attribution.Signature signDigest(byte[] digest) {
                KeyMaterial key;
                synchronized (WalletService.this) {
                    expireIdle();
                    Unlocked u = unlocked.get(a.address());
                    if (u == null) {
                        throw new WalletLockedException("account " + a.name() + " is locked: unlock it with its password");
                    }
                    u.lastUse()[0] = clock.instant();
                    key = u.key();
                }
                return key.signDigest(digest);
            }

            @Override
            public String toString() {
                return "Signer[" + a.name() + ", " + a.address() + "]";
            }
        };
    }

    // ---- helpers -------------------------------------------------------------------------------

    private StoredAccount encrypt(byte[] privateKey, String name, String source, Integer index, char[] password) {
        try {
            String address = Addresses.ofPrivateKey(privateKey);
            String json = KeystoreV3.encrypt(privateKey, password, kdf, random,
                    Optional.of(address.substring(2).toLowerCase(Locale.ROOT)));
            return new StoredAccount(address, name, json, source, index, clock.instant());
        } finally {
            Secrets.wipe(privateKey);
        }
    }

    private StoredAccount stored(String nameOrAddress) {
        Objects.requireNonNull(nameOrAddress, "nameOrAddress");
        return store.find(nameOrAddress.strip()).orElseThrow(() -> new IllegalArgumentException(
                "no wallet account named or with address '" + nameOrAddress + "' (see: wallet list)"));
    }

    private static String checkName(String name) {
        String n = Objects.requireNonNull(name, "name").strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new IllegalArgumentException("an account name has 1..100 characters, got '" + name + "'");
        }
        if (Addresses.looksLikeAddress(n)) {
            throw new IllegalArgumentException("an account name must not look like an address: '" + name + "'");
        }
        return n;
    }

    private static Account account(StoredAccount a) {
        return new Account(a.address(), a.name(), a.source(), Optional.ofNullable(a.derivationIndex()), a.createdAt());
    }

    /** Settings of a {@link WalletService}. */
    public static final class Builder {
        private final WalletStore store;
        private ScryptParams kdf = ScryptParams.STANDARD;
        private Clock clock = Clock.systemUTC();
        private Duration idleLock = DEFAULT_IDLE_LOCK;
        private SecureRandom random = new SecureRandom();

        private Builder(WalletStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        /** The scrypt cost for new keystores; only tests pass {@link ScryptParams#lightForTestsOnly()}. */
        public Builder kdf(ScryptParams params) {
            this.kdf = Objects.requireNonNull(params);
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Idle time after which an unlocked account locks itself (positive). */
        public Builder idleLock(Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the idle lock time must be positive");
            }
            this.idleLock = d;
            return this;
        }

        public Builder random(SecureRandom r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public WalletService build() {
            return new WalletService(this);
        }
    }
}
