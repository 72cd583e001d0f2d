package dev.modelfactory.engine.eval;

import java.util.List;
import java.util.Objects;

/**
 * A named task of a suite: its kind, the metrics its items are scored by (all of that kind), the options
 * some metrics need ({@code pattern}: the regex for REGEX_MATCH; {@code jsonSchema}: the JSON Schema text
 * for JSON_SCHEMA; null when unused) and its items.
 */
public record EvalTask(String name, TaskKind kind, List<Metric> metrics, String pattern, String jsonSchema,
        List<EvalItem> items) {

    public EvalTask {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        metrics = List.copyOf(metrics);
        items = List.copyOf(items);
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": no metrics");
        }
        for (Metric m : metrics) {
            if (m.kind() != kind) {
                throw new IllegalArgumentException("task " + name + ": metric " + m.id() + " scores "
                        + m.kind() + " tasks, not " + kind);
            }
        }
        if (metrics.contains(Metric.REGEX_MATCH) && (pattern == null || pattern.isEmpty())) {
            throw new IllegalArgumentException("task " + name + ": regex_match needs a pattern");
        }
        if (metrics.contains(Metric.JSON_SCHEMA) && (jsonSchema == null || jsonSchema.isEmpty())) {
            throw new IllegalArgumentException("task " + name + ": json_schema needs a schema");
        }
    }
}
