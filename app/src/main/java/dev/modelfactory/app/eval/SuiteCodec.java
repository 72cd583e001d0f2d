package dev.modelfactory.app.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.eval.Decoding;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A suite's tasks and a job's decoding as canonical JSON: compact, keys in one fixed order, so equal
 * tasks always give equal text (the store versions suites by that text's hash).
 *
 * <p>Shape: {@code [{"name", "kind": "generation|loss|multiple_choice", "metrics": [ids], "pattern"?,
 * "jsonSchema"?, "items": [{"id", "prompt": [{"role", "content"}], "reference", "choices": [..],
 * "answer", "tags": [..], "source"}]}]}; {@code pattern} and {@code jsonSchema} only when set.
 */
public final class SuiteCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SuiteCodec() {
    }

    public static String tasksJson(List<EvalTask> tasks) {
        ArrayNode out = JSON.createArrayNode();
        for (EvalTask t : tasks) {
            ObjectNode o = out.addObject();
            o.put("name", t.name());
            o.put("kind", t.kind().name().toLowerCase(Locale.ROOT));
            ArrayNode metrics = o.putArray("metrics");
            t.metrics().forEach(m -> metrics.add(m.id()));
            if (t.pattern() != null) {
                o.put("pattern", t.pattern());
            }
            if (t.jsonSchema() != null) {
                o.put("jsonSchema", t.jsonSchema());
            }
            ArrayNode items = o.putArray("items");
            for (EvalItem i : t.items()) {
                ObjectNode n = items.addObject();
                n.put("id", i.id());
                ArrayNode prompt = n.putArray("prompt");
                i.prompt().forEach(m -> prompt.addObject().put("role", m.role()).put("content", m.content()));
                n.put("reference", i.reference());
                ArrayNode choices = n.putArray("choices");
                i.choices().forEach(choices::add);
                n.put("answer", i.answer());
                ArrayNode tags = n.putArray("tags");
                i.tags().forEach(tags::add);
                n.put("source", i.source());
            }
        }
        return write(out);
    }

    /** The tasks of {@link #tasksJson}; errors name the task, item and field. */
    public static List<EvalTask> tasks(String json) {
        JsonNode root = read(json, "tasks");
        if (!root.isArray()) {
            throw new IllegalArgumentException("tasks: expected a JSON array");
        }
        List<EvalTask> tasks = new ArrayList<>();
        for (int ti = 0; ti < root.size(); ti++) {
            JsonNode t = root.get(ti);
            String where = "task " + (ti + 1);
            String name = text(t, "name", where);
            where = "task " + name;
            TaskKind kind = kind(text(t, "kind", where), where);
            List<Metric> metrics = new ArrayList<>();
            for (JsonNode m : array(t, "metrics", where)) {
                metrics.add(Metric.of(m.asText()));
            }
            List<EvalItem> items = new ArrayList<>();
            for (JsonNode i : array(t, "items", where)) {
                String id = text(i, "id", where + " item");
                String at = where + " item " + id;
                List<ChatTemplate.Message> prompt = new ArrayList<>();
                for (JsonNode m : array(i, "prompt", at)) {
                    prompt.add(new ChatTemplate.Message(text(m, "role", at), text(m, "content", at)));
                }
                List<String> choices = strings(array(i, "choices", at));
                items.add(new EvalItem(id, prompt, text(i, "reference", at), choices, i.path("answer").asInt(-1),
                        strings(array(i, "tags", at)), i.path("source").asText("")));
            }
            tasks.add(new EvalTask(name, kind, metrics, optional(t, "pattern"), optional(t, "jsonSchema"), items));
        }
        return tasks;
    }

    public static String decodingJson(Decoding d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("maxTokens", d.maxTokens());
        o.put("temperature", d.temperature());
        o.put("topP", d.topP());
        o.put("seed", d.seed());
        return write(o);
    }

    public static Decoding decoding(String json) {
        JsonNode o = read(json, "decoding");
        return new Decoding(o.path("maxTokens").asInt(), o.path("temperature").asDouble(), o.path("topP").asDouble(1),
                o.path("seed").asLong());
    }

    static TaskKind kind(String id, String where) {
        for (TaskKind k : TaskKind.values()) {
            if (k.name().toLowerCase(Locale.ROOT).equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException(where + ": kind '" + id + "' is not generation, loss or multiple_choice");
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(what + ": not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' missing or not a string");
        }
        return v.asText();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static JsonNode array(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' missing or not an array");
        }
        return v;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
