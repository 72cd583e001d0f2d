package dev.modelfactory.ledger.dataset.check;

/**
 * One PII finding, as a span to highlight.
 *
 * @param kind   what was found
 * @param field  index of the message in the row, or {@link #TEXT_FIELD} for the row's raw text
 * @param start  first UTF-16 index of the match in that field's content
 * @param end    index after the match
 * @param detail which rule matched, e.g. {@code aws-access-key} (never the matched text itself)
 */
public record PiiMatch(PiiKind kind, int field, int start, int end, String detail) {

    /** The {@code field} of a row's raw text. */
    public static final int TEXT_FIELD = -1;

    public PiiMatch {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("a span has 0 <= start < end, got " + start + ".." + end);
        }
    }
}
