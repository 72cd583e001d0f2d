package dev.modelfactory.engine.train.optim;

/**
 * The learning rate of optimiser step {@code s} (0-based), as Transformers'
 * {@code get_constant_schedule_with_warmup}, {@code get_linear_schedule_with_warmup} and
 * {@code get_cosine_schedule_with_warmup} (half a cycle) compute it: the Trainer applies the value for
 * {@code s} to the s-th update, so with warmup the first update runs at lr 0.
 * <pre>
 *   s &lt; warmup:  peak · s / max(1, warmup)
 *   constant:    peak
 *   linear:      peak · max(0, (total − s) / max(1, total − warmup))
 *   cosine:      peak · max(0, ½(1 + cos(π · (s − warmup) / max(1, total − warmup))))
 * </pre>
 */
public record LrSchedule(ScheduleKind kind, double peak, int warmupSteps, int totalSteps) {

    public LrSchedule {
        if (kind == null) {
            throw new IllegalArgumentException("schedule: required");
        }
        if (!(peak >= 0) || !Double.isFinite(peak)) {
            throw new IllegalArgumentException("learningRate: must be >= 0, got " + peak);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps: must be >= 0, got " + warmupSteps);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("total steps: must be >= 1, got " + totalSteps);
        }
    }

    public double lr(int step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double rest = Math.max(1, totalSteps - warmupSteps);
        return switch (kind) {
            case CONSTANT -> peak;
            case LINEAR -> peak * Math.max(0.0, (totalSteps - step) / rest);
            case COSINE -> peak * Math.max(0.0, 0.5 * (1 + StrictMath.cos(Math.PI * (step - warmupSteps) / rest)));
        };
    }
}
