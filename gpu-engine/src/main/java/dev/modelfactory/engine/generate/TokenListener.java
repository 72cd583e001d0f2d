package dev.modelfactory.engine.generate;

/**
 * Streams each generated token as soon as it is chosen. {@code text} is the newly decoded text (empty
 * without a decoder, or while a multi-token character is incomplete). Tokens already streamed are not
 * retracted when a stop sequence later matches.
 */
@FunctionalInterface
public interface TokenListener {

    void onToken(int token, String text);

    static TokenListener none() {
        return (token, text) -> { };
    }
}
