package dev.modelfactory.ledger.wallet;

import org.web3j.crypto.Bip32ECKeyPair;

/**
 * BIP-32 derivation on MetaMask's path {@code m/44'/60'/0'/0/i}: account {@code i} of a seed.
 *
 * <p>Why not web3j's {@code WalletUtils.loadBip39Credentials}: it returns the MASTER key of the seed, not
 * {@code m/44'/60'/0'/0/0}, so it never gives MetaMask's addresses.
 */
public final class HdDerivation {

    /** The path's fixed part, for display: account {@code i} is this followed by {@code /i}. */
    public static final String PATH_PREFIX = "m/44'/60'/0'/0";

    private HdDerivation() {
    }

    /**
     * The 32-byte private key of account {@code index}; caller wipes it.
     *
     * @param seed the 64-byte BIP-39 seed
     */
    public static byte[] privateKey(byte[] seed, int index) {
        if (index < 0) {
            throw new IllegalArgumentException("account index must be >= 0, got " + index);
        }
        int h = Bip32ECKeyPair.HARDENED_BIT;
        // web3j's key pairs hold BigIntegers that cannot be wiped; they live only inside this call.
        Bip32ECKeyPair master = Bip32ECKeyPair.generateKeyPair(seed);
        Bip32ECKeyPair child = Bip32ECKeyPair.deriveKeyPair(master, new int[] {44 | h, 60 | h, h, 0, index});
        return Secrets.bytes32(child.getPrivateKey());
    }

    /** The path of account {@code index}, e.g. {@code m/44'/60'/0'/0/3}. */
    public static String path(int index) {
        return PATH_PREFIX + "/" + index;
    }
}
