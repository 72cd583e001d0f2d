package dev.modelfactory.ledger.dataset;

import java.util.Locale;

/**
 * The formats rows can be exported to, so data moves to other tools. Each is read back by the import of
 * the same name ({@link DatasetFormat}) to rows with the same row hashes; a row a format cannot express
 * is skipped with a reason, never written in a lossy form.
 */
public enum ExportFormat {
    /** Alpaca JSONL: {@code instruction}, {@code input} (empty), {@code output}, optional {@code system}, {@code history}. */
    ALPACA,
    /** ShareGPT JSONL: {@code conversations} of {@code from}/{@code value}, optional {@code system}, {@code tools}. */
    SHAREGPT,
    /** OpenAI chat JSONL: {@code messages} of {@code role}/{@code content} (+ name, tool_calls, tool_call_id), {@code tools}. */
    OPENAI,
    /** CSV with a header {@code system,instruction,output}: single-turn rows. */
    CSV;

    /** The CLI spelling: {@code alpaca}, {@code sharegpt}, {@code openai}, {@code csv}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The import format that reads this export back. */
    public DatasetFormat importFormat() {
        return DatasetFormat.valueOf(name());
    }
}
