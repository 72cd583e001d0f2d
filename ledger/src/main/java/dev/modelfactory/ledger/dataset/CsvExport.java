package dev.modelfactory.ledger.dataset;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * CSV (RFC 4180) with the header {@code system,instruction,output} (plus {@code tags}, joined by
 * {@code |}), read back by the CSV import's guessed column mapping. One record per single-turn row:
 * an optional non-blank system message, one user turn, one assistant turn. Other shapes (raw text,
 * several turns, tools) and text with CR LF line breaks (read back as LF) are reported.
 */
final class CsvExport implements ExportWriter {

    private final boolean withTags;

    CsvExport(boolean withTags) {
        this.withTags = withTags;
    }

    @Override
    public void begin(Writer out) throws IOException {
        out.write(withTags ? "system,instruction,output,tags\n" : "system,instruction,output\n");
    }

    @Override
    public Optional<String> write(Conversation row, Writer out) throws IOException {
        if (row.text() != null) {
            return Optional.of("a raw-text row has no place in the system,instruction,output CSV");
        }
        if (row.tools() != null) {
            return Optional.of("tool definitions have no place in CSV; export as sharegpt or openai");
        }
        List<Message> m = row.messages();
        boolean system = !m.isEmpty() && m.getFirst().role() == Role.SYSTEM;
        int first = system ? 1 : 0;
        if (system && m.getFirst().content().isBlank()) {
            return Optional.of("a blank system message has no CSV form (the import drops it)");
        }
        if (m.size() - first != 2 || m.get(first).role() != Role.USER || m.get(first + 1).role() != Role.ASSISTANT) {
            return Optional.of("CSV holds one user turn and one assistant turn; export multi-turn rows as alpaca, sharegpt"
                    + " or openai");
        }
        for (Message msg : m) {
            String problem = ExportSupport.plainTurnProblem(msg);
            if (problem != null) {
                return Optional.of(problem);
            }
            if (msg.content().contains("\r\n")) {
                return Optional.of("text with CR LF line breaks would read back from CSV as LF; export as a JSONL format");
            }
        }
        StringBuilder line = new StringBuilder();
        field(line, system ? m.getFirst().content() : "").append(',');
        field(line, m.get(first).content()).append(',');
        field(line, m.get(first + 1).content());
        if (withTags) {
            line.append(',');
            field(line, String.join("|", row.tags()));
        }
        out.write(line.append('\n').toString());
        return Optional.empty();
    }

    private static StringBuilder field(StringBuilder sb, String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return sb.append(value);
        }
        return sb.append('"').append(value.replace("\"", "\"\"")).append('"');
    }
}
