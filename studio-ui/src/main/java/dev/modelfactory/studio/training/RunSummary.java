package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * A row of the run table: the stored record and figures computed from its stored points (final and best
 * eval loss, mean tokens/s over the steps that report it, wall time of the last point).
 */
public record RunSummary(RunRecord record, OptionalDouble finalEvalLoss, OptionalDouble bestEvalLoss,
        OptionalDouble tokensPerSecond, Duration duration, long lastStep) {

    public static RunSummary of(RunRecord record, List<MetricPoint> points) {
        OptionalDouble last = OptionalDouble.empty();
        double best = Double.POSITIVE_INFINITY;
        double tps = 0;
        int tpsCount = 0;
        long elapsed = 0;
        long step = 0;
        for (MetricPoint p : points) {
            if (p.evalLoss().isPresent()) {
                last = p.evalLoss();
                best = Math.min(best, p.evalLoss().getAsDouble());
            }
            if (p.tokensPerSecond().isPresent()) {
                tps += p.tokensPerSecond().getAsDouble();
                tpsCount++;
            }
            elapsed = Math.max(elapsed, p.elapsedMillis());
            step = Math.max(step, p.step());
        }
        Duration d = record.endedAt().map(e -> Duration.between(record.startedAt(), e))
                .filter(x -> points.isEmpty()).orElse(Duration.ofMillis(elapsed));
        return new RunSummary(record, last, best == Double.POSITIVE_INFINITY ? OptionalDouble.empty()
                : OptionalDouble.of(best), tpsCount == 0 ? OptionalDouble.empty() : OptionalDouble.of(tps / tpsCount),
                d, step);
    }

    public long id() {
        return record.id();
    }

    public String name() {
        return record.spec().name();
    }

    /** "running", "completed", "interrupted" ... */
    public String outcome() {
        return record.outcome().name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "12m 05s", "41s". */
    public static String duration(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh %02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm %02ds", s / 60, s % 60) : s + "s";
    }

    static Instant now() {
        return Instant.now();
    }
}
