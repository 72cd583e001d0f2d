package dev.modelfactory.ledger.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The two hashes of a row: its identity and its duplicate key.
 *
 * <h2>Row hash (identity)</h2>
 * {@code sha256(canonical(row))}, lowercase hex, where {@code canonical} is the byte string
 * <pre>
 * "mf-row/1"                                        8 ASCII bytes, the format version
 * then, if text  != null:  'T' len(text)  utf8(text)
 * then, if tools != null:  'F' len(tools) utf8(tools)
 * then, for each message in order:
 *     'R' len utf8(role.wire())          role as system|user|assistant|tool
 *     'C' len utf8(content)
 *     'N' len utf8(name)                 only if name != null
 *     'K' len utf8(toolCalls)            only if toolCalls != null
 *     'I' len utf8(toolCallId)           only if toolCallId != null
 * </pre>
 * where each tag is one ASCII byte and {@code len} is the field's UTF-8 byte length as a 4-byte
 * big-endian unsigned integer. Strings are hashed exactly as given (no normalisation), so any visible
 * edit is a new row. Tags are left out on purpose: tagging is curation, not content, and must not
 * change which row an attribution record refers to. Length prefixes make the encoding unambiguous
 * without any escaping rules.
 *
 * <h2>Normalised hash (exact-duplicate key)</h2>
 * {@code sha256(utf8(normalised(row)))}, where {@link #normaliseText} applies Unicode NFKC, lowercases
 * (root locale), turns every run of whitespace into one space and strips the ends, and
 * {@code normalised(row)} is {@code normaliseText(text)} (if any) followed, for each message, by a
 * line {@code "\n" + role.wire() + ":" + normaliseText(content)} (plus {@code " " +
 * normaliseText(toolCalls)} when present). Two rows that differ only in case, spacing or Unicode
 * compatibility forms collide, which is what "exact duplicate" means to a curator.
 */
public final class RowHash {

    private static final byte[] MAGIC = "mf-row/1".getBytes(StandardCharsets.US_ASCII);
    private static final HexFormat HEX = HexFormat.of();

    private RowHash() {
    }

    /** The row's identity hash, lowercase hex (see the class comment). */
    public static String of(Conversation row) {
        return HEX.formatHex(digest(row));
    }

    /** The row's identity hash as 32 raw bytes. */
    public static byte[] digest(Conversation row) {
        MessageDigest d = sha256();
        d.update(MAGIC);
        if (row.text() != null) {
            field(d, 'T', row.text());
        }
        if (row.tools() != null) {
            field(d, 'F', row.tools());
        }
        for (Message m : row.messages()) {
            field(d, 'R', m.role().wire());
            field(d, 'C', m.content());
            if (m.name() != null) {
                field(d, 'N', m.name());
            }
            if (m.toolCalls() != null) {
                field(d, 'K', m.toolCalls());
            }
            if (m.toolCallId() != null) {
                field(d, 'I', m.toolCallId());
            }
        }
        return d.digest();
    }

    /** The row's normalised (exact-duplicate) hash, lowercase hex (see the class comment). */
    public static String normalised(Conversation row) {
        // The UTF-8 bytes of the documented string, built without the intermediate Strings: ASCII text
        // normalises to ASCII, whose UTF-8 bytes are its characters.
        Utf8Builder out = new Utf8Builder((int) Math.min(1 << 20, row.contentLength() + 16L * row.messages().size() + 16));
        if (row.text() != null) {
            out.appendNormalised(row.text());
        }
        for (Message m : row.messages()) {
            out.append('\n').appendAscii(m.role().wire()).append(':').appendNormalised(m.content());
            if (m.toolCalls() != null) {
                out.append(' ').appendNormalised(m.toolCalls());
            }
        }
        MessageDigest d = sha256();
        d.update(out.bytes, 0, out.length);
        return HEX.formatHex(d.digest());
    }

    /**
     * NFKC, lowercase (root locale), whitespace runs to one space, ends stripped.
     *
     * <p>Most rows are ASCII, where NFKC is the identity and lowercasing maps A-Z only, so those take
     * one pass over the characters, compacting them in place; any other character sends the whole string through {@link #normaliseGeneral}. The
     * import hashes every row this way, so this pass is a large share of its parsing thread.
     */
    public static String normaliseText(String s) {
        char[] chars = new char[s.length()];
        s.getChars(0, chars.length, chars, 0);
        int len = normaliseAscii(chars, chars.length);
        if (len < 0) {
            return normaliseGeneral(s);
        }
        return new String(chars, 0, len);
    }

    /**
     * Normalises the ASCII text in {@code chars[0, n)} in place: returns the new length, or -1 (contents
     * then undefined) if the text holds a character outside ASCII.
     */
    static int normaliseAscii(char[] chars, int n) {
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c >= 0x80) {
                return -1;
            }
            if (ASCII_SPACE[c]) {
                space = len > 0;
                continue;
            }
            if (space) {
                chars[len++] = ' ';
                space = false;
            }
            chars[len++] = c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c;
        }
        return len;
    }

    /** Which ASCII characters {@link #normaliseGeneral} treats as whitespace (Java's definitions). */
    private static final boolean[] ASCII_SPACE = new boolean[0x80];

    static {
        for (char c = 0; c < 0x80; c++) {
            ASCII_SPACE[c] = Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }

    /** The definition, for any string: the ASCII pass of {@link #normaliseText} must agree with it. */
    static String normaliseGeneral(String s) {
        String nfkc = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        String lower = nfkc.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean space = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = !out.isEmpty();
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void field(MessageDigest d, char tag, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        d.update((byte) tag);
        d.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        d.update(bytes);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
