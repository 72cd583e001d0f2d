package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.Metric;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which examples to show. A filter's {@code metric} may be null: each task's first metric then decides
 * (an example of a task without the named metric never matches).
 */
public sealed interface ExampleFilter extends Predicate<Example> {

    /** Every example. */
    record All() implements ExampleFilter {
        @Override
        public boolean test(Example e) {
            return true;
        }
    }

    /** System {@code a} right and system {@code b} wrong. */
    record RightWrong(String a, String b, Metric metric) implements ExampleFilter {
        public RightWrong {
            Objects.requireNonNull(a, "a");
            Objects.requireNonNull(b, "b");
        }

        @Override
        public boolean test(Example e) {
            Metric m = metricOf(e, metric);
            return m != null && e.right(a, m) && e.wrong(b, m);
        }
    }

    /** Every system wrong. */
    record AllWrong(Metric metric) implements ExampleFilter {
        @Override
        public boolean test(Example e) {
            Metric m = metricOf(e, metric);
            return m != null && !e.outcomes().isEmpty() && e.outcomes().keySet().stream().allMatch(s -> e.wrong(s, m));
        }
    }

    /** {@code system}'s score on {@code metric} within [low, high]. */
    record ScoreRange(String system, Metric metric, double low, double high) implements ExampleFilter {
        public ScoreRange {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(metric, "metric");
            if (!(low <= high)) {
                throw new IllegalArgumentException("score range: low " + low + " is above high " + high);
            }
        }

        @Override
        public boolean test(Example e) {
            double s = e.score(system, metric);
            return !Double.isNaN(s) && s >= low && s <= high;
        }
    }

    /** Items carrying {@code tag}. */
    record Tag(String tag) implements ExampleFilter {
        public Tag {
            Objects.requireNonNull(tag, "tag");
        }

        @Override
        public boolean test(Example e) {
            return e.item().tags().contains(tag);
        }
    }

    private static Metric metricOf(Example e, Metric named) {
        var any = e.outcomes().values().stream().findFirst();
        if (any.isEmpty()) {
            return null;
        }
        var scored = any.get().scores().keySet();
        if (named != null) {
            return scored.contains(named) ? named : null;
        }
        return scored.stream().sorted().findFirst().orElse(null);
    }
}
