package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.EvalItem;
import dev.modelfactory.engine.eval.EvalResult;
import dev.modelfactory.engine.eval.EvalSuite;
import dev.modelfactory.engine.eval.ItemOutcome;
import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.stats.Bootstrap;
import dev.modelfactory.engine.eval.stats.MetricSummary;
import dev.modelfactory.engine.eval.stats.PairedComparison;
import dev.modelfactory.engine.eval.stats.ResultStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The statistics of one result against a chosen baseline: for every task x metric x system the mean and its
 * bootstrap 95 % interval, and for every non-baseline system the paired difference (system - baseline) with
 * its interval. Tasks and items keep the order they first appear in the result's outcomes; metrics keep the
 * enum order. Pure computation: the same inputs (and seed) give the same numbers.
 */
public record Comparison(EvalResult result, String baseline, List<String> tasks, Map<String, List<Metric>> metrics,
        Map<String, List<String>> itemIds, List<Cell> cells) {

    /**
     * The seed of the bootstrap resampling: the engine's, so a reopened comparison, the CLI's
     * {@code eval compare} and this page show the same intervals.
     */
    public static final long SEED = ResultStats.DEFAULT_SEED;

    /** One table cell: {@code delta} is empty for the baseline itself. */
    public record Cell(String task, Metric metric, String system, MetricSummary summary,
            Optional<PairedComparison> delta) {
    }

    public Comparison {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(baseline, "baseline");
        tasks = List.copyOf(tasks);
        metrics = Map.copyOf(metrics);
        itemIds = Map.copyOf(itemIds);
        cells = List.copyOf(cells);
    }

    /** Computes the comparison with {@link Bootstrap#DEFAULT_RESAMPLES} and {@link #SEED}. */
    public static Comparison of(EvalResult result, String baseline) {
        return of(result, baseline, Bootstrap.DEFAULT_RESAMPLES, SEED);
    }

    /**
     * As {@link #of(EvalResult, String)}, items in {@code suite}'s task order (the order the engine's
     * {@link ResultStats} resamples in, so the intervals are the same numbers).
     */
    public static Comparison of(EvalSuite suite, EvalResult result, String baseline) {
        return of(suite, result, baseline, Bootstrap.DEFAULT_RESAMPLES, SEED);
    }

    /** Items in the result's order (first seen); see {@link #of(EvalSuite, EvalResult, String, int, long)}. */
    public static Comparison of(EvalResult result, String baseline, int resamples, long seed) {
        return of(null, result, baseline, resamples, seed);
    }

    /**
     * Computes the comparison; items of a task in {@code suite}'s order when given (null: the result's order).
     *
     * @throws IllegalArgumentException when {@code baseline} is not one of the result's systems, or a system
     *         lacks an outcome another has
     */
    public static Comparison of(EvalSuite suite, EvalResult result, String baseline, int resamples, long seed) {
        List<String> systems = systems(result);
        if (!systems.contains(baseline)) {
            throw new IllegalArgumentException("baseline " + baseline + " is not one of the systems " + systems);
        }
        Map<String, Set<String>> ids = new LinkedHashMap<>();
        Map<String, Set<Metric>> taskMetrics = new LinkedHashMap<>();
        for (ItemOutcome o : result.outcomes()) {
            ids.computeIfAbsent(o.task(), t -> new LinkedHashSet<>()).add(o.itemId());
            taskMetrics.computeIfAbsent(o.task(), t -> new TreeSet<>()).addAll(o.scores().keySet());
        }
        List<String> tasks = List.copyOf(ids.keySet());
        Map<String, List<String>> itemIds = new LinkedHashMap<>();
        Map<String, List<Metric>> metrics = new LinkedHashMap<>();
        List<Cell> cells = new ArrayList<>();
        for (String task : tasks) {
            List<String> items = order(suite, task, ids.get(task));
            List<Metric> ms = List.copyOf(taskMetrics.get(task));
            itemIds.put(task, items);
            metrics.put(task, ms);
            for (Metric m : ms) {
                double[] base = scores(result, baseline, task, items, m);
                for (String system : systems) {
                    double[] s = scores(result, system, task, items, m);
                    MetricSummary summary = Bootstrap.summary(s, resamples, seed);
                    Optional<PairedComparison> delta = system.equals(baseline) ? Optional.empty()
                            : Optional.of(Bootstrap.paired(base, s, m.higherIsBetter(), resamples, seed));
                    cells.add(new Cell(task, m, system, summary, delta));
                }
            }
        }
        return new Comparison(result, baseline, tasks, metrics, itemIds, cells);
    }

    /** The result's system labels, in the order the job was given them. */
    public static List<String> systems(EvalResult result) {
        return result.systems().stream().map(s -> s.label()).toList();
    }

    public List<String> systems() {
        return systems(result);
    }

    /** The cell of {@code task} x {@code metric} x {@code system}. */
    public Cell cell(String task, Metric metric, String system) {
        return cells.stream().filter(c -> c.task().equals(task) && c.metric() == metric && c.system().equals(system))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(
                        "no cell " + task + " / " + metric.id() + " / " + system));
    }

    /** The first metric of each task: the one charted across tasks. */
    public Metric primaryMetric(String task) {
        return metrics.get(task).getFirst();
    }

    /** The suite task's item order restricted to the scored items, then any item the suite lacks. */
    private static List<String> order(EvalSuite suite, String task, Set<String> scored) {
        if (suite == null) {
            return List.copyOf(scored);
        }
        LinkedHashSet<String> ordered = new LinkedHashSet<>();
        suite.tasks().stream().filter(t -> t.name().equals(task)).flatMap(t -> t.items().stream())
                .map(EvalItem::id).filter(scored::contains).forEach(ordered::add);
        ordered.addAll(scored);
        return List.copyOf(ordered);
    }

    private static double[] scores(EvalResult result, String system, String task, List<String> items, Metric m) {
        return result.outcomes(system, task, items).stream().mapToDouble(o -> o.score(m)).toArray();
    }
}
