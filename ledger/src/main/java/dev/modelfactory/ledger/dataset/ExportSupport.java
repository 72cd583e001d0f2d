package dev.modelfactory.ledger.dataset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.util.List;

/** What the export writers share: a JSON generator per record that leaves the file open, tags, turn checks. */
final class ExportSupport {

    static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private ExportSupport() {
    }

    /** Writes a {@code tags} array field if there are tags. */
    static void tags(JsonGenerator g, List<String> tags) throws IOException {
        if (!tags.isEmpty()) {
            g.writeArrayFieldStart("tags");
            for (String t : tags) {
                g.writeString(t);
            }
            g.writeEndArray();
        }
    }

    /** Why a message cannot be a plain Alpaca/CSV turn, or null if it can. */
    static String plainTurnProblem(Message m) {
        if (m.role() == Role.TOOL || m.toolCalls() != null || m.toolCallId() != null) {
            return "tool calls and tool results have no place in this format; export as sharegpt or openai";
        }
        if (m.name() != null) {
            return "a message name has no place in this format; export as openai";
        }
        return null;
    }
}
