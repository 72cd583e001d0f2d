package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The stored payload of a row: compact JSON
 * {@code {"text":..,"tools":..,"messages":[{"role":..,"content":..,"name":..,"tool_calls":..,"tool_call_id":..}]}}
 * with null fields left out. Tags are stored beside the payload, not in it (they are curation
 * metadata). The row hash is computed from the {@link Conversation}, not from this text, so the
 * payload's spelling may change without changing any row's identity.
 */
public final class RowJson {

    private RowJson() {
    }

    /** The payload JSON of a row (tags left out). */
    public static String write(Conversation row) {
        StringWriter out = new StringWriter(64 + (int) Math.min(row.contentLength(), 1 << 20));
        try (JsonGenerator g = JsonValues.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            if (row.text() != null) {
                g.writeStringField("text", row.text());
            }
            if (row.tools() != null) {
                g.writeStringField("tools", row.tools());
            }
            g.writeArrayFieldStart("messages");
            for (Message m : row.messages()) {
                g.writeStartObject();
                g.writeStringField("role", m.role().wire());
                g.writeStringField("content", m.content());
                optional(g, "name", m.name());
                optional(g, "tool_calls", m.toolCalls());
                optional(g, "tool_call_id", m.toolCallId());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Reads a payload written by {@link #write}.
     *
     * @throws IllegalArgumentException if the text is not such a payload
     */
    @SuppressWarnings("unchecked")
    public static Conversation read(String payload, List<String> tags) {
        try (JsonParser p = JsonValues.FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("a row payload is a JSON object");
            }
            Map<String, Object> obj = (Map<String, Object>) JsonValues.read(p);
            List<Message> messages = new ArrayList<>();
            for (Object o : (List<Object>) obj.getOrDefault("messages", List.of())) {
                Map<String, Object> m = (Map<String, Object>) o;
                messages.add(new Message(Role.ofWire((String) m.get("role")), (String) m.get("content"),
                        (String) m.get("name"), (String) m.get("tool_calls"), (String) m.get("tool_call_id")));
            }
            return new Conversation(messages, (String) obj.get("text"), (String) obj.get("tools"), tags);
        } catch (IOException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("not a row payload: " + e.getMessage(), e);
        }
    }

    private static void optional(JsonGenerator g, String field, String value) throws IOException {
        if (value != null) {
            g.writeStringField(field, value);
        }
    }
}
