package dev.modelfactory.ledger.dataset;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which CSV/TSV column feeds which row field; each entry is a header name, or null if unused.
 *
 * <p>Two shapes: with {@code text} set, each record is a raw-text row; otherwise it is an
 * instruction row, built like Alpaca (optional system, user = instruction [+ blank line + input],
 * assistant = output), and {@code instruction} and {@code output} are required.
 *
 * @param instruction the prompt column
 * @param input       optional extra context appended to the prompt
 * @param output      the answer column
 * @param system      optional system prompt column
 * @param text        raw text column (makes every record a raw-text row)
 * @param tags        optional column of tags separated by {@code ,} or {@code |}
 */
public record ColumnMapping(String instruction, String input, String output, String system, String text,
                            String tags) {

    private static final List<String> INSTRUCTION = List.of("instruction", "prompt", "question", "query");
    private static final List<String> INPUT = List.of("input", "context");
    private static final List<String> OUTPUT = List.of("output", "response", "answer", "completion");
    private static final List<String> SYSTEM = List.of("system", "system_prompt");
    private static final List<String> TEXT = List.of("text", "content", "document");
    private static final List<String> TAGS = List.of("tags", "tag", "labels");

    /** Every header this mapping names, for checking a file's header. */
    public Set<String> columns() {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String c : new String[] {instruction, input, output, system, text, tags}) {
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Guesses a mapping from header names (case-insensitive): {@code instruction|prompt|question|query},
     * {@code input|context}, {@code output|response|answer|completion}, {@code system}, {@code text|content|document},
     * {@code tags}. Text is chosen only when no instruction/output pair is found.
     */
    public static Optional<ColumnMapping> guess(List<String> header) {
        String instruction = pick(header, INSTRUCTION);
        String output = pick(header, OUTPUT);
        String tags = pick(header, TAGS);
        if (instruction != null && output != null) {
            return Optional.of(new ColumnMapping(instruction, pick(header, INPUT), output, pick(header, SYSTEM), null, tags));
        }
        String text = pick(header, TEXT);
        return text == null ? Optional.empty() : Optional.of(new ColumnMapping(null, null, null, null, text, tags));
    }

    private static String pick(List<String> header, List<String> names) {
        for (String name : names) {
            for (String h : header) {
                if (h.strip().toLowerCase(Locale.ROOT).equals(name)) {
                    return h;
                }
            }
        }
        return null;
    }
}
