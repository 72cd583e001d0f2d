package dev.modelfactory.app.attribution;

/**
 * How much of an output a contributor's rows cover verbatim.
 *
 * @param contributor   the contributor (wallet address or name; empty when rows have none)
 * @param matchedTokens output tokens inside at least one span that occurs in one of this contributor's rows
 * @param rows          distinct rows of this contributor holding at least one of the spans
 */
public record SpanContributorTokens(String contributor, int matchedTokens, int rows) {
}
