package dev.modelfactory.engine.eval.stats;

/** A metric's mean over {@code n} items and its bootstrap 95 % confidence interval [low, high]. */
public record MetricSummary(double mean, double low, double high, int n) {
}
