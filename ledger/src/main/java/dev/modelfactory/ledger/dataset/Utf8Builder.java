package dev.modelfactory.ledger.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable UTF-8 byte buffer for {@link RowHash#normalised}: the bytes the documented normalised string
 * encodes to, appended piece by piece. Normalised ASCII text is copied as bytes; anything else is encoded
 * from {@link RowHash#normaliseGeneral}.
 */
final class Utf8Builder {

    byte[] bytes;
    int length;
    private char[] scratch = new char[64];

    Utf8Builder(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Appends an ASCII character. */
    Utf8Builder append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends a string known to be ASCII. */
    Utf8Builder appendAscii(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    /** Appends the UTF-8 bytes of {@link RowHash#normaliseText}{@code (s)}. */
    Utf8Builder appendNormalised(String s) {
        int n = s.length();
        if (scratch.length < n) {
            scratch = new char[Math.max(n, scratch.length * 2)];
        }
        s.getChars(0, n, scratch, 0);
        int len = RowHash.normaliseAscii(scratch, n);
        if (len >= 0) {
            ensure(len);
            for (int i = 0; i < len; i++) {
                bytes[length++] = (byte) scratch[i];
            }
            return this;
        }
        byte[] utf8 = RowHash.normaliseGeneral(s).getBytes(StandardCharsets.UTF_8);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, bytes, length, utf8.length);
        length += utf8.length;
        return this;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(length + more, bytes.length * 2));
        }
    }
}
