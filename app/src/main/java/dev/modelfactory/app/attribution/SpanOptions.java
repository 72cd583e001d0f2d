package dev.modelfactory.app.attribution;

/**
 * How spans are looked up.
 *
 * @param minTokens shortest span reported, in tokens (default 4)
 * @param maxRows   most rows listed per span (default 50; the total is always given)
 */
public record SpanOptions(int minTokens, int maxRows) {

    public SpanOptions {
        if (minTokens < 1) {
            throw new IllegalArgumentException("minTokens must be at least 1, got " + minTokens);
        }
        if (maxRows < 0) {
            throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
        }
    }

    public static SpanOptions defaults() {
        return new SpanOptions(4, 50);
    }

    public SpanOptions withMinTokens(int n) {
        return new SpanOptions(n, maxRows);
    }

    public SpanOptions withMaxRows(int n) {
        return new SpanOptions(minTokens, n);
    }
}
