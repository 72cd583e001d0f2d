package dev.modelfactory.ledger.dataset;

import java.util.Locale;

/**
 * The import formats. The JSON formats accept both a JSON array of records and JSONL (one record per
 * line); which one is told by the first non-blank character ({@code [} means array).
 */
public enum DatasetFormat {
    /** {@code instruction}, {@code input}, {@code output}, optional {@code system}, {@code history}. */
    ALPACA,
    /** {@code conversations} of {@code from}/{@code value}; optional {@code system}, {@code tools}. */
    SHAREGPT,
    /** {@code messages} of {@code role}/{@code content}; optional {@code tools}. */
    OPENAI,
    /** Comma-separated with a header row; columns mapped by {@link ColumnMapping}. */
    CSV,
    /** Tab-separated with a header row; columns mapped by {@link ColumnMapping}. */
    TSV,
    /** A folder of {@code .txt}/{@code .md} files (or one such file): one raw-text row per file. */
    TEXT;

    /** The CLI spelling: {@code alpaca}, {@code sharegpt}, ... */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true for the formats read as JSON / JSONL */
    public boolean isJson() {
        return this == ALPACA || this == SHAREGPT || this == OPENAI;
    }
}
