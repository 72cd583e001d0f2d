package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;

/**
 * ShareGPT JSONL, the inverse of {@link ShareGptMapper}: a first non-blank system message becomes the
 * top-level {@code system}; turns are {@code human}, {@code gpt}, {@code system}, {@code observation}
 * (tool results), and {@code function_call} (an assistant turn that only calls tools, its value the
 * calls); {@code tools} is written as the text stored. Raw text, message names, tool call ids and an
 * assistant turn with both text and tool calls have no ShareGPT form and are reported.
 */
final class ShareGptExport implements ExportWriter {

    private final boolean withTags;

    ShareGptExport(boolean withTags) {
        this.withTags = withTags;
    }

    @Override
    public Optional<String> write(Conversation row, Writer out) throws IOException {
        if (row.text() != null) {
            return Optional.of("a raw-text row has no ShareGPT form (conversations)");
        }
        List<Message> m = row.messages();
        for (Message msg : m) {
            if (msg.name() != null || msg.toolCallId() != null) {
                return Optional.of("ShareGPT has no place for a message name or tool_call_id; export as openai");
            }
            if (msg.toolCalls() != null && (msg.role() != Role.ASSISTANT || !msg.content().isEmpty())) {
                return Optional.of("ShareGPT's function_call turn carries tool calls only; this " + msg.role().wire()
                        + " turn also has text; export as openai");
            }
        }
        boolean topSystem = !m.isEmpty() && m.getFirst().role() == Role.SYSTEM && !m.getFirst().content().isBlank();
        try (JsonGenerator g = ExportSupport.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (topSystem) {
                g.writeStringField("system", m.getFirst().content());
            }
            g.writeArrayFieldStart("conversations");
            for (int i = topSystem ? 1 : 0; i < m.size(); i++) {
                Message msg = m.get(i);
                g.writeStartObject();
                if (msg.toolCalls() != null) {
                    g.writeStringField("from", "function_call");
                    g.writeStringField("value", msg.toolCalls());
                } else {
                    g.writeStringField("from", switch (msg.role()) {
                        case SYSTEM -> "system";
                        case USER -> "human";
                        case ASSISTANT -> "gpt";
                        case TOOL -> "observation";
                    });
                    g.writeStringField("value", msg.content());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (row.tools() != null) {
                g.writeStringField("tools", row.tools());
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
