package dev.modelfactory.engine.attribution.spans;

import java.util.List;

/**
 * A maximal span of a query found verbatim in the corpus: query tokens {@code [start, end)} occur in the
 * corpus, {@code [start, end + 1)} do not (or the query ends), and no longer reported span contains it.
 *
 * @param start        first query token of the span
 * @param end          one past its last token
 * @param count        how many times the span occurs in the corpus
 * @param occurrences  the rows it occurs in, ascending by row, at most {@link SpanQuery#maxRows()}
 * @param rowsTotal    how many distinct rows it occurs in (among the occurrences scanned)
 * @param rowsComplete false when {@code count} exceeded the scan limit, so {@code rowsTotal} is a lower bound
 */
public record SpanMatch(int start, int end, long count, List<SpanOccurrence> occurrences, int rowsTotal,
        boolean rowsComplete) {

    public SpanMatch {
        occurrences = List.copyOf(occurrences);
    }

    public int length() {
        return end - start;
    }
}
