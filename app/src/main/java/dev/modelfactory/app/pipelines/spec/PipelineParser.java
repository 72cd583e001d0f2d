package dev.modelfactory.app.pipelines.spec;

import dev.modelfactory.app.pipelines.StepOutline;
import dev.modelfactory.app.pipelines.Validation;
import dev.modelfactory.app.pipelines.ValidationProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a pipeline file against the schema (docs/pipelines.md) and reports every problem it finds, each with
 * the file, line and field path ({@code starter.yaml:12: steps[3].train.learning_rate: expected a number}),
 * not only the first. Whether referenced datasets, models and files exist is checked when the step runs.
 */
public final class PipelineParser {

    /** The validation and, when it found no problem, the pipeline. */
    public record Parsed(Validation validation, Optional<PipelineSpec> spec) {
    }

    private static final List<String> TOP = List.of("name", "description", "triggers", "steps");

    private final Path file;
    private final String fileName;
    private final List<ValidationProblem> problems = new ArrayList<>();

    private PipelineParser(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.fileName = file.getFileName().toString();
    }

    public static Parsed parse(Path file, String text) {
        return new PipelineParser(file).run(text);
    }

    private void problem(int line, String field, String message) {
        problems.add(new ValidationProblem(fileName, line, field, message));
    }

    private Parsed run(String text) {
        String name = baseName();
        YNode root;
        try {
            root = YamlTree.parse(text);
        } catch (YamlTree.SyntaxException e) {
            problem(e.line(), "", "not valid YAML: " + e.getMessage());
            return result(text, name, "", List.of(), Optional.empty(), Optional.empty());
        }
        if (!(root instanceof YNode.YMap top)) {
            problem(root.line(), "", "a pipeline is a mapping with name, description, triggers and steps");
            return result(text, name, "", List.of(), Optional.empty(), Optional.empty());
        }
        for (String k : top.entries().keySet()) {
            if (!TOP.contains(k)) {
                problem(top.lineOf(k), k, "unknown field (known: " + FieldChecks.known(TOP) + ")");
            }
        }
        name = text(top, "name", "name").orElse(name);
        if (name.isBlank() || name.length() > 200) {
            problem(top.lineOf("name"), "name", "must be 1 to 200 characters");
        }
        String description = text(top, "description", "description").orElse("");
        Optional<Duration> schedule = Optional.empty();
        Optional<PipelineSpec.Watch> watch = Optional.empty();
        YNode triggers = top.get("triggers");
        if (triggers != null && !(triggers instanceof YNode.YScalar s && s.isNull())) {
            if (triggers instanceof YNode.YMap t) {
                schedule = schedule(t);
                watch = watch(t);
            } else {
                problem(triggers.line(), "triggers", "expected a mapping (schedule, watch), got "
                        + FieldChecks.describe(triggers));
            }
        }
        List<StepSpec> steps = steps(top);
        return result(text, name, description, steps, schedule, watch);
    }

    private Parsed result(String text, String name, String description, List<StepSpec> steps,
            Optional<Duration> schedule, Optional<PipelineSpec.Watch> watch) {
        List<StepOutline> outline = steps.stream().map(s -> new StepOutline(s.index(), s.name(), s.kind().id(),
                s.line(), s.dependsOn(), s.kind().outputs())).toList();
        Validation v = new Validation(file, name, description, outline, schedule, watch.map(PipelineSpec.Watch::folder),
                problems);
        return new Parsed(v, problems.isEmpty() ? Optional.of(new PipelineSpec(file, text, name, description, schedule,
                watch, steps)) : Optional.empty());
    }

    private Optional<Duration> schedule(YNode.YMap t) {
        for (String k : t.entries().keySet()) {
            if (!k.equals("schedule") && !k.equals("watch")) {
                problem(t.lineOf(k), "triggers." + k, "unknown trigger (known: schedule, watch)");
            }
        }
        YNode s = t.get("schedule");
        if (s == null) {
            return Optional.empty();
        }
        if (!(s instanceof YNode.YMap m) || m.get("every") == null || m.entries().size() != 1) {
            problem(s.line(), "triggers.schedule", "expected a mapping with one field: every (e.g. every: 24h)");
            return Optional.empty();
        }
        Optional<String> every = text(m, "every", "triggers.schedule.every");
        if (every.isEmpty()) {
            return Optional.empty();
        }
        Duration d = FieldChecks.duration(every.get());
        if (d == null || d.isZero()) {
            problem(m.lineOf("every"), "triggers.schedule.every", "expected an interval such as 90s, 15m, 24h or 7d,"
                    + " got '" + every.get() + "'");
            return Optional.empty();
        }
        return Optional.of(d);
    }

