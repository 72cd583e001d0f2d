package dev.modelfactory.app.attribution;

import dev.modelfactory.app.training.RowRef;

/**
 * A training row a span occurs in.
 *
 * @param row     the row (id, hash, contributor)
 * @param snippet the row's text around the span's first occurrence in it (a few tokens either side, with
 *                {@code …} where the message goes on), from the index itself
 */
public record SpanRow(RowRef row, String snippet) {
}
