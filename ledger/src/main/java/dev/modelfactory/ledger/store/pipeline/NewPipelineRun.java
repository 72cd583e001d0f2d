package dev.modelfactory.ledger.store.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A run to store: the pipeline as it runs and its steps (stored PENDING).
 *
 * @param steps the steps' names and kinds, in order
 */
public record NewPipelineRun(String pipelineName, String file, String pipelineText, RunTrigger trigger,
        List<StepName> steps) {

    /** A step's name and kind. */
    public record StepName(String name, String kind) {
    }

    public NewPipelineRun {
        Objects.requireNonNull(pipelineName, "pipelineName");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(pipelineText, "pipelineText");
        Objects.requireNonNull(trigger, "trigger");
        steps = List.copyOf(steps);
    }
}
