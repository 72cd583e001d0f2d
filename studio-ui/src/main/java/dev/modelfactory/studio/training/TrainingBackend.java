package dev.modelfactory.studio.training;

import dev.modelfactory.ledger.store.run.MetricPoint;
import dev.modelfactory.ledger.store.run.RunRecord;
import dev.modelfactory.ledger.store.run.RunSample;
import java.util.List;

/**
 * What the Fine-tune and Training pages need from training; the app implements it over its TrainingService
 * (plan / start / resume) and the workspace's RunStore. Every method may be slow: the pages call them from
 * background tasks, never the FX thread. Bad input throws {@link IllegalArgumentException} whose message
 * names the field ("seq_len: ...", "dataset: ...").
 */
public interface TrainingBackend {

    /** Base models the user can train: imported ones, and the starter model when present. */
    List<BaseModelChoice> models();

    /** Datasets with at least one frozen version. */
    List<DatasetChoice> datasets();

    /** The compute device runs go to, with the memory it has (bytes; 0 when unknown). */
    DeviceInfo device();

    /** Resolves, reads and encodes the request without starting anything. */
    RunPlan plan(RunRequest request);

    /** One real training example of the request, rendered with the chat template, with its loss mask. */
    ExamplePreview preview(RunRequest request);

    /** The built-in chat formats a run may choose instead of the model's own template ("chatml", ...). */
    List<String> chatTemplates();

    /**
     * Times a few real training steps of the request and works out the run's wall time; stores nothing.
     * Stops early (throwing {@link java.util.concurrent.CancellationException}) once {@code cancelled} says so.
     */
    RunWarmup measure(RunRequest request, java.util.function.BooleanSupplier cancelled) throws InterruptedException;

    /** A run's sample generations, by step then prompt. */
    List<RunSample> samples(long runId);

    /** Records a new run and starts it on its own thread; the observer hears about it on that thread. */
    RunControl start(RunRequest request, RunObserver observer);

    /** Continues an interrupted, stopped or failed run from its last checkpoint. */
    RunControl resume(long runId, RunObserver observer);

    /** Every stored run, newest first. */
    List<RunRecord> runs();

    /** Every stored metric point of a run, by step. */
    List<MetricPoint> metrics(long runId);

    /**
     * The per-contributor and per-tag loss series a run keeps (contributors by rows, then tags); empty for a
     * run that kept none, and from a backend that keeps none.
     */
    default List<dev.modelfactory.ledger.store.run.RunSeries> series(long runId) {
        return List.of();
    }

    /** Every stored point of a run's loss series. */
    default List<dev.modelfactory.ledger.store.run.SeriesPoint> seriesPoints(long runId) {
        return List.of();
    }
}
