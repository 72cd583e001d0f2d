package dev.modelfactory.ledger.store.pipeline;

/** Where a pipeline run stands. */
public enum PipelineRunStatus {
    /** A process is executing it. */
    RUNNING,
    /** Stopped at an {@code approve} step until a person approves or rejects (then resumed). */
    WAITING,
    /** Every step succeeded or was skipped. */
    SUCCEEDED,
    /** A step failed (a gate, a check threshold, a rejection, an error); resumable from that step. */
    FAILED,
    /** Cancelled by the user; resumable from the step that was running. */
    CANCELLED,
    /** Its process died while it was RUNNING (found when the workspace was next opened); resumable. */
    INTERRUPTED;

    /** True when {@code resume} may continue it. */
    public boolean resumable() {
        return this == WAITING || this == FAILED || this == CANCELLED || this == INTERRUPTED;
    }

    /** True when the run is over for good or for now (not RUNNING). */
    public boolean ended() {
        return this != RUNNING;
    }
}
