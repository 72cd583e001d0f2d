package dev.modelfactory.ledger.dataset;

import java.io.IOException;
import java.io.Writer;
import java.util.Optional;

/**
 * Writes rows in one {@link ExportFormat}, one record at a time (memory: one row). A row the format
 * cannot express exactly (so that importing the file gives the same row hash) is not written: {@link #write}
 * returns the reason instead, for the caller to report.
 */
public interface ExportWriter {

    /**
     * A writer for {@code format}.
     *
     * @param withTags write each row's tags (a {@code tags} field or column), which the import reads back
     */
    static ExportWriter of(ExportFormat format, boolean withTags) {
        return switch (format) {
            case ALPACA -> new AlpacaExport(withTags);
            case SHAREGPT -> new ShareGptExport(withTags);
            case OPENAI -> new OpenAiExport(withTags);
            case CSV -> new CsvExport(withTags);
        };
    }

    /** Writes what comes before the first record (a CSV header); nothing for JSONL. */
    default void begin(Writer out) throws IOException {
    }

    /**
     * Writes one row as one record (a line, for JSONL), or nothing.
     *
     * @return empty if written, else why the format cannot express the row
     */
    Optional<String> write(Conversation row, Writer out) throws IOException;
}
