package dev.modelfactory.app.attribution;

import java.util.List;

/**
 * The span evidence for one output.
 *
 * @param text          the output text the character ranges refer to
 * @param outputTokens  how many tokens the output has under the index's tokenizer
 * @param matchedTokens output tokens inside at least one span
 * @param spans         maximal spans of at least {@link SpanOptions#minTokens()} tokens, by start
 * @param contributors  per contributor, the output tokens their rows cover, most first
 * @param index         the index that answered
 */
public record SpanReport(String text, int outputTokens, int matchedTokens, List<SpanHit> spans,
        List<SpanContributorTokens> contributors, SpanIndexInfo index) {

    public SpanReport {
        spans = List.copyOf(spans);
        contributors = List.copyOf(contributors);
    }
}
