package dev.modelfactory.engine.eval.stats;

/**
 * System B against system A on the same items: mean difference (B - A) with its paired-bootstrap 95 %
 * interval, per-item wins / ties / losses of B (by the metric's direction), and whether the interval
 * excludes zero.
 */
public record PairedComparison(double difference, double low, double high, int wins, int ties, int losses,
        boolean significant) {
}
