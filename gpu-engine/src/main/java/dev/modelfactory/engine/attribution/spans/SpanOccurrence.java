package dev.modelfactory.engine.attribution.spans;

/**
 * One row a span occurs in, with one place where it does (the first in the text).
 *
 * @param row      the row index (as given to {@link SpanCorpus.Builder#add})
 * @param document the document (message) of that row holding the occurrence
 * @param position where the occurrence starts in the index's text
 */
public record SpanOccurrence(int row, int document, int position) {
}
