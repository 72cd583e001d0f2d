package dev.modelfactory.engine.tokenizer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Turns a stream of token ids into text as it is generated, holding back the bytes of a character whose
 * UTF-8 encoding is split over several tokens until it is complete. Not thread-safe: one per stream.
 *
 * <p>At the start of a text the result equals {@link Tokenizer#decode} of the same ids (the space a
 * SentencePiece encoder prepends is dropped); for a continuation after a prompt, use
 * {@link #continuation(Tokenizer)}, which keeps every space the model generates.
 */
public final class TokenStreamDecoder {

    private final Tokenizer tokenizer;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private boolean atStart;

    /** Decodes from the start of a text. */
    public TokenStreamDecoder(Tokenizer tokenizer) {
        this(tokenizer, true);
    }

    private TokenStreamDecoder(Tokenizer tokenizer, boolean startOfText) {
        this.tokenizer = tokenizer;
        this.atStart = startOfText && tokenizer.stripsLeadingSpace();
    }

    /** Decodes tokens that continue an earlier text (generation after a prompt). */
    public static TokenStreamDecoder continuation(Tokenizer tokenizer) {
        return new TokenStreamDecoder(tokenizer, false);
    }

    /** The text that became complete with this token (possibly empty). */
    public String accept(int id) {
        byte[] piece = tokenizer.pieceBytes(id);
        int skip = 0;
        if (atStart && piece.length > 0) {
            skip = piece[0] == ' ' ? 1 : 0;
            atStart = false;
        }
        pending.write(piece, skip, piece.length - skip);
        byte[] b = pending.toByteArray();
        int complete = completePrefix(b);
        pending.reset();
        pending.write(b, complete, b.length - complete);
        return new String(b, 0, complete, StandardCharsets.UTF_8);
    }

    /** Whatever is still held back, decoded leniently; resets the decoder. */
    public String flush() {
        String s = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        return s;
    }

    /** Length of the longest prefix that does not end inside an unfinished UTF-8 sequence. */
    static int completePrefix(byte[] b) {
        int n = b.length;
        // look back at most 3 bytes for the lead byte of the last sequence
        for (int back = 1; back <= Math.min(3, n); back++) {
            int c = b[n - back] & 0xFF;
            if ((c & 0xC0) == 0x80) {
                continue; // continuation byte
            }
            int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
            return need > back ? n - back : n;
        }
        return n;
    }
}