    private Optional<PipelineSpec.Watch> watch(YNode.YMap t) {
        YNode w = t.get("watch");
        if (w == null) {
            return Optional.empty();
        }
        if (!(w instanceof YNode.YMap m)) {
            problem(w.line(), "triggers.watch", "expected a mapping with folder and pattern");
            return Optional.empty();
        }
        for (String k : m.entries().keySet()) {
            if (!k.equals("folder") && !k.equals("pattern")) {
                problem(m.lineOf(k), "triggers.watch." + k, "unknown field (known: folder, pattern)");
            }
        }
        Optional<String> folder = text(m, "folder", "triggers.watch.folder");
        if (folder.isEmpty()) {
            if (m.get("folder") == null) {
                problem(m.line(), "triggers.watch.folder", "required");
            }
            return Optional.empty();
        }
        String pattern = text(m, "pattern", "triggers.watch.pattern").orElse("*");
        return Optional.of(new PipelineSpec.Watch(file.getParent().resolve(folder.get()).normalize(), pattern));
    }

    private List<StepSpec> steps(YNode.YMap top) {
        YNode node = top.get("steps");
        if (node == null) {
            problem(top.line(), "steps", "required: the list of steps");
            return List.of();
        }
        if (!(node instanceof YNode.YList list) || list.items().isEmpty()) {
            problem(node.line(), "steps", "expected a non-empty list of steps, got " + FieldChecks.describe(node));
            return List.of();
        }
        List<StepSpec> out = new ArrayList<>();
        Map<String, StepKind> earlier = new HashMap<>();
        for (int i = 0; i < list.items().size(); i++) {
            YNode item = list.items().get(i);
            String path = "steps[" + i + "]";
            if (!(item instanceof YNode.YMap m) || m.entries().size() != 1) {
                problem(item.line(), path, "a step is one mapping entry, its kind: {fields} (kinds: " + StepKind.ids()
                        + "), got " + FieldChecks.describe(item));
                continue;
            }
            String kindId = m.entries().keySet().iterator().next();
            Optional<StepKind> kind = StepKind.of(kindId);
            if (kind.isEmpty()) {
                problem(m.lineOf(kindId), path + "." + kindId, "unknown step kind (known: " + StepKind.ids() + ")");
                continue;
            }
            path += "." + kindId;
            YNode body = m.get(kindId);
            YNode.YMap fields;
            if (body instanceof YNode.YMap f) {
                fields = f;
            } else if (body instanceof YNode.YScalar s && s.isNull()) {
                fields = new YNode.YMap(body.line(), Map.of(), Map.of());
            } else {
                problem(body.line(), path, "expected a mapping of the step's fields, got " + FieldChecks.describe(body));
                continue;
            }
            String name = text(fields, "name", path + ".name").orElse(kindId);
            if (!name.matches("[A-Za-z0-9_-]{1,100}")) {
                problem(fields.lineOf("name"), path + ".name", "letters, digits, _ and - only (it is used in ${"
                        + name + ".output})");
            } else if (earlier.containsKey(name)) {
                problem(fields.lineOf("name"), path + ".name", "another step is already named '" + name
                        + "' (give this one a name: field)");
            }
            Set<String> deps = new LinkedHashSet<>();
            new StepChecks(kind.get(), m.lineOf(kindId), fields, path, earlier, deps, this::problem).check();
            earlier.put(name, kind.get());
            out.add(new StepSpec(i, name, kind.get(), m.line(), path, withoutName(fields), List.copyOf(deps)));
        }
        return out;
    }

    private static YNode.YMap withoutName(YNode.YMap fields) {
        Map<String, YNode> e = new java.util.LinkedHashMap<>(fields.entries());
        e.remove("name");
        Map<String, Integer> l = new HashMap<>(fields.keyLines());
        l.remove("name");
        return new YNode.YMap(fields.line(), e, l);
    }

    private Optional<String> text(YNode.YMap m, String key, String field) {
        YNode n = m.get(key);
        if (n == null) {
            return Optional.empty();
        }
        return FieldChecks.check(n, FieldType.TEXT, (line, msg) -> problem(line, field, msg))
                ? Optional.of(((YNode.YScalar) n).text().strip()) : Optional.empty();
    }

    private String baseName() {
        String n = fileName;
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Receives problems as (line, field, message). */
    @FunctionalInterface
    interface Report {
        void problem(int line, String field, String message);
    }
}
