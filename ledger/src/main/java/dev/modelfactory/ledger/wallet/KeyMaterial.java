package dev.modelfactory.ledger.wallet;

import dev.modelfactory.ledger.attribution.Signature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * One unlocked private key: 32 bytes that {@link #wipe()} zeroes. The signer of the software wallet.
 *
 * <p>Signing has to hand web3j a {@code BigInteger} key ({@link ECKeyPair}); those copies cannot be
 * wiped, so they are created inside {@link #signDigest} and dropped when it returns, leaving them to the
 * garbage collector as briefly as possible. Thread-safe.
 */
public final class KeyMaterial implements Signer {

    private final byte[] key;
    private final String address;
    private boolean wiped;

    /** Takes ownership of {@code privateKey} (32 bytes): the caller must not use or wipe it afterwards. */
    public KeyMaterial(byte[] privateKey) {
        if (privateKey.length != 32) {
            Secrets.wipe(privateKey);
            throw new IllegalArgumentException("a private key has 32 bytes");
        }
        this.key = privateKey;
        this.address = Addresses.ofPrivateKey(privateKey);
    }

    @Override
    public String address() {
        return address;
    }

    @Override
    public synchronized Signature signDigest(byte[] digest) {
        if (wiped) {
            throw new WalletLockedException("account " + address + " is locked");
        }
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
        }
        // false: the digest is signed as is; web3j would otherwise keccak it again (a wrong signature).
        return Signature.of(Sign.signMessage(digest, ECKeyPair.create(key), false));
    }

    /** A copy of the key for re-encryption or export; caller wipes it. */
    synchronized byte[] copy() {
        if (wiped) {
            throw new WalletLockedException("account " + address + " is locked");
        }
        return key.clone();
    }

    /** Zeroes the key; later signing fails with {@link WalletLockedException}. Idempotent. */
    public synchronized void wipe() {
        Secrets.wipe(key);
        wiped = true;
    }

    /** Whether {@link #wipe()} ran; for tests, every byte is then zero. */
    public synchronized boolean isWiped() {
        return wiped;
    }

    /** For tests of the wipe: whether every key byte is zero. */
    synchronized boolean allZero() {
        for (byte b : key) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "KeyMaterial[" + address + (wiped ? ", wiped]" : "]");
    }
}
