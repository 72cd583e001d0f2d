package dev.modelfactory.app.attribution;

import dev.modelfactory.engine.tokenizer.TokenStreamDecoder;
import dev.modelfactory.engine.tokenizer.Tokenizer;

/**
 * Where each token of an encoded text begins and ends in that text, in UTF-16 characters: the tokens are
 * decoded one by one as a stream (so a character split over byte-fallback tokens lands on the token that
 * completes it, and a SentencePiece prefix space is dropped as {@link Tokenizer#decode} drops it). When the
 * decoded text differs from the original (a tokenizer that normalises), decoded positions are carried over
 * to the original by aligning the two texts character by character, skipping whitespace either side.
 */
final class SpanCharMap {

    private SpanCharMap() {
    }

    /** {@code ids.length + 1} boundaries: token {@code i} covers characters {@code [b[i], b[i+1])} of {@code text}. */
    static int[] boundaries(Tokenizer tokenizer, int[] ids, String text) {
        TokenStreamDecoder dec = new TokenStreamDecoder(tokenizer);
        StringBuilder sb = new StringBuilder();
        int[] b = new int[ids.length + 1];
        for (int i = 0; i < ids.length; i++) {
            sb.append(dec.accept(ids[i]));
            b[i + 1] = sb.length();
        }
        sb.append(dec.flush());
        b[ids.length] = sb.length();
        String decoded = sb.toString();
        if (decoded.equals(text)) {
            return b;
        }
        int[] map = align(decoded, text);
        for (int i = 0; i < b.length; i++) {
            b[i] = map[b[i]];
        }
        return b;
    }

    /** For each position of {@code decoded} (and its end), the matching position of {@code text}. */
    static int[] align(String decoded, String text) {
        int[] map = new int[decoded.length() + 1];
        int i = 0;
        int j = 0;
        while (i < decoded.length()) {
            char d = decoded.charAt(i);
            if (j < text.length() && text.charAt(j) == d) {
                map[i++] = j++;
            } else if (j < text.length() && Character.isWhitespace(text.charAt(j)) && !Character.isWhitespace(d)) {
                j++;
            } else {
                map[i++] = Math.min(j, text.length());
                if (!Character.isWhitespace(d) && j < text.length()) {
                    j++;
                }
            }
        }
        map[decoded.length()] = Math.min(j, text.length()); // what the original has beyond the decoded text is no token's
        for (int k = decoded.length() - 1; k >= 0; k--) {
            map[k] = Math.min(map[k], map[k + 1]); // keep boundaries ordered
        }
        return map;
    }
}
