package dev.modelfactory.engine.train.loop;

/**
 * What one optimiser step reports. {@code loss} is the mean cross-entropy per loss token over the step's
 * micro-batches; {@code evalLoss} the validation loss when this step evaluated, else NaN; {@code epoch}
 * counts passes over the data (fractional: 1.5 = halfway through the second); {@code gradNorm} is before
 * clipping; {@code tokensPerSecond} counts the step's non-padding tokens; {@code memoryBytes} is the JVM
 * heap in use after the step.
 */
public record StepMetrics(int step, double epoch, double loss, double evalLoss, double lr, double gradNorm,
        double tokensPerSecond, long memoryBytes) {

    public boolean hasEvalLoss() {
        return !Double.isNaN(evalLoss);
    }
}
