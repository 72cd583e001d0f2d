package dev.modelfactory.app.attribution;

import java.util.List;

/**
 * One maximal span of an output that occurs verbatim in training rows, for highlighting.
 *
 * @param charStart    first character of the span in the output text (UTF-16 index, for highlighting;
 *                     whitespace at either end of the span's tokens is left out)
 * @param charEnd      one past its last character
 * @param tokenStart   first output token of the span
 * @param tokenEnd     one past its last output token
 * @param occurrences  how many times the span occurs in the indexed rows
 * @param rows         rows it occurs in, ascending by row index, at most {@link SpanOptions#maxRows()}
 * @param rowsTotal    how many distinct rows it occurs in
 * @param rowsComplete false when the span occurs so often (over a million times) that {@code rowsTotal}
 *                     and the contributor counts cover only the first million occurrences
 */
public record SpanHit(int charStart, int charEnd, int tokenStart, int tokenEnd, long occurrences, List<SpanRow> rows,
        int rowsTotal, boolean rowsComplete) {

    public SpanHit {
        rows = List.copyOf(rows);
    }

    public int tokenLength() {
        return tokenEnd - tokenStart;
    }
}
