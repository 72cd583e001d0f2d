package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;

/** What a running run reports, on its training thread (the session hands it over to the FX thread). */
public interface RunObserver {

    /** A step finished; {@code point} carries its train metrics and, when it evaluated, the eval loss. */
    void onPoint(long runId, MetricPoint point, int totalSteps);

    /** The run is holding between steps (after pause), or going again (after resume). */
    void onPaused(long runId, boolean paused);

    /** Sample generations of one step (already stored with the run). */
    default void onSamples(long runId, java.util.List<dev.modelfactory.ledger.store.run.RunSample> samples) {
    }

    /** New points of the run's per-contributor / per-tag loss series. */
    default void onSeries(long runId, java.util.List<dev.modelfactory.ledger.store.run.SeriesPoint> points) {
    }

    /** The run ended (COMPLETED, STOPPED or FAILED with its message). */
    void onFinished(RunEnd end);
}
