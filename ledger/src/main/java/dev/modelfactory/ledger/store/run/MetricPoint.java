package dev.modelfactory.ledger.store.run;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One point of a run's curves at a step. A metric absent at this step (eval loss is taken every N steps)
 * is empty; recording a point for a step that already has one fills in the metrics the new point has
 * and keeps the others.
 */
public record MetricPoint(long step, double epoch, long elapsedMillis, OptionalDouble trainLoss,
        OptionalDouble evalLoss, OptionalDouble learningRate, OptionalDouble gradNorm, OptionalDouble tokensPerSecond,
        OptionalLong memoryBytes) {

    public MetricPoint {
        if (step < 0) {
            throw new IllegalArgumentException("step: must be >= 0, got " + step);
        }
        for (OptionalDouble v : new OptionalDouble[] {trainLoss, evalLoss, learningRate, gradNorm, tokensPerSecond}) {
            if (v.isPresent() && !Double.isFinite(v.getAsDouble())) {
                // Non-finite values stop a run; they are reported in its message, not stored as points.
                throw new IllegalArgumentException("step " + step + ": metric values must be finite, got "
                        + v.getAsDouble());
            }
        }
    }

    /** A training-step point. */
    public static MetricPoint train(long step, double epoch, long elapsedMillis, double loss, double lr,
            double gradNorm, double tokensPerSecond, long memoryBytes) {
        return new MetricPoint(step, epoch, elapsedMillis, OptionalDouble.of(loss), OptionalDouble.empty(),
                OptionalDouble.of(lr), OptionalDouble.of(gradNorm), OptionalDouble.of(tokensPerSecond),
                OptionalLong.of(memoryBytes));
    }

    /** An evaluation point. */
    public static MetricPoint eval(long step, double epoch, long elapsedMillis, double evalLoss) {
        return new MetricPoint(step, epoch, elapsedMillis, OptionalDouble.empty(), OptionalDouble.of(evalLoss),
                OptionalDouble.empty(), OptionalDouble.empty(), OptionalDouble.empty(), OptionalLong.empty());
    }
}
