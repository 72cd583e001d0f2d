package dev.modelfactory.app.attribution;

/**
 * One training row's influence on an output.
 *
 * @param score positive: training on the row pushed the adapter toward the output
 * @param text  the row's conversation, shortened (user turn, then the assistant's answer)
 */
public record InfluenceRow(long rowId, String rowHash, String contributor, double score, String text) {
}
