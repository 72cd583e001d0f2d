package dev.modelfactory.engine.eval.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A suite as JSONL, one item per line:
 * <pre>{"task": "capitals", "kind": "generation", "metrics": ["exact_match", "token_f1"], "id": "q1",
 *  "prompt": "Capital of France?", "reference": "Paris", "tags": ["geo"]}</pre>
 * Item fields: {@code task} (required), {@code id} (default: the line number), {@code prompt} (one user
 * message) or {@code messages} ([{role, content}]; may be empty only for loss items), {@code reference}
 * (required except for multiple_choice, where it defaults to the answer's choice), {@code choices} and
 * {@code answer} (multiple_choice only: the list and the right index), {@code tags}, {@code source} (default
 * FILE:LINE). Task fields, given on any one line of the task and repeated only with the same value:
 * {@code kind} (generation | loss | multiple_choice; default: the kind of the metrics, else multiple_choice
 * when its items have choices), {@code metrics}
 * (metric ids; default [loss] / [choice_accuracy] for those kinds), {@code pattern} (regex_match),
 * {@code json_schema} (a JSON Schema object, or a string holding one; kept as compact JSON). Unknown fields,
 * blank required fields, bad patterns and unsupported schema keywords are errors that name the file, line
 * and field. Blank lines are skipped. Tasks keep the order of their first line.
 */
public final class SuiteJsonl {

    private static final Set<String> FIELDS = Set.of("task", "kind", "metrics", "prompt", "messages", "reference",
            "choices", "answer", "tags", "id", "pattern", "json_schema", "source");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SuiteJsonl() {
    }

    /** Reads {@code file} as the suite {@code name}; errors name the file as given. */
    public static EvalSuite read(Path file, String name, int version, String description) throws IOException {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.getFileName().toString(), name, version, description);
        }
    }

    /** Reads JSONL from {@code in}; {@code fileLabel} is the name errors and default sources use. */
    public static EvalSuite read(BufferedReader in, String fileLabel, String name, int version, String description)
            throws IOException {
        Map<String, TaskDraft> tasks = new LinkedHashMap<>();
        long lineNo = 0;
        for (String text = in.readLine(); text != null; text = in.readLine()) {
            lineNo++;
            if (!text.isBlank()) {
                readLine(text, fileLabel, lineNo, tasks);
            }
        }
        if (tasks.isEmpty()) {
            throw new SuiteFormatException(fileLabel, 0, "", "no items (the file has no non-blank lines)");
        }
        List<EvalTask> built = new ArrayList<>();
        for (TaskDraft d : tasks.values()) {
            built.add(d.build());
        }
        return new EvalSuite(name, version, description, built);
    }

    private static void readLine(String text, String file, long line, Map<String, TaskDraft> tasks) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SuiteFormatException(file, line, "", "malformed JSON: " + e.getOriginalMessage());
        }
        LineFields f = new LineFields(file, line, node);
        for (var it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw f.error(field, "unknown field (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        String taskName = f.text("task", true);
        TaskDraft task = tasks.computeIfAbsent(taskName, n -> new TaskDraft(file, n, line));
        if (node.has("kind")) {
            task.kind(f.kind(), line);
        }
        if (node.has("metrics")) {
            task.metrics(f.metrics(), line);
        }
        if (node.has("pattern")) {
            task.pattern(f.text("pattern", true), line);
        }
        if (node.has("json_schema")) {
            task.schema(f.schema(), line);
        }
        String id = node.has("id") ? f.text("id", true) : String.valueOf(line);
        String source = node.has("source") ? f.text("source", false) : file + ":" + line;
        task.add(new TaskDraft.Line(line, id, f.prompt(), node.has("reference") ? f.text("reference", false) : null,
                f.strings("choices"), node.has("answer") ? f.index("answer") : null, f.strings("tags"), source));
    }

    /** Writes {@code suite} to {@code file} atomically (a temporary file in the same folder, then a rename). */
    public static void write(EvalSuite suite, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                write(suite, out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One line per item; task fields on each task's first line. A task with no items cannot be written. */
    public static void write(EvalSuite suite, Writer out) throws IOException {
        for (EvalTask task : suite.tasks()) {
            if (task.items().isEmpty()) {
                throw new IllegalArgumentException("task " + task.name() + " has no items: a JSONL suite holds "
                        + "tasks through their items");
            }
            boolean first = true;
            for (EvalItem item : task.items()) {
                out.write(JSON.writeValueAsString(line(task, item, first)));
                out.write('\n');
                first = false;
            }
        }
    }

    private static ObjectNode line(EvalTask task, EvalItem item, boolean first) throws JsonProcessingException {
        ObjectNode o = JSON.createObjectNode();
        o.put("task", task.name());
        if (first) {
            o.put("kind", TaskDraft.lower(task.kind()));
            ArrayNode metrics = o.putArray("metrics");
            task.metrics().forEach(m -> metrics.add(m.id()));
            if (task.pattern() != null) {
                o.put("pattern", task.pattern());
            }
            if (task.jsonSchema() != null) {
                o.set("json_schema", JSON.readTree(task.jsonSchema()));
            }
        }
        o.put("id", item.id());
        List<ChatTemplate.Message> prompt = item.prompt();
        if (prompt.size() == 1 && prompt.getFirst().role().equals("user")) {
            o.put("prompt", prompt.getFirst().content());
        } else {
            ArrayNode messages = o.putArray("messages");
            prompt.forEach(m -> messages.addObject().put("role", m.role()).put("content", m.content()));
        }
        o.put("reference", item.reference());
        if (task.kind() == TaskKind.MULTIPLE_CHOICE) {
            item.choices().forEach(o.putArray("choices")::add);
            o.put("answer", item.answer());
        }
        if (!item.tags().isEmpty()) {
            item.tags().forEach(o.putArray("tags")::add);
        }
        if (!item.source().isEmpty()) {
            o.put("source", item.source());
        }
        return o;
    }

    static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode parse(String text) throws JsonProcessingException {
        return JSON.readTree(text);
    }

    static List<Metric> metricsOf(List<String> ids) {
        return ids.stream().map(Metric::of).toList();
    }
}
