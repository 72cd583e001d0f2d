package dev.modelfactory.app.pipelines;

import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A run that was started or resumed: its id, cancel, and its ending (the stored run once it stopped). */
public final class PipelineRunHandle {

    private final long runId;
    private final AtomicBoolean cancelled;
    private final CompletableFuture<PipelineRunRecord> completion;

    PipelineRunHandle(long runId, AtomicBoolean cancelled, CompletableFuture<PipelineRunRecord> completion) {
        this.runId = runId;
        this.cancelled = cancelled;
        this.completion = completion;
    }

    public long runId() {
        return runId;
    }

    /** Asks the run to stop: the running step is cancelled at its next safe point, the run ends CANCELLED. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean cancelRequested() {
        return cancelled.get();
    }

    /** Waits for the run to stop (SUCCEEDED, FAILED, CANCELLED or WAITING) and returns it as stored. */
    public PipelineRunRecord await() throws InterruptedException {
        try {
            return completion.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("pipeline run " + runId + " failed unexpectedly: " + e.getCause(),
                    e.getCause());
        }
    }

    public CompletableFuture<PipelineRunRecord> completion() {
        return completion;
    }
}
