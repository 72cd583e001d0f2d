package dev.modelfactory.engine.train.loop;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a run ended: {@code steps} optimiser steps done (those of a resumed run included), a message that
 * says why for CANCELLED and FAILED, the last good checkpoint (if any) and every step's metrics.
 */
public record TrainingResult(Outcome outcome, int steps, String message, Optional<Path> lastCheckpoint,
        List<StepMetrics> metrics) {

    public enum Outcome { COMPLETED, CANCELLED, FAILED }

    public TrainingResult {
        metrics = List.copyOf(metrics);
    }
}
