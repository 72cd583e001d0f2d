package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * OpenAI chat JSONL, the inverse of {@link OpenAiMapper}: {@code messages} of {@code role}/{@code content}
 * with {@code name}, {@code tool_calls}, {@code tool_call_id} when present, and {@code tools}.
 *
 * <p>{@code tool_calls} and {@code tools} are stored as JSON text. They are written as JSON (the shape
 * OpenAI tools expect) when the text is exactly the compact form the import produces from that JSON, so
 * the row hash survives the round trip; otherwise (text imported as a JSON string, e.g. from ShareGPT)
 * they are written as that string. Raw-text rows have no chat form and are reported.
 */
final class OpenAiExport implements ExportWriter {

    private final boolean withTags;

    OpenAiExport(boolean withTags) {
        this.withTags = withTags;
    }

    @Override
    public Optional<String> write(Conversation row, Writer out) throws IOException {
        if (row.text() != null) {
            return Optional.of("a raw-text row has no OpenAI chat form (messages)");
        }
        try (JsonGenerator g = ExportSupport.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("messages");
            for (Message m : row.messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role().wire());
                g.writeStringField("content", m.content());
                if (m.name() != null) {
                    g.writeStringField("name", m.name());
                }
                if (m.toolCalls() != null) {
                    json(g, "tool_calls", m.toolCalls());
                }
                if (m.toolCallId() != null) {
                    g.writeStringField("tool_call_id", m.toolCallId());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (row.tools() != null) {
                json(g, "tools", row.tools());
            }
            if (withTags) {
                ExportSupport.tags(g, row.tags());
            }
            g.writeEndObject();
        }
        out.write('\n');
        return Optional.empty();
    }

    private static void json(JsonGenerator g, String field, String text) throws IOException {
        g.writeFieldName(field);
        if (isCompactJson(text)) {
            g.writeRawValue(text);
        } else {
            g.writeString(text);
        }
    }

    /** True if {@code text} is an object or array that the import would store as exactly {@code text}. */
    static boolean isCompactJson(String text) {
        if (text.isEmpty() || (text.charAt(0) != '{' && text.charAt(0) != '[')) {
            return false;
        }
        try (JsonParser p = JsonValues.FACTORY.createParser(text)) {
            p.nextToken();
            Object tree = JsonValues.read(p);
            if (p.nextToken() != null || !(tree instanceof Map<?, ?> || tree instanceof List<?>)) {
                return false;
            }
            return JsonValues.write(tree).equals(text);
        } catch (IOException e) {
            return false;
        }
    }
}
