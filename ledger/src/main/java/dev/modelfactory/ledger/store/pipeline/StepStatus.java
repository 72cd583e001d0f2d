package dev.modelfactory.ledger.store.pipeline;

/** Where one step of a run stands. */
public enum StepStatus {
    /** Not reached yet. */
    PENDING,
    RUNNING,
    SUCCEEDED,
    /** Not executed: an earlier run's step with the same inputs hash made outputs that still exist. */
    SKIPPED,
    FAILED,
    CANCELLED,
    /** An {@code approve} step waiting for a person. */
    WAITING;

    /** True when the step's outputs are available to the steps after it. */
    public boolean done() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
