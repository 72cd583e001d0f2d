package dev.modelfactory.studio.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenDiffTest {

    @Test
    void anIdenticalOutputIsOneKeptSpan() {
        assertThat(TokenDiff.diff("The capital is Paris.", "The capital is Paris."))
                .containsExactly(new TokenDiff.Span("The capital is Paris.", true));
    }

    @Test
    void tokensOutsideTheLongestCommonSubsequenceAreMarked() {
        // LCS of "the capital is Lyon , not Paris" and "the capital is Paris" is "the capital is Paris"
        assertThat(TokenDiff.diff("the capital is Lyon, not Paris", "the capital is Paris")).containsExactly(
                new TokenDiff.Span("the capital is", true), new TokenDiff.Span(" Lyon, not", false),
                new TokenDiff.Span(" Paris", true));
    }

    @Test
    void theSpansConcatenateToTheOutputIncludingWhiteSpace() {
        String out = "  line one\n\tline  two ! ";
        List<TokenDiff.Span> spans = TokenDiff.diff(out, "line two");
        assertThat(spans.stream().map(TokenDiff.Span::text).reduce("", String::concat)).isEqualTo(out);
        assertThat(spans).filteredOn(s -> !s.same()).extracting(TokenDiff.Span::text)
                .containsExactly(" one\n\tline", " !");
    }

    @Test
    void theAlignmentPrefersTheLongestCommonSubsequenceOverAGreedyMatch() {
        // greedy matching "b" first would keep 1 token; the LCS keeps "a c d" (3)
        assertThat(TokenDiff.diff("b a c d", "a c d b")).containsExactly(new TokenDiff.Span("b", false),
                new TokenDiff.Span(" a c d", true));
    }

    @Test
    void anEmptyReferenceMarksEveryTokenAndAnEmptyOutputHasNoSpans() {
        assertThat(TokenDiff.diff("x y", "")).containsExactly(new TokenDiff.Span("x y", false));
        assertThat(TokenDiff.diff("", "x y")).isEmpty();
    }
}
