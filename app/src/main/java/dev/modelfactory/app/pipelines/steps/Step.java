package dev.modelfactory.app.pipelines.steps;

import java.util.Map;

/** What one kind of step does. Implementations are stateless; everything a run needs is in the context. */
public interface Step {

    /**
     * What the step reads beyond its fields and its inputs' hashes, by content hash: a file's bytes, a
     * registered model's id. Part of the step's inputs hash, so a change here re-runs the step.
     */
    default Map<String, Object> externalInputs(StepContext ctx) {
        return Map.of();
    }

    /**
     * Does the work.
     *
     * @throws StepFailedException for a reason the user acts on (the run fails with it)
     * @throws java.util.concurrent.CancellationException when the run was cancelled
     */
    StepResult run(StepContext ctx) throws Exception;
}
