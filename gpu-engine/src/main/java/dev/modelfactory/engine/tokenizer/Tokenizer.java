package dev.modelfactory.engine.tokenizer;

/**
 * Text to token ids and back.
 *
 * <p>{@code parseSpecial} decides whether special-token text in the input (e.g. {@code <|im_start|>} written
 * by a chat template) becomes the special token; user text should be encoded without it, so a user cannot
 * forge control tokens. Decoding drops control tokens (BOS, EOS, ...).
 */
public interface Tokenizer {

    /** Encodes user text; special-token text is treated as plain text. */
    default int[] encode(String text, boolean addBos) {
        return encode(text, addBos, false);
    }

    int[] encode(String text, boolean addBos, boolean parseSpecial);

    /** The text of a token sequence; control tokens are dropped; invalid UTF-8 becomes U+FFFD. */
    String decode(int[] ids);

    /**
     * The raw bytes one token contributes to the output (empty for control tokens). A byte-fallback token
     * yields one byte that may be part of a multi-byte character: stream with {@link TokenStreamDecoder}.
     */
    byte[] pieceBytes(int id);

    /** The text of one token on its own, as {@link #pieceBytes} decoded (lossy for partial UTF-8). */
    default String decodePiece(int id) {
        return new String(pieceBytes(id), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * True when {@link #decode} drops one leading space of the text, because the encoder added it
     * (SentencePiece {@code add_space_prefix}); streaming decoders apply the same rule at the start of text.
     */
    default boolean stripsLeadingSpace() {
        return false;
    }

    /** Beginning-of-sequence id, or -1 when the vocabulary has none. */
    int bosId();

    /** End-of-sequence id, or -1 when the vocabulary has none. */
    int eosId();

    int vocabSize();

    /**
     * Whether prompts for this model start with BOS (GGUF {@code tokenizer.ggml.add_bos_token}; false when
     * the vocabulary has no BOS). Generation passes this as {@code addBos}.
     */
    default boolean addBosByDefault() {
        return bosId() >= 0;
    }

    /** True for ids that end generation (EOS and, where known, end-of-turn tokens). */
    default boolean isEndOfGeneration(int id) {
        return id == eosId();
    }
}
