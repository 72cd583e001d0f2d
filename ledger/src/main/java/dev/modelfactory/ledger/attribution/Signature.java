package dev.modelfactory.ledger.attribution;

import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * A 65-byte secp256k1 signature as MetaMask's {@code eth_signTypedData_v4} returns it:
 * {@code r (32) || s (32) || v (1)}, v = 27 or 28, written as {@code 0x} + 130 hex digits.
 */
public final class Signature {

    private final byte[] bytes;

    private Signature(byte[] bytes) {
        this.bytes = bytes;
    }

    /** From r, s and v (27/28, or 0/1 which is normalised to 27/28). */
    public static Signature of(byte[] r, byte[] s, int v) {
        if (r.length != 32 || s.length != 32) {
            throw new IllegalArgumentException("a signature's r and s have 32 bytes each");
        }
        int vv = v < 27 ? v + 27 : v;
        if (vv != 27 && vv != 28) {
            throw new IllegalArgumentException("a signature's v is 27 or 28 (or 0/1), got " + v);
        }
        byte[] b = new byte[65];
        System.arraycopy(r, 0, b, 0, 32);
        System.arraycopy(s, 0, b, 32, 32);
        b[64] = (byte) vv;
        return new Signature(b);
    }

    /** From web3j's signature data. */
    public static Signature of(Sign.SignatureData data) {
        return of(data.getR(), data.getS(), data.getV()[0] & 0xff);
    }

    /**
     * Parses {@code 0x} + 130 hex digits (the {@code 0x} is optional).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static Signature parse(String hex) {
        String h = hex.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) {
            h = h.substring(2);
        }
        if (h.length() != 130) {
            throw new IllegalArgumentException("a signature is 65 bytes (130 hex digits), got " + h.length() + " digits");
        }
        byte[] b;
        try {
            b = HexFormat.of().parseHex(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a signature is hex digits only");
        }
        return of(Arrays.copyOfRange(b, 0, 32), Arrays.copyOfRange(b, 32, 64), b[64] & 0xff);
    }

    /** The 65 bytes r || s || v. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** {@code 0x} + 130 lowercase hex digits, exactly what MetaMask prints. */
    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    /**
     * The EIP-55 address whose key made this signature over {@code digest} (32 bytes, already hashed),
     * or empty if no key could have (an invalid r/s).
     */
    public Optional<String> recover(byte[] digest) {
        Sign.SignatureData data = new Sign.SignatureData(bytes[64], Arrays.copyOfRange(bytes, 0, 32),
                Arrays.copyOfRange(bytes, 32, 64));
        try {
            BigInteger publicKey = Sign.signedMessageHashToKey(digest, data);
            return Optional.of(Keys.toChecksumAddress(Keys.getAddress(publicKey)));
        } catch (SignatureException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Signature other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
