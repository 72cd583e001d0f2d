package dev.modelfactory.studio.training;

/**
 * A few real training steps of the configured run, timed before it starts (nothing stored).
 *
 * @param measuredSteps    steps timed (after one untimed warm-up step)
 * @param secondsPerStep   mean wall time of a timed step
 * @param tokensPerSecond  non-padding tokens per second over the timed steps
 * @param totalSteps       the run's optimiser steps
 * @param estimatedSeconds the run's training steps at that pace (evaluation, samples and checkpoints on top)
 */
public record RunWarmup(int measuredSteps, double secondsPerStep, double tokensPerSecond, int totalSteps,
        double estimatedSeconds) {
}
