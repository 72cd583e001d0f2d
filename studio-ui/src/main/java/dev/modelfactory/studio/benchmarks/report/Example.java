package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** One item of a task with every system's outcome on it, keyed by system label (in the job's order). */
public record Example(String task, EvalItem item, Map<String, ItemOutcome> outcomes) {

    /**
     * An output scoring at least this (on a metric where higher is better) counts as right: the binary
     * metrics score 0 or 1, the graded ones (token F1, ROUGE-L, BLEU) count as right from half way.
     */
    public static final double RIGHT_FROM = 0.5;

    public Example {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(item, "item");
        outcomes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcomes));
    }

    /** The prompt as one text: the messages' contents, a role prefix when there is more than one message. */
    public String promptText() {
        if (item.prompt().size() == 1) {
            return item.prompt().getFirst().content();
        }
        return item.prompt().stream().map(m -> m.role() + ": " + m.content()).collect(Collectors.joining("\n"));
    }

    /** A multiple-choice item's choices, the answer marked ("positive* | negative"); empty for other items. */
    public String choicesText() {
        List<String> choices = item.choices();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < choices.size(); i++) {
            out.append(i == 0 ? "" : " | ").append(choices.get(i)).append(i == item.answer() ? "*" : "");
        }
        return out.toString();
    }

    /** {@code system}'s score on {@code metric}, NaN when the item was not scored by it. */
    public double score(String system, Metric metric) {
        ItemOutcome o = outcomes.get(system);
        if (o == null) {
            return Double.NaN;
        }
        Double s = o.scores().get(metric);
        return s == null ? Double.NaN : s;
    }

    /** Whether {@code system} got it right by {@code metric}; false for loss and unscored items. */
    public boolean right(String system, Metric metric) {
        double s = score(system, metric);
        return metric.higherIsBetter() && !Double.isNaN(s) && s >= RIGHT_FROM;
    }

    /** Whether {@code system} got it wrong by {@code metric}; false for loss and unscored items. */
    public boolean wrong(String system, Metric metric) {
        double s = score(system, metric);
        return metric.higherIsBetter() && !Double.isNaN(s) && s < RIGHT_FROM;
    }
}
