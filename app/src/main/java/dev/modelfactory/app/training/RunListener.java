package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.StepMetrics;

/**
 * What a running training reports, called on the training thread (keep it short; a UI hands it over to
 * its own thread). Metrics are also stored in the workspace, so a listener may drop points.
 */
public interface RunListener {

    default void onStep(long runId, StepMetrics metrics, int totalSteps) {
    }

    default void onCheckpoint(long runId, int step) {
    }

    default void onPaused(long runId, int step) {
    }

    /** Sample generations of one step (already stored with the run). */
    default void onSamples(long runId, java.util.List<dev.modelfactory.ledger.store.run.RunSample> samples) {
    }

    /** New points of the run's per-contributor / per-tag loss series (stored with the run soon after). */
    default void onSeries(long runId, java.util.List<dev.modelfactory.ledger.store.run.SeriesPoint> points) {
    }

    default void onFinished(TrainingOutcome outcome) {
    }

    RunListener NONE = new RunListener() {
    };
}
