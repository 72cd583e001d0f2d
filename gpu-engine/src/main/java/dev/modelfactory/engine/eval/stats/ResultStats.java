package dev.modelfactory.engine.eval.stats;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import java.util.List;

/**
 * Statistics of a stored {@link EvalResult}, per task, system and metric, with the default bootstrap
 * (2000 resamples, a fixed seed, so re-opening a result shows the same intervals). Scores pair item by
 * item in the task's item order.
 */
public final class ResultStats {

    /** The seed every default interval uses. */
    public static final long DEFAULT_SEED = 20261125L;

    private ResultStats() {
    }

    /** {@code system}'s per-item scores of {@code metric} on {@code task}, in the task's item order. */
    public static double[] scores(EvalResult result, EvalTask task, String system, Metric metric) {
        return outcomes(result, task, system).stream().mapToDouble(o -> o.score(metric)).toArray();
    }

    /** Mean and 95 % interval; for LOSS the mean of per-item mean NLLs (see {@link #perplexity}). */
    public static MetricSummary summary(EvalResult result, EvalTask task, String system, Metric metric) {
        return Bootstrap.summary(scores(result, task, system, metric), Bootstrap.DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** System {@code b} against {@code a} on {@code task}'s items (difference b - a). */
    public static PairedComparison compare(EvalResult result, EvalTask task, String a, String b, Metric metric) {
        return Bootstrap.paired(scores(result, task, a, metric), scores(result, task, b, metric),
                metric.higherIsBetter(), Bootstrap.DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /** Perplexity of a LOSS task: exp of the mean NLL per reference token over all items (token-weighted). */
    public static double perplexity(EvalResult result, EvalTask task, String system) {
        double nll = 0;
        long tokens = 0;
        for (ItemOutcome o : outcomes(result, task, system)) {
            nll += o.score(Metric.LOSS) * o.tokens();
            tokens += o.tokens();
        }
        if (tokens == 0) {
            throw new IllegalArgumentException("task " + task.name() + " has no scored tokens for " + system);
        }
        return Math.exp(nll / tokens);
    }

    private static List<ItemOutcome> outcomes(EvalResult result, EvalTask task, String system) {
        return result.outcomes(system, task.name(), task.items().stream().map(EvalItem::id).toList());
    }
}
