package dev.modelfactory.ledger.wallet;

import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * Ethereum addresses in EIP-55 checksum form ({@code 0x} + 40 hex digits whose letters' case encodes a
 * keccak checksum), the only form the wallet shows or stores.
 */
public final class Addresses {

    private static final Pattern HEX40 = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {
    }

    /** Whether {@code s} is {@code 0x} + 40 hex digits (any case). */
    public static boolean looksLikeAddress(String s) {
        return s != null && HEX40.matcher(s).matches();
    }

    /**
     * The EIP-55 form of an address typed by a user or read from a file.
     *
     * @throws IllegalArgumentException if it is not {@code 0x} + 40 hex digits, or it is mixed-case with a
     *                                  wrong checksum (a typo the checksum exists to catch)
     */
    public static String checksum(String address) {
        if (!looksLikeAddress(address)) {
            throw new IllegalArgumentException("'" + address + "' is not an address (0x + 40 hex digits)");
        }
        String body = address.substring(2);
        String sum = Keys.toChecksumAddress(body.toLowerCase(Locale.ROOT));
        boolean mixed = !body.equals(body.toLowerCase(Locale.ROOT)) && !body.equals(body.toUpperCase(Locale.ROOT));
        if (mixed && !sum.substring(2).equals(body)) {
            throw new IllegalArgumentException("'" + address + "' has a wrong EIP-55 checksum (expected " + sum + ")");
        }
        return sum;
    }

    /** Whether two addresses are the same account (case-insensitive). */
    public static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** The EIP-55 address of a 32-byte private key. */
    public static String ofPrivateKey(byte[] privateKey) {
        return Keys.toChecksumAddress(Keys.getAddress(org.web3j.crypto.ECKeyPair.create(privateKey)));
    }
}
