package dev.modelfactory.engine.train.data;

import java.util.Locale;

/** What happens to a conversation longer than the sequence length. */
public enum TruncationPolicy {
    /** Leave the example out (counted in {@link EncodedData#dropped()}). */
    DROP,
    /** Keep its first seqLen tokens; the cut-off end loses its loss. */
    KEEP_START;

    public static TruncationPolicy parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown truncation '" + text + "' (expected drop or keep_start)");
        }
    }
}
