package dev.modelfactory.app.pipelines;

import dev.modelfactory.ledger.store.pipeline.PipelineRunRecord;
import dev.modelfactory.ledger.store.pipeline.StepRecord;

/**
 * What a running pipeline reports, called on the run's thread (keep it short; a UI hands it to its own
 * thread). Everything reported is also stored, so a listener may drop events and re-read the store.
 */
public interface PipelineListener {

    /** The run was stored (or a resumed run started again). */
    default void onRunStarted(PipelineRunRecord run) {
    }

    /** A step turned RUNNING, with its inputs hash. */
    default void onStepStarted(long runId, StepRecord step) {
    }

    /** A line of a step's log (also appended to the stored log). */
    default void onLog(long runId, int stepIndex, String line) {
    }

    /** A step ended: SUCCEEDED, SKIPPED, FAILED, CANCELLED, or WAITING (an approve step). */
    default void onStepEnded(long runId, StepRecord step) {
    }

    /** The run stopped: SUCCEEDED, FAILED, CANCELLED or WAITING. */
    default void onRunEnded(PipelineRunRecord run) {
    }

    PipelineListener NONE = new PipelineListener() {
    };
}
