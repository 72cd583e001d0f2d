package dev.modelfactory.ledger.chain;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 32-byte value as the chain sees it (a {@code bytes32}): batch roots, leaf hashes, proof siblings,
 * workspace ids, transaction hashes. Immutable: the bytes are copied in and out.
 *
 * @param bytes exactly 32 bytes
 */
public record Hash32(byte[] bytes) {

    /** The all-zero value, which the registry refuses as a root. */
    public static final Hash32 ZERO = new Hash32(new byte[32]);

    public Hash32 {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("a bytes32 value has 32 bytes, got "
                    + (bytes == null ? "null" : bytes.length));
        }
        bytes = bytes.clone();
    }

    /** The value of 32 raw bytes (copied). */
    public static Hash32 of(byte[] bytes) {
        return new Hash32(bytes);
    }

    /**
     * Parses 64 hex digits, with or without a {@code 0x} prefix.
     *
     * @throws IllegalArgumentException naming the text when it is not 32 bytes of hex
     */
    public static Hash32 parse(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 64) {
            throw new IllegalArgumentException("expected 32 bytes as 64 hex digits, got '" + hex + "'");
        }
        try {
            return new Hash32(HexFormat.of().parseHex(digits));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: '" + hex + "'", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lowercase hex with the {@code 0x} prefix, as JSON-RPC writes it. */
    public String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    public boolean isZero() {
        return equals(ZERO);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash32 h && Arrays.equals(bytes, h.bytes);
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
