package dev.modelfactory.studio.benchmarks.report;

import dev.modelfactory.engine.eval.Metric;
import dev.modelfactory.engine.eval.stats.PairedComparison;

/**
 * What a paired comparison says about a system against the baseline, by the metric's direction: better or
 * worse when the interval excludes zero, else within the noise. Each has a symbol, so the mark does not rest
 * on colour alone.
 */
public enum Verdict {
    BETTER("\u25B2", "significantly better"),
    WORSE("\u25BC", "significantly worse"),
    NOISE("", "within the noise");

    private final String symbol;
    private final String words;

    Verdict(String symbol, String words) {
        this.symbol = symbol;
        this.words = words;
    }

    public static Verdict of(Metric metric, PairedComparison delta) {
        if (!delta.significant()) {
            return NOISE;
        }
        boolean up = delta.difference() > 0;
        return up == metric.higherIsBetter() ? BETTER : WORSE;
    }

    public String symbol() {
        return symbol;
    }

    public String words() {
        return words;
    }

    /** The delta as shown in tables: {@code +0.250 [+0.100, +0.400] ▲}. */
    public static String deltaText(Metric metric, PairedComparison d) {
        Verdict v = of(metric, d);
        return Markup.signed(d.difference()) + " [" + Markup.signed(d.low()) + ", " + Markup.signed(d.high()) + "]"
                + (v.symbol.isEmpty() ? "" : " " + v.symbol);
    }

    /** A mean and its interval: {@code 0.750 [0.500, 1.000]}. */
    public static String meanText(dev.modelfactory.engine.eval.stats.MetricSummary s) {
        return Markup.score(s.mean()) + " [" + Markup.score(s.low()) + ", " + Markup.score(s.high()) + "]";
    }
}
