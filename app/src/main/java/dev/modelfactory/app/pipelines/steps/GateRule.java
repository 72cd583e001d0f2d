package dev.modelfactory.app.pipelines.steps;

import dev.modelfactory.engine.eval.stats.PairedComparison;
import java.util.Locale;

/**
 * The gate's decision from a paired comparison (system − baseline, with its 95 % paired-bootstrap interval):
 * {@code beats} passes when the whole interval lies above {@code margin} (better, outside the interval's
 * noise); {@code not_worse} passes when the interval's low end is at least {@code -margin}.
 */
public final class GateRule {

    private GateRule() {
    }

    public static boolean passes(String rule, double margin, PairedComparison c) {
        return switch (rule) {
            case "beats" -> c.low() > margin;
            case "not_worse" -> c.low() >= -margin;
            default -> throw new IllegalArgumentException("rule: expected beats or not_worse, got '" + rule + "'");
        };
    }

    /** What the gate compared, in one line. */
    public static String describe(String system, String baseline, String metric, String task, PairedComparison c) {
        return String.format(Locale.ROOT, "%s vs %s on %s (%s): difference %+.3f, 95%% interval [%+.3f, %+.3f],"
                + " wins/ties/losses %d/%d/%d", system, baseline, metric, task, c.difference(), c.low(), c.high(),
                c.wins(), c.ties(), c.losses());
    }
}
