package dev.modelfactory.app.training;

/**
 * What a short warm-up measured, and the whole run's wall time worked out from it.
 *
 * @param measuredSteps    optimiser steps timed (the first step, which warms up the JIT and allocates, is
 *                         run but not counted)
 * @param secondsPerStep   mean wall time of a timed step
 * @param tokensPerSecond  non-padding tokens per second over the timed steps
 * @param totalSteps       the run's optimiser steps
 * @param estimatedSeconds {@code secondsPerStep · totalSteps}: training steps only (evaluations, samples and
 *                         checkpoints come on top)
 */
public record WarmupEstimate(int measuredSteps, double secondsPerStep, double tokensPerSecond, int totalSteps,
        double estimatedSeconds) {
}
