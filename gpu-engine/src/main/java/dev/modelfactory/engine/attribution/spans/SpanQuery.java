package dev.modelfactory.engine.attribution.spans;

/**
 * How spans are reported.
 *
 * @param minLength shortest span reported, in tokens ({@code >= 1})
 * @param maxRows   most rows listed per span (the total is always counted, up to {@code scanLimit})
 * @param scanLimit most occurrences of one span looked at to list and count its rows; beyond it the row
 *                  list and count cover the first {@code scanLimit} occurrences in suffix order
 */
public record SpanQuery(int minLength, int maxRows, int scanLimit) {

    public static final int DEFAULT_MIN_LENGTH = 4;
    public static final int DEFAULT_MAX_ROWS = 50;
    public static final int DEFAULT_SCAN_LIMIT = 1_000_000;

    public SpanQuery {
        if (minLength < 1) {
            throw new IllegalArgumentException("minLength must be at least 1, got " + minLength);
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
        }
        if (scanLimit < 1) {
            throw new IllegalArgumentException("scanLimit must be at least 1, got " + scanLimit);
        }
    }

    public static SpanQuery defaults() {
        return new SpanQuery(DEFAULT_MIN_LENGTH, DEFAULT_MAX_ROWS, DEFAULT_SCAN_LIMIT);
    }

    public SpanQuery withMinLength(int n) {
        return new SpanQuery(n, maxRows, scanLimit);
    }

    public SpanQuery withMaxRows(int n) {
        return new SpanQuery(minLength, n, scanLimit);
    }
}
