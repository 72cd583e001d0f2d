package dev.modelfactory.engine.eval.io;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import dev.modelfactory.engine.eval.metrics.JsonSchemaException;
import dev.modelfactory.engine.eval.metrics.Scorers;
import dev.modelfactory.engine.format.hf.ChatTemplate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One task while its lines are read: task-level fields (kind, metrics, pattern, schema) may be given on any
 * of its lines but must agree; items keep their line so late checks still name it.
 */
final class TaskDraft {

    /** An item as read, before the task's kind is known. */
    record Line(long line, String id, List<ChatTemplate.Message> prompt, String reference, List<String> choices,
            Integer answer, List<String> tags, String source) {
    }

    private final String file;
    private final String name;
    private final long firstLine;
    private TaskKind kind;
    private long kindLine;
    private List<Metric> metrics;
    private long metricsLine;
    private String pattern;
    private long patternLine;
    private String schema;
    private long schemaLine;
    private final List<Line> items = new ArrayList<>();
    private final Set<String> ids = new HashSet<>();

    TaskDraft(String file, String name, long firstLine) {
        this.file = file;
        this.name = name;
        this.firstLine = firstLine;
    }

    void kind(TaskKind k, long line) {
        same(kind, k, line, "kind");
        kind = k;
        kindLine = line;
    }

    void metrics(List<Metric> m, long line) {
        same(metrics, m, line, "metrics");
        metrics = m;
        metricsLine = line;
    }

    void pattern(String p, long line) {
        same(pattern, p, line, "pattern");
        pattern = p;
        patternLine = line;
    }

    void schema(String s, long line) {
        same(schema, s, line, "json_schema");
        schema = s;
        schemaLine = line;
    }

    void add(Line item) {
        if (!ids.add(item.id())) {
            throw error(item.line(), "id", "task '" + name + "' already has an item with id '" + item.id() + "'");
        }
        items.add(item);
    }

    int size() {
        return items.size();
    }

    EvalTask build() {
        TaskKind k = resolveKind();
        List<Metric> m = metrics;
        if (m == null) {
            m = switch (k) {
                case LOSS -> List.of(Metric.LOSS);
                case MULTIPLE_CHOICE -> List.of(Metric.CHOICE_ACCURACY);
                case GENERATION -> throw error(firstLine, "metrics", "generation task '" + name
                        + "' needs 'metrics' on one of its lines");
            };
        }
        for (Metric metric : m) {
            if (metric.kind() != k) {
                throw error(metricsLine, "metrics", "metric '" + metric.id() + "' scores " + lower(metric.kind())
                        + " tasks, but task '" + name + "' is " + lower(k));
            }
        }
        List<EvalItem> built = new ArrayList<>(items.size());
        for (Line line : items) {
            built.add(item(k, line));
        }
        EvalTask task;
        try {
            task = new EvalTask(name, k, m, pattern, schema, built);
        } catch (IllegalArgumentException e) {
            throw error(firstLine, "", e.getMessage());
        }
        try {
            Scorers.validate(task);
        } catch (JsonSchemaException e) {
            throw error(schemaLine, "json_schema", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw error(patternLine, "pattern", e.getMessage());
        }
        return task;
    }

    private TaskKind resolveKind() {
        if (kind != null) {
            return kind;
        }
        if (metrics != null) {
            TaskKind k = metrics.getFirst().kind();
            for (Metric m : metrics) {
                if (m.kind() != k) {
                    throw error(metricsLine, "metrics", "metrics of different task kinds: " + m.id() + " is "
                            + lower(m.kind()) + ", " + metrics.getFirst().id() + " is " + lower(k));
                }
            }
            return k;
        }
        if (items.stream().anyMatch(l -> !l.choices().isEmpty())) {
            return TaskKind.MULTIPLE_CHOICE;
        }
        throw error(firstLine, "kind", "task '" + name + "' gives neither 'kind' nor 'metrics'");
    }

    private EvalItem item(TaskKind k, Line l) {
        if (k == TaskKind.MULTIPLE_CHOICE) {
            if (l.choices().size() < 2) {
                throw error(l.line(), "choices", "a multiple-choice item needs at least 2 choices");
            }
            if (l.answer() == null) {
                throw error(l.line(), "answer", "a multiple-choice item needs 'answer' (index into choices)");
            }
            if (l.answer() < 0 || l.answer() >= l.choices().size()) {
                throw error(l.line(), "answer", l.answer() + " is not an index into " + l.choices().size()
                        + " choices");
            }
            String right = l.choices().get(l.answer());
            if (l.reference() != null && !l.reference().equals(right)) {
                throw error(l.line(), "reference", "differs from the answer's choice '" + right + "'");
            }
            return new EvalItem(l.id(), l.prompt(), right, l.choices(), l.answer(), l.tags(), l.source());
        }
        if (!l.choices().isEmpty() || l.answer() != null) {
            throw error(l.line(), l.choices().isEmpty() ? "answer" : "choices", "only multiple_choice items have "
                    + "choices and an answer; task '" + name + "' is " + lower(k));
        }
        if (l.reference() == null) {
            throw error(l.line(), "reference", "missing (a " + lower(k) + " item needs the expected text)");
        }
        if (k == TaskKind.GENERATION && l.prompt().isEmpty()) {
            throw error(l.line(), "messages", "a generation item needs a prompt");
        }
        return new EvalItem(l.id(), l.prompt(), l.reference(), List.of(), -1, l.tags(), l.source());
    }

    private void same(Object before, Object now, long line, String field) {
        if (before != null && !Objects.equals(before, now)) {
            throw error(line, field, "task '" + name + "' already has a different " + field + " (given on line "
                    + firstLineOf(field) + ")");
        }
    }

    private long firstLineOf(String field) {
        return switch (field) {
            case "kind" -> kindLine;
            case "metrics" -> metricsLine;
            case "pattern" -> patternLine;
            default -> schemaLine;
        };
    }

    private SuiteFormatException error(long line, String field, String why) {
        return new SuiteFormatException(file, line, field, why);
    }

    static String lower(TaskKind k) {
        return k.name().toLowerCase(java.util.Locale.ROOT);
    }
}
