package dev.modelfactory.engine.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TextMetricsTest {

    @Test
    void squadNormalisationLowersDropsPunctuationArticlesAndExtraSpace() {
        assertThat(TextNormalizer.squad("The  Quick, brown fox!")).isEqualTo("quick brown fox");
        assertThat(TextNormalizer.squad("An apple a day")).isEqualTo("apple day");
        // articles only as whole words: "theatre" and "banana" keep their letters
        assertThat(TextNormalizer.squad("the theatre, a banana")).isEqualTo("theatre banana");
        assertThat(TextNormalizer.squad("  ")).isEmpty();
    }

    @Test
    void exactMatchStripsButKeepsCase() {
        assertThat(TextMetrics.exactMatch(" Paris\n", "Paris")).isEqualTo(1);
        assertThat(TextMetrics.exactMatch("paris", "Paris")).isEqualTo(0);
        assertThat(TextMetrics.normalizedExactMatch("The Paris.", "paris")).isEqualTo(1);
        assertThat(TextMetrics.normalizedExactMatch("Paris, France", "paris")).isEqualTo(0);
    }

    @Test
    void containsComparesNormalisedText() {
        assertThat(TextMetrics.contains("The answer is: Paris.", "paris")).isEqualTo(1);
        assertThat(TextMetrics.contains("The answer is London", "paris")).isEqualTo(0);
    }

    @Test
    void tokenF1IsSquads() {
        // pred tokens [cat, sat, on, mat], gold [cat, on, mat]: 3 shared, P = 3/4, R = 1, F1 = 6/7
        assertThat(TextMetrics.tokenF1("The cat sat on the mat.", "a cat on a mat")).isCloseTo(6.0 / 7, within(1e-12));
        // multiset overlap: pred [x, x, y], gold [x, y, y]: shared x, y = 2, P = R = 2/3
        assertThat(TextMetrics.tokenF1("x x y", "x y y")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(TextMetrics.tokenF1("dog", "cat")).isEqualTo(0);
        assertThat(TextMetrics.tokenF1("the", "a")).isEqualTo(1); // both empty after normalisation
        assertThat(TextMetrics.tokenF1("", "cat")).isEqualTo(0);
    }

    @Test
    void rougeLMatchesTheRougeScoreReadmeExample() {
        // rouge-score README: rougeL precision 0.625, recall 5/9, fmeasure 0.5882352941176471 (LCS = 5:
        // the quick brown ... jumps ... the)
        double f = TextMetrics.rougeL("The quick brown dog jumps on the log.",
                "The quick brown fox jumps over the lazy dog");
        assertThat(f).isCloseTo(50.0 / 85, within(1e-12));
        // LCS 6 of 7 predicted and 6 reference tokens: F = 2 * (6/7) * 1 / (6/7 + 1) = 12/13
        assertThat(TextMetrics.rougeL("the cat was found under the bed", "the cat was under the bed"))
                .isCloseTo(12.0 / 13, within(1e-12));
        assertThat(TextMetrics.rougeL("abc", "def")).isEqualTo(0);
        assertThat(TextMetrics.rougeL("Same words", "same, words!")).isEqualTo(1);
    }
}
