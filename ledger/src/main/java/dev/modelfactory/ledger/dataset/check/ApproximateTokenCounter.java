package dev.modelfactory.ledger.dataset.check;

/**
 * An estimate of BPE token counts when no tokenizer is at hand: each run of letters or digits costs
 * one token per started 4 characters (English BPE vocabularies average about 4 characters per word
 * piece), and every other visible character (punctuation, symbols, each CJK ideograph) costs one;
 * whitespace is free (BPE merges a space into the next word). Within roughly 20 % of Llama/GPT
 * tokenizers on English prose; use the model's tokenizer when the limits matter.
 */
public final class ApproximateTokenCounter implements TokenCounter {

    /** The one instance (stateless). */
    public static final ApproximateTokenCounter INSTANCE = new ApproximateTokenCounter();

    private ApproximateTokenCounter() {
    }

    @Override
    public int count(String text) {
        int tokens = 0;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp) && !Character.isIdeographic(cp)) {
                run++;
                continue;
            }
            tokens += (run + 3) / 4;
            run = 0;
            if (!Character.isWhitespace(cp) && !Character.isSpaceChar(cp)) {
                tokens++;
            }
        }
        return tokens + (run + 3) / 4;
    }
}
