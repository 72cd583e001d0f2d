package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A grouped bar chart with error bars, independent of how it is drawn (SVG in the report, JavaFX shapes on
 * the page): groups along the x axis, one bar per series (system) in each, the bar at the mean and the
 * error bar over the 95 % interval. {@code yMax} is a round number above every interval.
 */
public record BarChartModel(String title, List<String> series, List<Group> groups, double yMax) {

    /** Series colours, the same on the page and in the report (a colour-blind-safe palette, Okabe-Ito). */
    public static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9",
            "#D55E00", "#F0E442", "#000000");

    /** One bar. */
    public record Bar(String series, double mean, double low, double high) {
    }

    /** One group of bars under an x-axis label. */
    public record Group(String label, List<Bar> bars) {
        public Group {
            Objects.requireNonNull(label, "label");
            bars = List.copyOf(bars);
        }
    }

    public BarChartModel {
        Objects.requireNonNull(title, "title");
        series = List.copyOf(series);
        groups = List.copyOf(groups);
    }

    /** The colour of series {@code index}. */
    public static String colour(int index) {
        return PALETTE.get(index % PALETTE.size());
    }

    /** One task's metrics: a group per metric, a bar per system. */
    public static BarChartModel perMetric(Comparison c, String task) {
        List<Group> groups = new ArrayList<>();
        for (Metric m : c.metrics().get(task)) {
            groups.add(new Group(m.id(), bars(c, task, m)));
        }
        return of(task + ": every metric", c.systems(), groups);
    }

    /** Across tasks: a group per task (its first metric, named in the label), a bar per system. */
    public static BarChartModel acrossTasks(Comparison c) {
        List<Group> groups = new ArrayList<>();
        for (String task : c.tasks()) {
            Metric m = c.primaryMetric(task);
            groups.add(new Group(task + " (" + m.id() + ")", bars(c, task, m)));
        }
        return of("Across tasks", c.systems(), groups);
    }

    static BarChartModel of(String title, List<String> series, List<Group> groups) {
        double top = 0;
        for (Group g : groups) {
            for (Bar b : g.bars()) {
                top = Math.max(top, Math.max(b.high(), b.mean()));
            }
        }
        return new BarChartModel(title, series, groups, niceCeiling(top));
    }

    /** The smallest of 1, 2, 2.5, 5 x 10^k at or above {@code v} (1 for scores in [0, 1]). */
    static double niceCeiling(double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * p >= v - 1e-12) {
                return f * p;
            }
        }
        return 10 * p;
    }

    private static List<Bar> bars(Comparison c, String task, Metric m) {
        return c.systems().stream().map(s -> {
            var sum = c.cell(task, m, s).summary();
            return new Bar(s, sum.mean(), sum.low(), sum.high());
        }).toList();
    }
}
