package dev.modelfactory.app.training;

import dev.modelfactory.engine.train.loop.StepMetrics;
import dev.modelfactory.engine.train.loop.TrainingControl;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A run training on its background thread. Pause holds it between steps (state in memory); stop ends it
 * with a final checkpoint and its adapter (STOPPED, resumable); cancel ends it with a final checkpoint and
 * no adapter (STOPPED, resumable). Every method may be called from any thread.
 */
public final class RunHandle {

    private final long runId;
    private final int totalSteps;
    private final TrainingControl control;
    private final CompletableFuture<TrainingOutcome> done = new CompletableFuture<>();
    private final AtomicReference<StepMetrics> latest = new AtomicReference<>();
    private volatile boolean keepAdapter;

    RunHandle(long runId, int totalSteps, TrainingControl control) {
        this.runId = runId;
        this.totalSteps = totalSteps;
        this.control = control;
    }

    public long runId() {
        return runId;
    }

    public int totalSteps() {
        return totalSteps;
    }

    /** The last step's metrics, if a step has finished. */
    public Optional<StepMetrics> progress() {
        return Optional.ofNullable(latest.get());
    }

    public void pause() {
        control.pause();
    }

    public void resume() {
        control.resume();
    }

    public boolean isPaused() {
        return control.isPauseRequested();
    }

    /** Ends the run after the current step, keeping a final checkpoint and saving its adapter. */
    public void stop() {
        keepAdapter = true;
        control.cancel();
    }

    /** Ends the run after the current step, keeping a final checkpoint but writing no adapter. */
    public void cancel() {
        control.cancel();
    }

    /** Waits for the run to end. */
    public TrainingOutcome await() throws InterruptedException {
        try {
            return done.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("run " + runId + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Completes when the run ends (for callers that prefer not to block). */
    public CompletableFuture<TrainingOutcome> completion() {
        return done.copy();
    }

    boolean keepAdapter() {
        return keepAdapter;
    }

    void stepped(StepMetrics m) {
        latest.set(m);
    }

    void finished(TrainingOutcome o) {
        done.complete(o);
    }
}
