package dev.modelfactory.ledger.dataset.check;

/**
 * Counts the tokens of a text, for the too-long / too-short checks and the token-length chart. The
 * ledger does not depend on the engine: the app passes the model's tokenizer here; without one,
 * {@link ApproximateTokenCounter} gives an estimate. Must be safe to call from one thread at a time.
 */
@FunctionalInterface
public interface TokenCounter {

    /** @return the number of tokens of {@code text} (no special tokens added) */
    int count(String text);
}
