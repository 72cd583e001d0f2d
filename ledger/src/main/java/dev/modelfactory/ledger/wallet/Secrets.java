package dev.modelfactory.ledger.wallet;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Small helpers for secret bytes and characters: UTF-8 without intermediate Strings, and wiping. */
public final class Secrets {

    private Secrets() {
    }

    /** The UTF-8 bytes of {@code chars} (as geth and MetaMask feed a password to the KDF); caller wipes. */
    public static byte[] utf8(char[] chars) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer buffer;
        try {
            buffer = encoder.encode(CharBuffer.wrap(chars));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password is not valid Unicode text");
        }
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return out;
    }

    /** Zeroes {@code bytes} if not null. */
    public static void wipe(byte[] bytes) {
        if (bytes != null) {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** Zeroes {@code chars} if not null. */
    public static void wipe(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }

    /**
     * A 32-byte big-endian copy of a non-negative integer of at most 32 bytes (web3j's {@code BigInteger}
     * private keys drop leading zeros or carry a sign byte).
     */
    public static byte[] bytes32(java.math.BigInteger value) {
        byte[] raw = value.toByteArray();
        try {
            if (raw.length == 32) {
                return raw.clone();
            }
            byte[] out = new byte[32];
            if (raw.length > 32) {
                if (raw.length != 33 || raw[0] != 0) {
                    throw new IllegalArgumentException("value does not fit 32 bytes");
                }
                System.arraycopy(raw, 1, out, 0, 32);
            } else {
                System.arraycopy(raw, 0, out, 32 - raw.length, raw.length);
            }
            return out;
        } finally {
            wipe(raw);
        }
    }
}
