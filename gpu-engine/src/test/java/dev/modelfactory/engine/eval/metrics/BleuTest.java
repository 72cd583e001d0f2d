package dev.modelfactory.engine.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BleuTest {

    @Test
    void identicalSentencesScoreOne() {
        assertThat(Bleu.sentence("the cat sat on the mat", "the cat sat on the mat")).isCloseTo(1, within(1e-12));
    }

    @Test
    void missingFourGramIsSmoothedByHalf() {
        // hyp a b c d, ref a b c e: p1 = 3/4, p2 = 2/3, p3 = 1/2, p4 has 0 of 1 -> 'exp' smoothing 1/(2*1);
        // equal lengths, BP = 1: BLEU = (3/4 * 2/3 * 1/2 * 1/2)^(1/4) = 0.125^(1/4) = 0.5946035575013605
        assertThat(Bleu.sentence("a b c d", "a b c e")).isCloseTo(0.5946035575013605, within(1e-12));
    }

    @Test
    void smoothingDoublesForEachEmptyOrder() {
        // hyp a b x c d (5), ref a b c d (4): p1 = 4/5, p2 = 2/4 (ab, cd), p3 = 0 of 3 -> 1/(2*3),
        // p4 = 0 of 2 -> 1/(4*2); BP = 1 (5 >= 4): BLEU = (4/5 * 2/4 * 1/6 * 1/8)^(1/4)
        double expected = Math.pow(0.8 * 0.5 / 6 / 8, 0.25);
        assertThat(expected).isCloseTo(0.30213753973567675, within(1e-12));
        assertThat(Bleu.sentence("a b x c d", "a b c d")).isCloseTo(expected, within(1e-12));
    }

    @Test
    void shortOutputUsesEffectiveOrderAndBrevityPenalty() {
        // hyp a b c, ref a b c d: p1 = p2 = p3 = 1, no 4-grams in the output -> order 3; BP = exp(1 - 4/3)
        assertThat(Bleu.sentence("a b c", "a b c d")).isCloseTo(Math.exp(-1.0 / 3), within(1e-12));
    }

    @Test
    void punctuationIsItsOwnTokenAndNoUnigramMatchIsZero() {
        assertThat(TextNormalizer.bleuTokens("Hi, there!")).containsExactly("Hi", ",", "there", "!");
        assertThat(Bleu.sentence("x y z", "a b c")).isEqualTo(0);
        assertThat(Bleu.sentence("", "a b c")).isEqualTo(0);
        assertThat(Bleu.sentence("A b c d", "a b c d")).isLessThan(1); // case-sensitive
    }
}
