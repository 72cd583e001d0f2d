package dev.modelfactory.app.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Set;
import org.junit.jupiter.api.Test;

class NgramOverlapTest {

    @Test
    void gramsAreLowerCasedWordOneToThreeGrams() {
        assertThat(NgramOverlap.grams("The cat, the CAT!")).containsExactlyInAnyOrder("the", "cat", "the cat",
                "cat the", "the cat the", "cat the cat");
        assertThat(NgramOverlap.grams("  ...  ")).isEmpty();
    }

    @Test
    void diceIsKnownForHandCountedCases() {
        // "a b" -> {a, b, a b}; "a c" -> {a, c, a c}: one shared of 3 + 3.
        assertThat(NgramOverlap.dice(NgramOverlap.grams("a b"), NgramOverlap.grams("a c"))).isCloseTo(2.0 / 6, within(1e-12));
        assertThat(NgramOverlap.dice(NgramOverlap.grams("x y z"), NgramOverlap.grams("X, y z"))).isEqualTo(1.0);
        assertThat(NgramOverlap.dice(NgramOverlap.grams("x"), NgramOverlap.grams("y"))).isZero();
        assertThat(NgramOverlap.dice(Set.of(), Set.of())).isZero();
    }
}
