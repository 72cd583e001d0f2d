package dev.modelfactory.ledger.store.dataset;

import dev.modelfactory.ledger.dataset.check.ApproximateTokenCounter;
import dev.modelfactory.ledger.dataset.check.LshBands;
import dev.modelfactory.ledger.dataset.check.MinHasher;
import dev.modelfactory.ledger.dataset.check.TokenCounter;
import java.util.Objects;

/**
 * What {@link DatasetStore#runChecks} checks and with which limits. Build with {@link #builder()};
 * defaults: every check, {@link ApproximateTokenCounter}, 3..4096 tokens, letters at least 40 % of
 * visible characters, near-duplicates at Jaccard 0.8 over word 3-grams with 128 permutations.
 * A check left out keeps the flags it set last time.
 *
 * @param text                    empty / truncated reply, too long / too short, mostly non-text (and token counts)
 * @param pii                     PII and secrets, with spans
 * @param nearDuplicates          MinHash + LSH clusters
 * @param tokenCounter            counts tokens (the app passes the model's tokenizer)
 * @param minTokens               fewer tokens is {@code TOO_SHORT}; 0 turns it off
 * @param maxTokens               more tokens is {@code TOO_LONG}; 0 turns it off
 * @param minLetterRatio          below this share of letters a row is {@code MOSTLY_NON_TEXT}
 * @param nearDuplicateThreshold  Jaccard similarity the LSH banding is tuned to, in (0, 1)
 * @param permutations            MinHash signature length
 * @param shingleWords            words per shingle
 * @param seed                    seed of the MinHash functions (same seed, same clusters)
 */
public record CheckOptions(boolean text, boolean pii, boolean nearDuplicates, TokenCounter tokenCounter, int minTokens,
                           int maxTokens, double minLetterRatio, double nearDuplicateThreshold, int permutations,
                           int shingleWords, long seed) {

    public CheckOptions {
        Objects.requireNonNull(tokenCounter, "tokenCounter");
        if (minTokens < 0 || maxTokens < 0 || maxTokens > 0 && minTokens > maxTokens) {
            throw new IllegalArgumentException("token limits are 0 (off) or 0 < min <= max, got " + minTokens + ".." + maxTokens);
        }
        if (!(minLetterRatio >= 0 && minLetterRatio <= 1)) {
            throw new IllegalArgumentException("the letter ratio lies in [0, 1], got " + minLetterRatio);
        }
        LshBands.forThreshold(nearDuplicateThreshold, 1); // validates the threshold
        if (permutations < 8 || permutations > 1024 || shingleWords < 1 || shingleWords > 16) {
            throw new IllegalArgumentException("permutations 8..1024 and shingle words 1..16, got " + permutations
                    + " and " + shingleWords);
        }
    }

    /** The LSH banding these options imply. */
    public LshBands bands() {
        return LshBands.forThreshold(nearDuplicateThreshold, permutations);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link CheckOptions}. */
    public static final class Builder {
        private boolean text = true;
        private boolean pii = true;
        private boolean nearDuplicates = true;
        private TokenCounter tokenCounter = ApproximateTokenCounter.INSTANCE;
        private int minTokens = 3;
        private int maxTokens = 4096;
        private double minLetterRatio = 0.4;
        private double nearDuplicateThreshold = 0.8;
        private int permutations = MinHasher.DEFAULT_PERMUTATIONS;
        private int shingleWords = dev.modelfactory.ledger.dataset.check.Shingles.DEFAULT_WORDS;
        private long seed = 1;

        private Builder() {
        }

        public Builder text(boolean on) {
            this.text = on;
            return this;
        }

        public Builder pii(boolean on) {
            this.pii = on;
            return this;
        }

        public Builder nearDuplicates(boolean on) {
            this.nearDuplicates = on;
            return this;
        }

        public Builder tokenCounter(TokenCounter counter) {
            this.tokenCounter = counter;
            return this;
        }

        public Builder tokenLimits(int min, int max) {
            this.minTokens = min;
            this.maxTokens = max;
            return this;
        }

        public Builder minLetterRatio(double ratio) {
            this.minLetterRatio = ratio;
            return this;
        }

        public Builder nearDuplicateThreshold(double jaccard) {
            this.nearDuplicateThreshold = jaccard;
            return this;
        }

        public Builder permutations(int n) {
            this.permutations = n;
            return this;
        }

        public Builder shingleWords(int n) {
            this.shingleWords = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public CheckOptions build() {
            return new CheckOptions(text, pii, nearDuplicates, tokenCounter, minTokens, maxTokens, minLetterRatio,
                    nearDuplicateThreshold, permutations, shingleWords, seed);
        }
    }
}
