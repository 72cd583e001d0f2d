package dev.modelfactory.studio.provenance;

import java.util.List;

/**
 * A stretch of the output found verbatim in training rows.
 *
 * @param start  first character (inclusive) in the output text
 * @param end    last character (exclusive)
 * @param tokens the span's length in tokens
 * @param count  how often it occurs in the dataset version
 * @param rows   rows that hold it (possibly fewer than {@code count})
 */
public record OutputSpan(int start, int end, int tokens, long count, List<EvidenceRow> rows) {

    public OutputSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("span: bad character range [" + start + ", " + end + ")");
        }
        rows = List.copyOf(rows);
    }
}
