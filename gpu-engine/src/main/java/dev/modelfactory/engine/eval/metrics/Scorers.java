package dev.modelfactory.engine.eval.metrics;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.TaskKind;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Scores one output by every metric of its task. Regex patterns and JSON schemas are compiled once per
 * distinct text and cached; {@link #validate} compiles them up front so a bad pattern or an unsupported
 * schema keyword fails when the suite is built, not in the middle of a run.
 *
 * <p>REGEX_MATCH is 1 when {@code Pattern.compile(pattern).matcher(output.strip()).find()} (anywhere in the
 * output; anchor with ^...$ for a whole match). VALID_JSON is 1 when the stripped output is one strict JSON
 * value ({@link StrictJson}); JSON_SCHEMA is 1 when it is and the value satisfies the task's schema
 * ({@link JsonSchema}). CHOICE_ACCURACY is 1 when the output is the text of the right choice. LOSS is not
 * a function of the output: the runner measures it.
 */
public final class Scorers {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private Scorers() {
    }

    /** Each metric of {@code task} scored on {@code output} for {@code item}, in [0, 1]. */
    public static Map<Metric, Double> score(EvalTask task, EvalItem item, String output) {
        Map<Metric, Double> scores = new EnumMap<>(Metric.class);
        for (Metric m : task.metrics()) {
            scores.put(m, score(m, task, item, output));
        }
        return scores;
    }

    /** One metric; {@code task} supplies the pattern or schema where the metric needs one. */
    public static double score(Metric metric, EvalTask task, EvalItem item, String output) {
        String ref = item.reference();
        return switch (metric) {
            case EXACT_MATCH -> TextMetrics.exactMatch(output, ref);
            case NORMALIZED_EXACT_MATCH -> TextMetrics.normalizedExactMatch(output, ref);
            case CONTAINS -> TextMetrics.contains(output, ref);
            case TOKEN_F1 -> TextMetrics.tokenF1(output, ref);
            case ROUGE_L -> TextMetrics.rougeL(output, ref);
            case BLEU -> Bleu.sentence(output, ref);
            case REGEX_MATCH -> pattern(task).matcher(output.strip()).find() ? 1 : 0;
            case VALID_JSON -> StrictJson.parse(output).isPresent() ? 1 : 0;
            case JSON_SCHEMA -> StrictJson.parse(output).map(schema(task)::accepts).orElse(false) ? 1 : 0;
            case CHOICE_ACCURACY -> item.choices().isEmpty() ? 0
                    : output.equals(item.choices().get(item.answer())) ? 1 : 0;
            case LOSS -> throw new IllegalArgumentException("task " + task.name()
                    + ": loss is measured by the runner, not scored from an output");
        };
    }

    /**
     * Checks what a task needs beyond its record's own checks: the regex compiles, the JSON schema is in
     * the supported subset, multiple-choice items have choices. The message names the task and item.
     */
    public static void validate(EvalTask task) {
        if (task.metrics().contains(Metric.REGEX_MATCH)) {
            pattern(task);
        }
        if (task.metrics().contains(Metric.JSON_SCHEMA)) {
            schema(task);
        }
        if (task.kind() == TaskKind.MULTIPLE_CHOICE) {
            for (EvalItem item : task.items()) {
                if (item.choices().size() < 2) {
                    throw new IllegalArgumentException("task " + task.name() + ", item " + item.id()
                            + ": a multiple-choice item needs at least 2 choices");
                }
            }
        }
    }

    private static Pattern pattern(EvalTask task) {
        try {
            return PATTERNS.computeIfAbsent(task.pattern(), Pattern::compile);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("task " + task.name() + ": bad regex pattern: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
    }

    private static JsonSchema schema(EvalTask task) {
        try {
            return SCHEMAS.computeIfAbsent(task.jsonSchema(), JsonSchema::compile);
        } catch (JsonSchemaException e) {
            throw new JsonSchemaException("task " + task.name() + ": " + e.getMessage());
        }
    }
}
