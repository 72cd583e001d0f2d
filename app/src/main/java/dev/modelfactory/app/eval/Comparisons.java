package dev.modelfactory.app.eval;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.EvalSystem;
import dev.modelfactory.engine.eval.EvalTask;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.stats.Bootstrap;
import dev.modelfactory.engine.eval.stats.MetricSummary;
import dev.modelfactory.engine.eval.stats.PairedComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statistics over stored results: each system's mean per task and metric with its bootstrap 95 % interval,
 * and paired comparisons of two systems on the same items (the suite's item order pairs them), so
 * "better" means the difference's interval excludes zero.
 */
public final class Comparisons {

    /** One system's summary of one metric on one task. */
    public record Summary(String system, String task, Metric metric, MetricSummary summary) {
    }

    /** System {@code system} against {@code baseline} on one task and metric (difference = system - baseline). */
    public record Paired(String task, Metric metric, String baseline, String system, PairedComparison comparison) {
    }

    /** Fixed, so reopening a run shows the same intervals. */
    private static final long SEED = 20_26L;

    private Comparisons() {
    }

    /** Every system, task and metric of {@code result}, in the suite's order. */
    public static List<Summary> summaries(EvalSuite suite, EvalResult result) {
        List<Summary> out = new ArrayList<>();
        for (EvalSystem s : result.systems()) {
            for (EvalTask t : suite.tasks()) {
                for (Metric m : t.metrics()) {
                    out.add(new Summary(s.label(), t.name(), m, Bootstrap.summary(scores(result, s.label(), t, m),
                            Bootstrap.DEFAULT_RESAMPLES, SEED)));
                }
            }
        }
        return out;
    }

    /**
     * {@code system} of {@code b} against {@code baseline} of {@code a} on every task and metric of the suite
     * both ran (or only {@code metric}).
     */
    public static List<Paired> compare(EvalSuite suite, EvalResult a, String baseline, EvalResult b, String system,
            Optional<Metric> metric) {
        requireSystem(a, baseline);
        requireSystem(b, system);
        List<Paired> out = new ArrayList<>();
        for (EvalTask t : suite.tasks()) {
            for (Metric m : t.metrics()) {
                if (metric.isPresent() && metric.get() != m) {
                    continue;
                }
                out.add(new Paired(t.name(), m, baseline, system, Bootstrap.paired(scores(a, baseline, t, m),
                        scores(b, system, t, m), m.higherIsBetter(), Bootstrap.DEFAULT_RESAMPLES, SEED)));
            }
        }
        if (out.isEmpty() && metric.isPresent()) {
            throw new IllegalArgumentException("metric: no task of suite " + suite.name() + " is scored by "
                    + metric.get().id());
        }
        return out;
    }

    /** Every other system of {@code result} against {@code baseline}. */
    public static List<Paired> againstBaseline(EvalSuite suite, EvalResult result, String baseline,
            Optional<Metric> metric) {
        requireSystem(result, baseline);
        List<Paired> out = new ArrayList<>();
        for (EvalSystem s : result.systems()) {
            if (!s.label().equals(baseline)) {
                out.addAll(compare(suite, result, baseline, result, s.label(), metric));
            }
        }
        return out;
    }

    static double[] scores(EvalResult r, String system, EvalTask task, Metric m) {
        List<String> ids = task.items().stream().map(EvalItem::id).toList();
        return r.outcomes(system, task.name(), ids).stream().mapToDouble(o -> o.score(m)).toArray();
    }

    private static void requireSystem(EvalResult r, String label) {
        if (r.systems().stream().noneMatch(s -> s.label().equals(label))) {
            throw new IllegalArgumentException("system: no system labelled '" + label + "' (the run has "
                    + r.systems().stream().map(EvalSystem::label).toList() + ")");
        }
    }
}
