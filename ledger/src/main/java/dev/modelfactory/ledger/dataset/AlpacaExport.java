package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * Alpaca JSONL, the inverse of {@link AlpacaMapper}: an optional non-blank system message, then
 * user/assistant pairs ending with the assistant. The last pair becomes {@code instruction}/{@code output}
 * (with {@code input} empty, so the prompt reads back unchanged), earlier pairs {@code history} as
 * LLaMA-Factory writes it. Anything else (raw text, tools, tool turns, names, other turn orders, a blank
 * system message, which the import drops) has no Alpaca form and is reported.
 */
final class AlpacaExport implements ExportWriter {

    private final boolean withTags;

    AlpacaExport(boolean withTags) {
        this.withTags = withTags;
    }

    @Override
    public Optional<String> write(Conversation row, Writer out) throws IOException {
        if (row.text() != null) {
            return Optional.of("a raw-text row has no Alpaca form (instruction/output)");
        }
        if (row.tools() != null) {
            return Optional.of("tool definitions have no place in Alpaca; export as sharegpt or openai");
        }
        List<Message> m = row.messages();
        int first = 0;
        String system = null;
        if (!m.isEmpty() && m.getFirst().role() == Role.SYSTEM) {
            system = m.getFirst().content();
            if (system.isBlank()) {
                return Optional.of("a blank system message has no Alpaca form (the import drops it)");
            }
            first = 1;
        }
        int turns = m.size() - first;
        if (turns < 2 || turns % 2 != 0) {
            return Optional.of("Alpaca needs user/assistant pairs ending with the assistant; the row has " + turns
                    + " turns after the system message");
        }
        for (int i = first; i < m.size(); i++) {
            String problem = ExportSupport.plainTurnProblem(m.get(i));
            if (problem != null) {
                return Optional.of(problem);
            }
            Role expected = (i - first) % 2 == 0 ? Role.USER : Role.ASSISTANT;
            if (m.get(i).role() != expected) {
                return Optional.of("Alpaca needs user/assistant pairs; turn " + (i + 1) + " is " + m.get(i).role().wire());
            }
        }
        try (JsonGenerator g = ExportSupport.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("instruction", m.get(m.size() - 2).content());
            g.writeStringField("input", "");
            g.writeStringField("output", m.getLast().content());
            if (system != null) {
                g.writeStringField("system", system);
            }
            if (turns > 2) {
                g.writeArrayFieldStart("history");
                for (int i = first; i < m.size() - 2; i += 2) {
                    g.writeStartArray();
                    g.writeString(m.get(i).content());
                    g.writeString(m.get(i + 1).content());
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            if (withTags) {
                ExportSupport.tags(g, row.tags());
            }
            g.writeEndObject();
        }
        out.write('\n');
        return Optional.empty();
    }
}
