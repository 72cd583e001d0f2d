package dev.modelfactory.engine.eval.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Typed access to one JSONL line's fields; every failure names the file, line and field. */
final class LineFields {

    private final String file;
    private final long line;
    private final JsonNode node;

    LineFields(String file, long line, JsonNode node) {
        this.file = file;
        this.line = line;
        if (!node.isObject()) {
            throw new SuiteFormatException(file, line, "", "expected a JSON object, found " + node.getNodeType());
        }
        this.node = node;
    }

    SuiteFormatException error(String field, String why) {
        return new SuiteFormatException(file, line, field, why);
    }

    String text(String field, boolean nonBlank) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw error(field, "missing");
        }
        if (!v.isTextual()) {
            throw error(field, "must be a string, found " + v.getNodeType());
        }
        if (nonBlank && v.asText().isBlank()) {
            throw error(field, "must not be blank");
        }
        return v.asText();
    }

    List<String> strings(String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            return List.of();
        }
        if (!v.isArray()) {
            throw error(field, "must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw error(field, "must be an array of strings, found " + e.getNodeType());
            }
            out.add(e.asText());
        }
        return out;
    }

    Integer index(String field) {
        JsonNode v = node.get(field);
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw error(field, "must be an integer index, found " + v);
        }
        return v.asInt();
    }

    TaskKind kind() {
        String k = text("kind", true);
        try {
            return TaskKind.valueOf(k.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw error("kind", "unknown kind '" + k + "' (known: generation, loss, multiple_choice)");
        }
    }

    List<Metric> metrics() {
        List<String> ids = strings("metrics");
        if (ids.isEmpty()) {
            throw error("metrics", "must list at least one metric");
        }
        try {
            return SuiteJsonl.metricsOf(ids);
        } catch (IllegalArgumentException e) {
            throw error("metrics", e.getMessage());
        }
    }

    /** The schema as compact JSON text, given as an object or boolean, or as a string holding one. */
    String schema() {
        JsonNode v = node.get("json_schema");
        if (v.isTextual()) {
            try {
                v = SuiteJsonl.parse(v.asText());
            } catch (JsonProcessingException e) {
                throw error("json_schema", "the string is not JSON: " + e.getOriginalMessage());
            }
        }
        if (!v.isObject() && !v.isBoolean()) {
            throw error("json_schema", "must be a JSON Schema object (or a string holding one)");
        }
        return SuiteJsonl.compact(v);
    }

    List<ChatTemplate.Message> prompt() {
        boolean hasPrompt = node.has("prompt");
        boolean hasMessages = node.has("messages");
        if (hasPrompt == hasMessages) {
            throw error(hasPrompt ? "messages" : "prompt", hasPrompt ? "give 'prompt' or 'messages', not both"
                    : "missing (give 'prompt' or 'messages')");
        }
        if (hasPrompt) {
            return List.of(new ChatTemplate.Message("user", text("prompt", false)));
        }
        JsonNode v = node.get("messages");
        if (!v.isArray()) {
            throw error("messages", "must be an array of {role, content}");
        }
        List<ChatTemplate.Message> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode m = v.get(i);
            String at = "messages[" + i + "]";
            if (!m.isObject() || !m.path("role").isTextual() || !m.path("content").isTextual() || m.size() != 2) {
                throw error(at, "must be {\"role\": string, \"content\": string}");
            }
            String role = m.get("role").asText();
            if (!List.of("system", "user", "assistant").contains(role)) {
                throw error(at + ".role", "unknown role '" + role + "' (known: system, user, assistant)");
            }
            out.add(new ChatTemplate.Message(role, m.get("content").asText()));
        }
        return out;
    }
}
